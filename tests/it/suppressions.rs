//! Each suppression form, unused suppressions, `--add-suppressions` and baselines.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = Command::cargo_bin("argolint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format=json"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
    )
}

/// The rules these tests suppress, and the suppression rules themselves (other rules, such
/// as the info-level best practices, fire on these manifests too and are not the subject).
const WATCHED: [&str; 4] = [
    "missing-memory-limit",
    "missing-resource-requests",
    "unused-suppression",
    "invalid-suppression",
];

fn rules_and_lines(v: &Value) -> Vec<(String, u64)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| WATCHED.contains(&d["rule"].as_str().unwrap()))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Two templates, each with a container missing requests and a memory limit.
fn manifest(main_comment: &str, above_image: &str, file_comment: &str) -> String {
    format!(
        "{file_comment}\napiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {{generateName: s-}}\nspec:\n  entrypoint: a\n  templates:\n    - name: a {main_comment}\n      container:\n        {above_image}\n        image: alpine:3.20\n    - name: b\n      container:\n        image: alpine:3.20\n"
    )
}

fn lint(text: &str) -> Vec<(String, u64)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wf.yaml"), text).unwrap();
    rules_and_lines(&run(dir.path(), &["wf.yaml"]).1)
}

#[test]
fn without_suppressions_both_templates_are_reported() {
    let found = lint(&manifest("", "", ""));
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn a_key_line_suppression_covers_its_whole_block() {
    // On `- name: a` the comment covers the whole list item, container included.
    let found = lint(&manifest(
        "# argolint: ignore[missing-memory-limit, AL601] sized by LimitRange",
        "",
        "",
    ));
    assert_eq!(
        found,
        [
            ("missing-resource-requests".into(), 13),
            ("missing-memory-limit".into(), 13)
        ]
    );
}

#[test]
fn a_line_above_covers_the_next_line() {
    let text = manifest("", "", "").replace(
        "    - name: b\n      container:",
        "    - name: b\n      # argolint: ignore[missing-memory-limit]\n      container:",
    );
    let found = lint(&text);
    assert_eq!(
        found
            .iter()
            .filter(|(r, _)| r == "missing-memory-limit")
            .count(),
        1
    );
    assert!(!found.iter().any(|(r, _)| r == "unused-suppression"));
}

#[test]
fn an_own_line_comment_inside_a_block_only_covers_the_next_line() {
    // The findings sit on `container:` (line 9), not on `image:`, so this matches nothing.
    let found = lint(&manifest(
        "",
        "# argolint: ignore[missing-memory-limit]",
        "",
    ));
    assert!(
        found.contains(&("unused-suppression".into(), 10)),
        "{found:?}"
    );
    assert_eq!(
        found
            .iter()
            .filter(|(r, _)| r == "missing-memory-limit")
            .count(),
        2
    );
}

#[test]
fn a_file_suppression_covers_everything_it_names() {
    let found = lint(&manifest(
        "",
        "",
        "# argolint: ignore-file[missing-memory-limit] platform sets limits",
    ));
    assert_eq!(
        found.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>(),
        ["missing-resource-requests", "missing-resource-requests"]
    );
    let found = lint(&manifest("", "", "# argolint: ignore-file legacy file"));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn unused_and_invalid_suppressions_are_reported() {
    let found = lint(&manifest(
        "# argolint: ignore[oversized-parameter]",
        "",
        "# argolint: ignore-file[no-such-rule]",
    ));
    assert!(
        found.contains(&("unused-suppression".into(), 8)),
        "{found:?}"
    );
    assert!(
        found.contains(&("invalid-suppression".into(), 1)),
        "{found:?}"
    );
}

#[test]
fn disabled_rules_do_not_make_suppressions_unused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".argolint.yaml"),
        "disable: [missing-memory-limit]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("wf.yaml"),
        manifest("# argolint: ignore[missing-memory-limit]", "", ""),
    )
    .unwrap();
    let found = rules_and_lines(&run(dir.path(), &["wf.yaml"]).1);
    assert!(
        !found.iter().any(|(r, _)| r == "unused-suppression"),
        "{found:?}"
    );
}

#[test]
fn add_suppressions_silences_everything_and_keeps_the_file_valid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A multi-line block scalar cannot hold a comment inside: its key line takes it.
    let original = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: s-}\nspec:\n  entrypoint: a\n  templates:\n    - name: a # a note\n      container:\n        image: alpine:3.20\n    - name: b\n      script:\n        image: python:3.12\n        source: |\n          print(1)\n";
    std::fs::write(d.join("wf.yaml"), original).unwrap();
    let before = rules_and_lines(&run(d, &["wf.yaml"]).1);
    assert_eq!(before.len(), 4, "{before:?}");
    let out = Command::cargo_bin("argolint")
        .unwrap()
        .current_dir(d)
        .args(["check", "--add-suppressions=adopted in 2026", "wf.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("suppressions to 1 files"));
    let after = std::fs::read_to_string(d.join("wf.yaml")).unwrap();
    assert!(
        after.contains("- name: a # a note"),
        "existing comments are kept:\n{after}"
    );
    assert!(
        after.contains(
            "# argolint: ignore[missing-resource-requests, missing-memory-limit] adopted in 2026"
        ),
        "{after}"
    );
    assert_eq!(rules_and_lines(&run(d, &["wf.yaml"]).1), [], "{after}");
}

#[test]
fn baseline_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("wf.yaml"), manifest("", "", "")).unwrap();
    let (code, _) = run(d, &["--write-baseline", "baseline.json", "wf.yaml"]);
    assert_eq!(code, 0);
    let (code, v) = run(
        d,
        &[
            "--baseline",
            "baseline.json",
            "--fail-on",
            "warning",
            "wf.yaml",
        ],
    );
    assert_eq!((code, rules_and_lines(&v)), (0, vec![]));
    // Moving lines does not invalidate the baseline; a new template's findings are new.
    let text = manifest("", "", "# moved down\n\n")
        + "    - name: c\n      container:\n        image: alpine:3.20\n";
    std::fs::write(d.join("wf.yaml"), text).unwrap();
    let (code, v) = run(
        d,
        &[
            "--baseline",
            "baseline.json",
            "--fail-on",
            "warning",
            "wf.yaml",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        rules_and_lines(&v),
        [
            ("missing-resource-requests".into(), 18),
            ("missing-memory-limit".into(), 18)
        ]
    );
    let (code, _) = run(d, &["--baseline", "missing.json", "wf.yaml"]);
    assert_eq!(code, 2);
}
