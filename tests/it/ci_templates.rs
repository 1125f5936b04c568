//! The CI integrations: the GitHub Action (`action.yml`) with its example workflow
//! (`docs/ci/github-workflow.yml`), checked with actionlint (from the Go module proxy;
//! `scripts/install-test-tools.sh` puts it in `target/tools/bin`), and the GitLab CI template
//! (`docs/ci/argolint.gitlab-ci.yml`). The scripts of both are run with the argolint under test
//! on a good and a bad manifest. actionlint and PyYAML (`tools/requirements.txt`) are needed:
//! on CI (`CI` set) their absence fails, elsewhere the tests skip with a message.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn skip(what: &str, why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what}: {why} (CI must run this test: scripts/install-test-tools.sh)");
    }
    eprintln!("SKIPPED: {what}: {why}");
}

fn actionlint() -> Option<PathBuf> {
    let local = root().join("target/tools/bin/actionlint");
    if local.exists() {
        return Some(local);
    }
    if Command::new("actionlint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Some(PathBuf::from("actionlint"));
    }
    skip(
        "actionlint",
        "not found (scripts/install-test-tools.sh builds it into target/tools/bin)",
    );
    None
}

/// A YAML file as JSON, read by PyYAML (None, after `skip`, without it).
fn yaml(path: &Path) -> Option<Value> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
        ])
        .arg(path)
        .output();
    match out {
        Ok(o) if o.status.success() => Some(serde_json::from_slice(&o.stdout).unwrap()),
        Ok(o) => {
            skip(
                "reading CI templates",
                &format!(
                    "python3 with PyYAML failed (pip install -r tools/requirements.txt): {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                ),
            );
            None
        }
        Err(e) => {
            skip("reading CI templates", &format!("cannot run python3: {e}"));
            None
        }
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

/// A scratch folder with a manifest that lints clean and, when `bad`, one with an error.
fn manifests(bad: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("testdata/examples/hello-world.yaml"),
        dir.path().join("good.yaml"),
    )
    .unwrap();
    if bad {
        std::fs::copy(
            root().join("testdata/rules/duplicate-key/bad.yaml"),
            dir.path().join("bad.yaml"),
        )
        .unwrap();
    }
    dir
}

/// Runs a CI script with bash (`-e`, as both CI systems do) in `dir`, the argolint under
/// test first on PATH.
fn run_script(script: &str, dir: &Path, env: &[(&str, &str)]) -> Output {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_argolint"));
    let mut paths = vec![bin.parent().unwrap().to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(dir)
        .env("PATH", std::env::join_paths(paths).unwrap())
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

#[test]
fn actionlint_passes_the_example_workflow_and_checks_the_action_inputs() {
    let Some(actionlint) = actionlint() else {
        return;
    };
    let version = Command::new(&actionlint).arg("--version").output().unwrap();
    eprintln!("actionlint {}", text(&version).lines().next().unwrap_or(""));

    // As users copy it, with the published action.
    let example = root().join("docs/ci/github-workflow.yml");
    let out = Command::new(&actionlint).arg(&example).output().unwrap();
    assert!(out.status.success(), "actionlint: {}", text(&out));

    // In a scratch repository whose root is this action, so actionlint reads action.yml and
    // checks the workflow's `with:` against its inputs.
    let source = std::fs::read_to_string(&example).unwrap();
    let published = format!("uses: argolint/argolint@v{VERSION}");
    assert!(
        source.contains(&published),
        "the example must use the action of this version ({published})"
    );
    assert!(
        source.contains(&format!("version: \"{VERSION}\"")),
        "the example must pin this version of the wheel"
    );
    let local = source.replace(&published, "uses: ./");
    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    std::fs::create_dir_all(repo.path().join(".github/workflows")).unwrap();
    std::fs::copy(root().join("action.yml"), repo.path().join("action.yml")).unwrap();
    let workflow = repo.path().join(".github/workflows/argolint.yml");
    std::fs::write(&workflow, &local).unwrap();
    let lint = |dir: &Path| Command::new(&actionlint).current_dir(dir).output().unwrap();
    let out = lint(repo.path());
    assert!(out.status.success(), "actionlint: {}", text(&out));
    assert!(text(&out).trim().is_empty(), "{}", text(&out));

    // The same check catches an input the action does not have: the pass above means something.
    std::fs::write(&workflow, local.replace("args:", "argz:")).unwrap();
    let out = lint(repo.path());
    assert!(!out.status.success());
    assert!(
        text(&out).contains("input \"argz\" is not defined"),
        "{}",
        text(&out)
    );
}

#[test]
fn action_steps_write_sarif_and_annotate() {
    let Some(action) = yaml(&root().join("action.yml")) else {
        return;
    };
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let step = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("action.yml has no step {name:?}"))
    };
    let inputs = &action["inputs"];
    let default = |input: &str| inputs[input]["default"].as_str().unwrap().to_string();
    assert!(
        step("Set up Python")["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/setup-python@")
    );
    assert!(
        step("Upload SARIF to code scanning")["uses"]
            .as_str()
            .unwrap()
            .starts_with("github/codeql-action/upload-sarif@")
    );
    let sarif = step("SARIF report")["run"].as_str().unwrap().to_string();
    let annotate = step("Lint (annotations)")["run"]
        .as_str()
        .unwrap()
        .to_string();

    let dir = manifests(true);
    let output_file = dir.path().join("github-output");
    std::fs::write(&output_file, "").unwrap();
    let sarif_file = default("sarif-file");
    let env = [
        ("ARGOLINT_ARGS", "good.yaml bad.yaml"),
        ("SARIF_FILE", sarif_file.as_str()),
        ("GITHUB_OUTPUT", output_file.to_str().unwrap()),
    ];
    let out = run_script(&sarif, dir.path(), &env);
    assert!(out.status.success(), "the SARIF step: {}", text(&out));
    let report: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join(&sarif_file)).unwrap()).unwrap();
    assert_eq!(report["version"], "2.1.0");
    let results = report["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "AL102"), "{report}");
    assert_eq!(
        std::fs::read_to_string(&output_file).unwrap().trim(),
        format!("path={sarif_file}")
    );

    let out = run_script(&annotate, dir.path(), &env);
    assert_eq!(out.status.code(), Some(1), "an error fails the job");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("::error file=bad.yaml,line=7,col=3"),
        "{stdout}"
    );

    let clean = manifests(false);
    let out = run_script(&annotate, clean.path(), &[("ARGOLINT_ARGS", ".")]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn gitlab_template_writes_a_code_quality_report_and_fails_on_errors() {
    let Some(template) = yaml(&root().join("docs/ci/argolint.gitlab-ci.yml")) else {
        return;
    };
    assert_eq!(template["variables"]["ARGOLINT_VERSION"], VERSION);
    let job = &template["argolint"];
    assert_eq!(
        job["artifacts"]["reports"]["codequality"],
        "gl-code-quality-report.json"
    );
    assert_eq!(job["artifacts"]["reports"]["junit"], "argolint-junit.xml");
    assert_eq!(job["artifacts"]["when"], "always");
    let script: Vec<&str> = job["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    // The first line installs the wheel from PyPI (tests/precommit.rs installs the wheel
    // under test); the rest run here with the argolint under test.
    assert!(
        script[0].contains("pip install") && script[0].contains("argolint==${ARGOLINT_VERSION}"),
        "{script:?}"
    );
    let rest = script[1..].join("\n");

    let dir = manifests(true);
    let env = [("ARGOLINT_ARGS", "."), ("ARGOLINT_VERSION", VERSION)];
    let out = run_script(&rest, dir.path(), &env);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let report: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    let issues = report.as_array().unwrap();
    assert!(
        issues
            .iter()
            .any(|i| i["check_name"] == "duplicate-key" && i["location"]["path"] == "bad.yaml"),
        "{report}"
    );
    assert!(text(&out).contains("bad.yaml:7:3"), "{}", text(&out));
    let junit = std::fs::read_to_string(dir.path().join("argolint-junit.xml")).unwrap();
    assert!(
        junit.starts_with("<?xml") && junit.contains("duplicate-key"),
        "{junit}"
    );

    let clean = manifests(false);
    let out = run_script(&rest, clean.path(), &env);
    assert!(out.status.success(), "{}", text(&out));
    let report: Value = serde_json::from_slice(
        &std::fs::read(clean.path().join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    // Only the informational findings of the good manifest (GitLab's "info").
    let issues = report.as_array().unwrap();
    assert!(!issues.is_empty());
    assert!(issues.iter().all(|i| i["severity"] == "info"), "{report}");
}
