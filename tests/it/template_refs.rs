//! `templateRef`s resolved across files: `--templates DIR` and `--external-refs`.

use crate::common;

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> (i32, Vec<(String, String)>) {
    let out = Command::cargo_bin("argolint")
        .unwrap()
        .args(["check", "--isolated", "--format=json"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "unresolved-template-ref")
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (out.status.code().unwrap(), found)
}

#[test]
fn external_refs_follow_the_flag_and_templates_dirs_resolve_them() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let file = dir.join("workflow-template/steps.yaml");
    let file = file.to_str().unwrap();
    // steps.yaml calls two WorkflowTemplates (three times) defined in templates.yaml.
    let (code, found) = run(&[file]);
    assert_eq!(code, 0, "warnings by default");
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found
            .iter()
            .all(|(s, m)| s == "warning" && m.contains("is not among the linted files"))
    );

    let (code, found) = run(&["--external-refs", "error", file]);
    assert_eq!(code, 1);
    assert!(found.iter().all(|(s, _)| s == "error") && found.len() == 3);

    let (_, found) = run(&["--external-refs", "ignore", file]);
    assert!(found.is_empty());

    let templates = dir.join("workflow-template");
    let (_, found) = run(&[
        "--external-refs",
        "error",
        "--templates",
        templates.to_str().unwrap(),
        file,
    ]);
    assert!(found.is_empty(), "resolved through --templates: {found:?}");
}

#[test]
fn a_namespace_mismatch_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lib.yaml"),
        "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: lib, namespace: ci}\nspec:\n  templates:\n    - name: run\n      container: {image: alpine:3.20}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("wf.yaml"),
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-, namespace: prod}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      steps:\n        - - name: a\n            templateRef: {name: lib, template: run}\n",
    )
    .unwrap();
    let (_, found) = run(&[dir.path().to_str().unwrap()]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("namespace `prod`") && found[0].1.contains("namespace `ci`"),
        "{found:?}"
    );
}
