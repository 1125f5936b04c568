//! Schema validation maps every error to its exact place, once, under the right rule;
//! `--schema` dispatches documents on `kind` to the schema's definition of that kind.

use crate::common;

use assert_cmd::Command;
use serde_json::Value;

fn check(args: &[&str]) -> Value {
    let out = Command::cargo_bin("argolint")
        .unwrap()
        .args(["check", "--format=json", "--isolated"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn schema_findings(v: &Value) -> Vec<(u64, u64, String, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        // What validation reports (not the rules `removed-field` and `deprecated-field`).
        .filter(|d| d["code"].as_str().unwrap().starts_with("AL2"))
        .filter(|d| !matches!(d["code"].as_str(), Some("AL203" | "AL209")))
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn each_schema_error_is_one_diagnostic_at_its_place() {
    let v = check(&[
        "--schema",
        "testdata/schema/strict-subset.schema.json",
        "testdata/schema/mistakes.yaml",
    ]);
    let found = schema_findings(&v);
    let expected: Vec<(u64, u64, String, String)> = vec![
        (6, 13, "yaml11-implicit-type".into(), "`backup` expects a string, but Kubernetes reads the unquoted `yes` as the boolean `true` (YAML 1.1)".into()),
        (7, 11, "yaml11-implicit-type".into(), "`mode` expects a string, but Kubernetes reads the unquoted `0755` as the number 493 (YAML 1.1)".into()),
        (8, 12, "invalid-type".into(), "`count` must be a string, found an integer".into()),
        (11, 16, "invalid-type".into(), "`parallelism` must be an integer, found a string".into()),
        (14, 7, "unknown-field".into(), "unknown field `retryStratgy`: did you mean `retryStrategy`?".into()),
        (19, 16, "invalid-type".into(), "`limit` must be an integer, found a list".into()),
        (20, 22, "invalid-enum-value".into(), "`retryPolicy` cannot be `OnFailures`: allowed values are Always, OnFailure, OnError, OnTransientError".into()),
    ];
    assert_eq!(found, expected);
    // The template without a name is one problem: `invalid-name` says it, the schema's
    // `missing-required-field` at the same place is dropped.
    let at_17: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["line"] == 17 && d["column"] == 7 && d["severity"] == "error")
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(at_17, ["invalid-name"]);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "invalid-enum-value")
        .unwrap();
    assert_eq!(d["help"], "did you mean `OnFailure`?");
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unknown-field")
        .unwrap();
    assert_eq!(d["fix"]["edits"][0]["replacement"], "retryStrategy");
    assert_eq!(d["fix"]["safe"], false);
}

#[test]
fn a_bad_schema_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.json");
    std::fs::write(&p, "{not json").unwrap();
    Command::cargo_bin("argolint")
        .unwrap()
        .args([
            "check",
            "--schema",
            p.to_str().unwrap(),
            "testdata/schema/mistakes.yaml",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a JSON Schema"));
}

#[test]
fn upstream_schema_dispatches_on_kind_and_shows_its_known_flaw() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let schema = shared.join("schema/argo-workflows-v4.1.2.schema.json");
    let corpus = shared.join("corpus/argo-examples");
    let v = check(&[
        "--schema",
        schema.to_str().unwrap(),
        corpus.to_str().unwrap(),
    ]);
    let found = schema_findings(&v);
    // Upstream types IntOrString fields as plain strings, so `port: 80` and `limit: 3` are its
    // false errors; each appears once, at the value, and nothing else (no oneOf noise).
    assert!(!found.is_empty());
    for (_, _, rule, msg) in &found {
        assert_eq!(rule, "invalid-type", "{msg}");
        assert!(msg.ends_with("must be a string, found an integer"), "{msg}");
    }
    let ports = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "invalid-type" && d["path"].as_str().unwrap().ends_with(".port"))
        .count();
    assert!(ports >= 5, "{ports}");
}

#[test]
fn quoting_fix_for_yaml11_values() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("wf.yaml");
    std::fs::copy("testdata/schema/mistakes.yaml", &p).unwrap();
    Command::cargo_bin("argolint")
        .unwrap()
        .args([
            "check",
            "--isolated",
            "--fix",
            "--schema",
            "testdata/schema/strict-subset.schema.json",
        ])
        .arg(&p)
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(
        text.contains("    backup: \"yes\"\n    mode: \"0755\"\n    count: 3\n"),
        "{text}"
    );
}
