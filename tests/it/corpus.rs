//! Upstream's examples are valid manifests: argolint must report no error on them, except
//! three that Argo really rejects (the oracle of `tests/it/differential/` agrees): the duplicate
//! key in `k8s-patch-json-workflow.yaml`, and two Workflows whose `generateName` ended up
//! under `labels` or in an annotation by a slip of indentation, so that the API server finds
//! neither a name nor a generateName (in `fun-with-gifs.yaml` the misplaced `generateName` is
//! also a label whose value ends in `-`, which the API server rejects too).

use crate::common;

use argolint::diagnostic::Severity;
use argolint::engine::{Input, lint_inputs};
use argolint::settings::Settings;

#[test]
fn upstream_examples_produce_no_false_errors() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let report = lint_inputs(&[Input::Path(dir)], &Settings::default());
    assert!(report.io_errors.is_empty(), "{:?}", report.io_errors);
    assert_eq!(report.files.len(), 217, "the corpus has 217 YAML files");
    let argo: usize = report.files.iter().map(|f| f.argo_documents).sum();
    assert_eq!(argo, 223, "the corpus has 223 Argo documents");

    let errors: Vec<String> = report
        .diagnostics()
        .filter(|(_, d)| d.severity == Severity::Error)
        .map(|(f, d)| {
            let (l, c) = f.file.line_col(d.span.start);
            format!("{}:{l}:{c} {} {}", f.file.name, d.rule.name, d.message)
        })
        .collect();
    let expected = [
        "fun-with-gifs.yaml:12:1 missing-required-field",
        "fun-with-gifs.yaml:15:19 invalid-metadata",
        "k8s-jobs.yaml:",
        "k8s-patch-json-workflow.yaml:13:3 duplicate-key",
    ];
    assert_eq!(
        errors.len(),
        expected.len(),
        "unexpected errors: {errors:#?}"
    );
    for (e, want) in errors.iter().zip(expected) {
        assert!(e.contains(want), "{e} should be {want}: {errors:#?}");
    }
    assert!(errors[2].contains("missing-required-field"), "{errors:?}");
    let warnings = report
        .diagnostics()
        .filter(|(_, d)| d.severity == Severity::Warning)
        .count();
    eprintln!(
        "corpus: {} files, {argo} Argo documents, {} errors, {warnings} warnings",
        report.files.len(),
        errors.len()
    );
}
