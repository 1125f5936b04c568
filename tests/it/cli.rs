//! The command line's promises: the JSON contract, exit codes, stdin, colours, rule docs.

use assert_cmd::Command;
use serde_json::Value;

fn argolint() -> Command {
    Command::cargo_bin("argolint").unwrap()
}

const RETRY_BAD: &str = "testdata/rules/retry-max-duration-overrides-deadline/bad.yaml";

#[test]
fn json_output_follows_the_contract() {
    let out = argolint()
        .args(["check", "--format", "json", RETRY_BAD])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings only: exit 0 by default"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let top: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(top, ["diagnostics", "summary", "version"]);
    let keys = [
        "code",
        "column",
        "end_column",
        "end_line",
        "file",
        "fix",
        "help",
        "line",
        "message",
        "path",
        "rule",
        "severity",
    ];
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    for d in diags {
        let mut got: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        got.sort();
        assert_eq!(got, keys);
        assert_eq!(d["file"], RETRY_BAD, "file is reported as given");
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
        assert!(d["end_line"].as_u64() >= d["line"].as_u64());
    }
    // The first finding: the maxDuration value on line 23, column 24, with its document path.
    let first = diags
        .iter()
        .find(|d| d["rule"] == "retry-max-duration-overrides-deadline")
        .unwrap();
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(23), Some(24))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(23), Some(27))
    );
    assert_eq!(first["code"], "AL401");
    assert_eq!(
        first["path"],
        ".spec.templates[1].retryStrategy.backoff.maxDuration"
    );
    let s = &v["summary"];
    assert_eq!(s["files"], 1);
    assert_eq!(s["documents"], 4);
    assert_eq!(s["errors"], 0);
    assert_eq!(
        s["warnings"].as_u64().unwrap() as usize,
        diags.iter().filter(|d| d["severity"] == "warning").count()
    );
}

#[test]
fn columns_count_unicode_scalars() {
    let text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {annotations: {\"é✓\": a, \"é✓\": b}, generateName: g-}\nspec: {}\n";
    let out = argolint()
        .args(["check", "--format=json", "-", "--stdin-filename", "wf.yaml"])
        .write_stdin(text)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // (`é✓` is no valid annotation key either: `invalid-metadata` reports it too)
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "duplicate-key")
        .expect("a duplicate-key finding");
    assert_eq!(d["file"], "wf.yaml");
    // `metadata: {annotations: {"é✓": a, ` is 34 characters (37 bytes) long.
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(35))
    );
    assert_eq!(d["end_column"].as_u64(), Some(39));
}

#[test]
fn fail_on_sets_the_threshold() {
    for (level, code) in [("error", 0), ("warning", 1), ("info", 1)] {
        argolint()
            .args(["check", "--fail-on", level, RETRY_BAD])
            .assert()
            .code(code);
    }
    argolint()
        .args(["check", "testdata/rules/duplicate-key/bad.yaml"])
        .assert()
        .code(1);
    argolint()
        .args(["check", "--fail-on", "fatal", RETRY_BAD])
        .assert()
        .code(2);
}

#[test]
fn no_path_means_the_current_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yml"), "a: 1\na: 2\n").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "a: 1\na: 2\n").unwrap();
    let out = argolint()
        .current_dir(dir.path())
        .args(["check", "--format=json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["summary"]["files"], 1,
        "only *.yaml, *.yml and *.json are walked"
    );
    assert_eq!(v["diagnostics"][0]["file"], "a.yml");
}

