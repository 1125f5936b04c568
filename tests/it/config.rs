//! `.argolint.yaml`: discovery (nearest wins), precedence (flags over file over defaults),
//! every key doing what it says, and clear errors for mistakes.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const NO_LIMIT: &str = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      container:\n        image: alpine:3.20\n        resources:\n          requests: {cpu: 100m, memory: 64Mi}\n";

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn run(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = Command::cargo_bin("argolint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format=json"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The rules these tests are about (other rules, such as the info-level best practices, are
/// not what is being configured here).
const WATCHED: [&str; 5] = [
    "missing-memory-limit",
    "missing-resource-requests",
    "removed-field",
    "oversized-parameter",
    "unresolved-template-ref",
];

fn findings(v: &Value) -> Vec<(String, String, String)> {
    v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|d| WATCHED.contains(&d["rule"].as_str().unwrap()))
                .map(|d| {
                    (
                        d["file"].as_str().unwrap().to_string(),
                        d["rule"].as_str().unwrap().to_string(),
                        d["severity"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn nearest_configuration_wins() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        ".argolint.yaml",
        "severity:\n  missing-memory-limit: error\n",
    );
    write(d, "team-a/wf.yaml", NO_LIMIT);
    write(
        d,
        "team-b/.argolint.yml",
        "disable: [missing-memory-limit]\n",
    );
    write(d, "team-b/deep/wf.yaml", NO_LIMIT);
    let (code, v, _) = run(d, &["."]);
    assert_eq!(code, 1, "team-a's finding is an error");
    assert_eq!(
        findings(&v),
        [(
            "team-a/wf.yaml".to_string(),
            "missing-memory-limit".to_string(),
            "error".to_string()
        )]
    );
}

#[test]
fn explicit_config_and_isolated() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, ".argolint.yaml", "disable: [all]\n");
    write(d, "other.yaml", "severity: {resources: info}\n");
    write(d, "wf.yaml", NO_LIMIT);
    let (_, v, _) = run(d, &["wf.yaml"]);
    assert!(findings(&v).is_empty(), "disable: [all]");
    let (_, v, _) = run(d, &["--config", "other.yaml", "wf.yaml"]);
    assert_eq!(
        findings(&v)[0].2,
        "info",
        "--config replaces discovery; a category selector works"
    );
    let (_, v, _) = run(d, &["--isolated", "wf.yaml"]);
    assert_eq!(
        findings(&v)[0].2,
        "warning",
        "--isolated ignores configuration"
    );
}

#[test]
fn flags_override_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        ".argolint.yaml",
        &format!(
            "argo-version: \"{}\"\nfail-on: warning\n",
            argolint::api::ArgoVersion::LATEST
        ),
    );
    write(
        d,
        "cron.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: c}\nspec:\n  schedule: \"* * * * *\"\n  workflowSpec: {workflowTemplateRef: {name: t}}\n",
    );
    let (code, v, _) = run(d, &["cron.yaml"]);
    assert_eq!(
        findings(&v)[0].2,
        "error",
        "removed in 4.0, config targets the newest release"
    );
    assert_eq!(code, 1);
    let (code, v, _) = run(d, &["--argo-version", "3.6", "cron.yaml"]);
    assert_eq!(
        findings(&v)[0].2,
        "warning",
        "the flag wins: deprecated in 3.6"
    );
    assert_eq!(code, 1, "fail-on: warning from the file");
    let (code, _, _) = run(
        d,
        &["--argo-version", "3.6", "--fail-on", "error", "cron.yaml"],
    );
    assert_eq!(code, 0, "--fail-on beats the file");
}

#[test]
fn enable_after_disable_and_per_path_ignores_and_exclude() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        ".argolint.yaml",
        "disable: [resources]\nenable: [AL602]\nper-path-ignores:\n  \"legacy/**\": [missing-memory-limit]\nexclude: [\"generated/**\"]\n",
    );
    write(d, "wf.yaml", NO_LIMIT);
    write(d, "legacy/old.yaml", NO_LIMIT);
    write(d, "generated/gen.yaml", NO_LIMIT);
    let (_, v, _) = run(d, &["."]);
    assert_eq!(
        findings(&v),
        [(
            "wf.yaml".to_string(),
            "missing-memory-limit".to_string(),
            "warning".to_string()
        )]
    );
    assert_eq!(v["summary"]["files"], 2, "generated/ is excluded");
    // Named explicitly, an excluded file is linted unless --force-exclude.
    let (_, v, _) = run(d, &["generated/gen.yaml"]);
    assert_eq!(findings(&v).len(), 1);
    let (_, v, _) = run(d, &["--force-exclude", "generated/gen.yaml"]);
    assert_eq!(v["summary"]["files"], 0);
}

#[test]
fn thresholds_come_from_options() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let big = "z".repeat(2000);
    write(
        d,
        "wf.yaml",
        &format!(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      suspend: {{}}\n  arguments:\n    parameters:\n      - name: p\n        value: \"{big}\"\n"
        ),
    );
    let (_, v, _) = run(d, &["wf.yaml"]);
    assert!(findings(&v).is_empty());
    write(
        d,
        ".argolint.yaml",
        "options:\n  oversized-parameter:\n    warn-bytes: 1024\n",
    );
    let (_, v, _) = run(d, &["wf.yaml"]);
    assert_eq!(findings(&v)[0].1, "oversized-parameter");
}

