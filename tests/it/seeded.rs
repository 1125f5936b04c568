//! A file seeded with ten independent mistakes: one run must report all ten, each at its
//! line, and nothing else from the validation rules.

use argolint::engine::{Input, lint_inputs};
use argolint::rules::Category;
use argolint::settings::Settings;

#[test]
fn ten_seeded_mistakes_are_all_reported_at_their_lines() {
    let path = std::path::Path::new("testdata/seeded/ten-mistakes.yaml");
    let report = lint_inputs(&[Input::Path(path.to_path_buf())], &Settings::default());
    let file = &report.files[0];
    let mut found: Vec<(usize, &str)> = file
        .diagnostics
        .iter()
        .filter(|d| d.rule.category == Category::Validation)
        .map(|d| (file.file.line_col(d.span.start).0, d.rule.name))
        .collect();
    found.sort();
    // Each mistake is marked with a comment on its line in the file.
    let expected = vec![
        (7, "undefined-template"),
        (18, "missing-required-input"),
        (19, "duplicate-name"),
        (27, "undefined-variable"),
        (27, "undefined-variable"),
        (31, "undefined-variable"),
        (36, "misplaced-template-field"),
        (53, "invalid-dag-dependency"),
        (57, "invalid-name"),
        (58, "missing-image"),
    ];
    assert_eq!(
        found,
        expected,
        "{:#?}",
        file.diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    // The markers in the file agree with the expectations: ten numbered comments.
    let text = std::fs::read_to_string(path).unwrap();
    for (i, (line, rule)) in expected.iter().enumerate() {
        let marked = text.lines().nth(line - 1).unwrap_or("");
        let prev = text.lines().nth(line - 2).unwrap_or("");
        assert!(
            marked.contains(rule) || prev.contains(rule),
            "mistake {} ({rule}) is not marked at line {line}",
            i + 1
        );
    }
}