#[test]
fn walks_honour_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "generated/\n").unwrap();
    std::fs::create_dir(dir.path().join("generated")).unwrap();
    std::fs::write(dir.path().join("generated/x.yaml"), "a: 1\na: 2\n").unwrap();
    std::fs::write(dir.path().join("kept.yaml"), "b: 1\n").unwrap();
    let out = argolint()
        .args(["check", "--format=json", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn human_output_has_no_colour_unless_asked() {
    let plain = argolint()
        .args(["check", "testdata/rules/duplicate-key/bad.yaml"])
        .output()
        .unwrap();
    let text = String::from_utf8(plain.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "not a terminal: no ANSI codes");
    assert!(text.contains("testdata/rules/duplicate-key/bad.yaml:7:3"));
    // Other rules (infos such as missing-ttl-strategy) may add to the count.
    assert!(text.contains("Found 2 errors"), "{text}");
    assert!(
        text.contains("in 1 file (1 Argo document checked)."),
        "{text}"
    );
    let coloured = argolint()
        .args([
            "check",
            "--color=always",
            "testdata/rules/duplicate-key/bad.yaml",
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(coloured.stdout)
            .unwrap()
            .contains('\u{1b}')
    );
}

#[test]
fn rule_prints_docs_and_rules_lists_them() {
    let out = argolint().args(["rule", "AL401"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# retry-max-duration-overrides-deadline (AL401)"));
    assert!(text.contains("## Why is this bad"));
    let out = argolint()
        .args(["rule", "oversized-parameters"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `oversized-parameter`"));
    let out = argolint().arg("rules").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for m in argolint::rules::all() {
        assert!(text.contains(m.name), "{} not listed", m.name);
    }
}

#[test]
fn help_is_useful_on_its_own() {
    let out = argolint().args(["check", "--help"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--format",
        "--fail-on",
        "--stdin-filename",
        "--argo-version",
        "--color",
    ] {
        assert!(text.contains(flag), "{flag}");
    }
    let out = argolint().arg("--help").output().unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Exit codes")
    );
}

#[test]
fn argo_version_changes_what_the_rules_judge() {
    // A 200 KiB input default: a warning on v3.6+, an error before (ARGO_TEMPLATE env limit).
    let bad = "testdata/rules/oversized-parameter/bad.yaml";
    let severities = |version: &str| -> Vec<String> {
        let out = argolint()
            .args(["check", "--format=json", "--argo-version", version, bad])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "oversized-parameter")
            .map(|d| d["severity"].as_str().unwrap().to_string())
            .collect()
    };
    let newest = argolint::api::ArgoVersion::LATEST.to_string();
    assert_eq!(severities(&newest), ["warning", "warning", "warning"]);
    assert_eq!(severities("3.5"), ["warning", "error", "warning"]);
    argolint()
        .args(["check", "--argo-version", "2.0", bad])
        .assert()
        .code(2);
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = argolint().args(["completions", shell]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success() && text.contains("argolint"), "{shell}");
        assert!(text.contains("fail-on"), "{shell} completes check's flags");
    }
}

#[test]
fn committed_man_page_is_fresh() {
    let path = std::path::Path::new("docs/argolint.1");
    let fresh = argolint::cli::man_page();
    if crate::common::bless() {
        std::fs::write(path, &fresh).unwrap();
    }
    assert!(
        std::fs::read_to_string(path).unwrap_or_default() == fresh,
        "docs/argolint.1 is stale: run `cargo xtask generate`"
    );
    assert!(fresh.contains(".TH argolint"));
}

#[test]
fn rules_as_json() {
    let out = argolint()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), argolint::rules::all().len());
    assert!(list.iter().all(|r| {
        r["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("{}.md", r["name"].as_str().unwrap()))
    }));
}

#[test]
fn explain_and_schema_commands() {
    let out = argolint()
        .args([
            "explain",
            "spec.templates.retryStrategy.backoff.maxDuration",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("retry-max-duration-overrides-deadline")
    );
    argolint().args(["explain", "spec.nope"]).assert().code(2);
    let out = argolint()
        .args(["schema", "--kind", "CronWorkflow", "--argo-version", "3.6"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.is_object());
    argolint()
        .args(["schema", "--kind", "Pod"])
        .assert()
        .code(2);
}

#[test]
fn version_names_the_release_and_the_modelled_argo_releases() {
    use argolint::api::ArgoVersion;
    let run = |flag: &str| {
        let out = argolint().arg(flag).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let first = format!("argolint {}\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(run("-V"), first);
    let long = run("--version");
    assert!(long.starts_with(&first), "{long}");
    let releases: Vec<String> = ArgoVersion::ALL.iter().map(|v| v.to_string()).collect();
    let targets = format!(
        "targets Argo Workflows {} (default {};",
        releases.join(", "),
        ArgoVersion::LATEST
    );
    assert!(long.contains(&targets), "{long}");
}