#[test]
fn fan_out_nodes_and_cleanup_options() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "wf.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: w-}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      steps:\n        - - name: each\n            template: leaf\n            withItems: [1, 2, 3, 4, 5, 6]\n    - name: leaf\n      suspend: {}\n",
    );
    let rules_of = |v: &Value| -> Vec<String> {
        let mut r: Vec<String> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .filter(|r| {
                matches!(
                    r.as_str(),
                    "unbounded-fan-out"
                        | "workflow-too-many-nodes"
                        | "missing-pod-gc"
                        | "missing-ttl-strategy"
                )
            })
            .collect();
        r.sort();
        r
    };
    let (_, v, _) = run(d, &["wf.yaml"]);
    assert_eq!(rules_of(&v), ["missing-pod-gc", "missing-ttl-strategy"]);
    write(
        d,
        ".argolint.yaml",
        "options:\n  unbounded-fan-out: {max-items: 5}\n  workflow-too-many-nodes: {max-nodes: 4}\n  cleanup: {controller-sets-gc-defaults: true}\n",
    );
    let (_, v, err) = run(d, &["wf.yaml"]);
    assert_eq!(
        rules_of(&v),
        ["unbounded-fan-out", "workflow-too-many-nodes"],
        "{err}"
    );
}

#[test]
fn mistakes_are_reported_with_place_and_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "wf.yaml", NO_LIMIT);
    write(
        d,
        ".argolint.yaml",
        "disabel: [x]\noptions:\n  oversized-parameter:\n    warn-byte: 5\n",
    );
    let (code, _, err) = run(d, &["wf.yaml"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(".argolint.yaml:1:1: unknown key `disabel` (did you mean `disable`?)"),
        "{err}"
    );
    assert!(
        err.contains(".argolint.yaml:4:5: unknown key `warn-byte` (did you mean `warn-bytes`?)"),
        "{err}"
    );

    write(
        d,
        ".argolint.yaml",
        "disable: [missing-memory-limits]\nseverity: {AL601: fatal}\n",
    );
    let (code, _, err) = run(d, &["wf.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("`severity.AL601`"), "{err}");

    write(
        d,
        ".argolint.yaml",
        "disable: [missing-memory-limits]\nargo-version: \"2.9\"\n",
    );
    let (code, _, err) = run(d, &["wf.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `missing-memory-limit`"), "{err}");
    assert!(
        err.contains("2:15: `argo-version`: Argo Workflows v2.9 is not modelled"),
        "{err}"
    );
}

#[test]
fn init_writes_a_starter_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    Command::cargo_bin("argolint")
        .unwrap()
        .current_dir(d)
        .arg("init")
        .assert()
        .success();
    assert!(d.join(".argolint.yaml").is_file());
    Command::cargo_bin("argolint")
        .unwrap()
        .current_dir(d)
        .arg("init")
        .assert()
        .code(2);
    write(d, "wf.yaml", NO_LIMIT);
    let (code, v, err) = run(d, &["wf.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(findings(&v).len(), 1);
}

#[test]
fn committed_config_schema_is_fresh() {
    let path = Path::new("schemas/argolint-config.schema.json");
    let fresh = serde_json::to_string_pretty(&argolint::config::json_schema()).unwrap() + "\n";
    if crate::common::bless() {
        std::fs::create_dir_all("schemas").unwrap();
        std::fs::write(path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `cargo xtask generate`",
        path.display()
    );
}

#[test]
fn external_refs_and_template_paths_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "wf.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: r-}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      steps:\n        - - name: s\n            templateRef: {name: lib, template: hello}\n",
    );
    write(
        d,
        "libs/lib.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: lib}\nspec:\n  templates:\n    - name: hello\n      suspend: {}\n",
    );
    let unresolved = |v: &Value| {
        findings(v)
            .into_iter()
            .filter(|f| f.1 == "unresolved-template-ref")
            .map(|f| f.2)
            .collect::<Vec<_>>()
    };
    write(d, ".argolint.yaml", "external-refs: error\n");
    let (code, v, _) = run(d, &["wf.yaml"]);
    assert_eq!((code, unresolved(&v)), (1, vec!["error".to_string()]));
    write(
        d,
        ".argolint.yaml",
        "external-refs: error\ntemplate-paths: [libs]\n",
    );
    let (_, v, _) = run(d, &["wf.yaml"]);
    assert!(unresolved(&v).is_empty(), "{v}");
}

/// `options.chain-of-tiny-steps.min-steps` sets how many tiny steps in a row are reported.
#[test]
fn tiny_steps_threshold_comes_from_the_options() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "wf.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      steps:\n        - - {name: a, template: say}\n        - - {name: b, template: say}\n    - name: say\n      container: {image: alpine:3.20, command: [echo, hi]}\n",
    );
    let tiny = |v: &Value| {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["rule"] == "chain-of-tiny-steps")
            .count()
    };
    let (_, v, err) = run(d, &["wf.yaml"]);
    assert_eq!(tiny(&v), 0, "two steps are below the default of 3: {err}");
    write(
        d,
        ".argolint.yaml",
        "options:\n  chain-of-tiny-steps: {min-steps: 2}\n",
    );
    let (_, v, err) = run(d, &["wf.yaml"]);
    assert_eq!(tiny(&v), 1, "{err}");
}
