//! Argo's small languages: the input as a `{{…}}` text, a `depends` and a `when`, read by
//! the scanners directly and through a whole lint of a workflow that holds it.
#![no_main]
use argolint::engine::lint_source;
use argolint::model::expr::{parse_depends, scan_tags};
use argolint::settings::Settings;
use argolint::source::yaml_double_quoted;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let scan = scan_tags(s);
    for t in &scan.tags {
        assert!(t.start < t.end && t.end <= s.len());
        assert_eq!(&s[t.start + 2..t.end - 2], t.inner);
    }
    if let Ok(ops) = parse_depends(s) {
        for o in ops {
            assert_eq!(&s[o.task_range.0..o.task_range.1], o.task);
        }
    }
    let q = yaml_double_quoted(s);
    let text = format!(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: fuzz-\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    steps:\n    - - name: a\n        template: t\n        when: {q}\n        arguments:\n          parameters:\n          - name: p\n            value: {q}\n  - name: d\n    dag:\n      tasks:\n      - name: a\n        template: t\n      - name: b\n        template: t\n        depends: {q}\n  - name: t\n    inputs:\n      parameters:\n      - name: p\n    container:\n      image: alpine:3.20\n      args: [{q}]\n"
    );
    lint_source("fuzz.yaml", &text, &Settings::default());
});
