//! Rule behaviour beyond the fixtures (those are `tests/rules.rs`, one test case each):
//! release-dependent decoding, tags Argo does not resolve, YAML 1.1 booleans, and one
//! reference resolution and one artifact model for every rule.

use argolint::api::ArgoVersion;
use argolint::settings::Settings;

/// Errors (code, line) of one document at `version`.
fn errors_at(version: ArgoVersion, text: &str) -> Vec<(String, usize)> {
    let settings = argolint::settings::Settings {
        argo_version: version,
        ..Default::default()
    };
    let report = argolint::engine::lint_source("doc.yaml", text, &settings);
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == argolint::diagnostic::Severity::Error)
        .map(|d| {
            let line = text[..d.span.start as usize].lines().count().max(1);
            (d.rule.name.to_string(), line)
        })
        .collect()
}

const CALLER: &str = "apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: x-
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: a
        template: t
        arguments:
          parameters:
          - Name: p
            vaLue: hi
  - name: t
    inputs:
      parameters:
      - name: p
    container:
      image: alpine:3.20
";

/// Argo v3 decodes a step's body ignoring the case of keys (upstream's oracle accepts this
/// document at v3.7); the full CRDs of v4 refuse the unknown keys.
#[test]
fn v3_reads_miscased_keys_of_a_step_as_the_fields() {
    assert_eq!(errors_at(ArgoVersion::V3_7, CALLER), vec![]);
    assert!(ArgoVersion::LATEST.installs_full_crds());
    let v4 = errors_at(ArgoVersion::LATEST, CALLER);
    assert!(
        v4.contains(&("unknown-field".into(), 14)) && v4.contains(&("unknown-field".into(), 15)),
        "{v4:?}"
    );
}

/// Argo does not resolve the tags of an input parameter's own `value` or of an input
/// artifact's own location (the oracle accepts both), but does resolve a `default` and a path.
#[test]
fn tags_of_an_inputs_own_value_are_not_errors() {
    let doc = |param: &str, artifact: &str| {
        format!(
            "apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: x-
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: a
        template: t
  - name: t
    inputs:
      parameters:
      - name: p
        {param}
      artifacts:
      - name: art
        optional: true
        {artifact}
    container:
      image: alpine:3.20
      args: [\"echo {{{{inputs.parameters.p}}}}\"]
"
        )
    };
    let tag = "'{{workflow.parameters.nope}}'";
    let ok = doc(
        &format!("value: {tag}"),
        &format!("path: /a\n        raw: {{data: {tag}}}"),
    );
    assert_eq!(errors_at(ArgoVersion::LATEST, &ok), vec![]);
    let bad = doc(&format!("default: {tag}"), "path: /a");
    assert_eq!(
        errors_at(ArgoVersion::LATEST, &bad),
        vec![("undefined-variable".into(), 16)]
    );
    let bad = doc("value: x", &format!("path: /a/{tag}"));
    assert_eq!(
        errors_at(ArgoVersion::LATEST, &bad),
        vec![("undefined-variable".into(), 20)]
    );
}

/// Kubernetes reads YAML 1.1 booleans: `optional: yes` makes an input artifact optional.
#[test]
fn rules_read_booleans_as_kubernetes_does() {
    let doc = |optional: &str| {
        format!(
            "apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: x-
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: a
        template: t
  - name: t
    inputs:
      artifacts:
      - name: art
        path: /a
        optional: {optional}
    container:
      image: alpine:3.20
"
        )
    };
    assert_eq!(errors_at(ArgoVersion::V3_7, &doc("yes")), vec![]);
    assert_eq!(
        errors_at(ArgoVersion::V3_7, &doc("false")),
        vec![("missing-required-input".into(), 11)]
    );
}

/// Rule names reported on each of several files linted together (at the newest release).
fn rules_on(files: &[(&str, &str)]) -> Vec<(String, String)> {
    let reports = argolint::engine::lint_texts(files, &Settings::default());
    reports
        .iter()
        .flat_map(|r| {
            r.diagnostics
                .iter()
                .map(move |d| (r.file.name.to_string(), d.rule.name.to_string()))
        })
        .collect()
}

const REFERRER: &str = "apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: run-
spec:
  workflowTemplateRef:
    name: lib
";

fn library(namespace: &str) -> String {
    format!(
        "apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: lib
{namespace}spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: alpine:3.20
"
    )
}

/// Every rule resolves a `workflowTemplateRef` the same way: a Workflow without a namespace
/// does not reach a WorkflowTemplate in `prod`, so no rule reads that template's settings.
#[test]
fn every_rule_resolves_references_in_the_same_namespace() {
    let has = |found: &[(String, String)], file: &str, rule: &str| {
        found.iter().any(|(f, r)| f == file && r == rule)
    };
    let elsewhere = library("  namespace: prod\n");
    let found = rules_on(&[("wf.yaml", REFERRER), ("lib.yaml", &elsewhere)]);
    assert!(
        has(&found, "wf.yaml", "unresolved-template-ref"),
        "{found:?}"
    );
    assert!(
        !has(&found, "wf.yaml", "missing-workflow-deadline"),
        "{found:?}"
    );
    let same = library("");
    let found = rules_on(&[("wf.yaml", REFERRER), ("lib.yaml", &same)]);
    assert!(
        !has(&found, "wf.yaml", "unresolved-template-ref"),
        "{found:?}"
    );
    assert!(
        has(&found, "wf.yaml", "missing-workflow-deadline"),
        "{found:?}"
    );
}

/// Artifact locations come from the model of the API: a key that is no location in any
/// release (`huggingface`) is an unknown field, and supplies nothing.
#[test]
fn artifact_locations_are_the_models() {
    let doc = "apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: x-
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: a
        template: t
  - name: t
    inputs:
      artifacts:
      - name: model
        path: /m
        huggingface: {repoId: x/y}
    container:
      image: alpine:3.20
";
    let found = rules_on(&[("doc.yaml", doc)]);
    let rules: Vec<&str> = found.iter().map(|(_, r)| r.as_str()).collect();
    assert!(rules.contains(&"unknown-field"), "{rules:?}");
    assert!(rules.contains(&"missing-required-input"), "{rules:?}");
}
