//! Every rule has a `bad.yaml` that triggers it and a `good.yaml` that does not, under
//! `testdata/rules/<rule-name>/`; the rendered findings on `bad.yaml` are snapshot-tested.

use std::path::{Path, PathBuf};

use argolint::emit;
use argolint::engine::{Input, Report, lint_inputs};
use argolint::rules;
use argolint::settings::Settings;

/// Rules whose trigger cannot live in a fixture file, with the test that covers them.
const NO_FIXTURE: &[(&str, &str)] = &[
    (
        "file-too-large",
        "a 20 MiB file: covered by tests/malformed.rs::huge_file_is_skipped_not_read",
    ),
    // Schema rules fire only with a schema; until argolint's own schema is the default they
    // are covered by tests/schema_validation.rs with testdata/schema/.
    ("unknown-field", "tests/schema_validation.rs"),
    ("invalid-type", "tests/schema_validation.rs"),
    ("invalid-enum-value", "tests/schema_validation.rs"),
    ("missing-required-field", "tests/schema_validation.rs"),
    ("invalid-value", "tests/schema_validation.rs"),
    ("yaml11-implicit-type", "tests/schema_validation.rs"),
];

fn fixture_dir(rule: &str) -> PathBuf {
    Path::new("testdata/rules").join(rule)
}

fn lint(path: &Path) -> Report {
    lint_inputs(&[Input::Path(path.to_path_buf())], &Settings::default())
}

/// Keeps only the diagnostics of `rule`.
fn only(mut report: Report, rule: &str) -> Report {
    for f in &mut report.files {
        f.diagnostics.retain(|d| d.rule.name == rule);
    }
    report
}

#[test]
fn every_rule_has_fixtures() {
    for meta in rules::all() {
        if NO_FIXTURE.iter().any(|(n, _)| *n == meta.name) {
            continue;
        }
        for kind in ["bad.yaml", "good.yaml"] {
            let p = fixture_dir(meta.name).join(kind);
            assert!(
                p.is_file(),
                "rule {} has no fixture {}",
                meta.name,
                p.display()
            );
        }
    }
}

#[test]
fn bad_fixtures_trigger_their_rule_and_good_ones_do_not() {
    let mut dirs: Vec<_> = std::fs::read_dir("testdata/rules")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= rules::all().len() - NO_FIXTURE.len());
    for dir in dirs {
        let name = dir.file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            rules::find(&name).is_some(),
            "fixture folder {name} names no rule"
        );

        let bad = only(lint(&dir.join("bad.yaml")), &name);
        let found = bad.diagnostics().count();
        assert!(found > 0, "{name}: bad.yaml triggers nothing");

        let good = only(lint(&dir.join("good.yaml")), &name);
        let unexpected: Vec<String> = good
            .diagnostics()
            .map(|(_, d)| format!("{:?}: {}", d.span, d.message))
            .collect();
        assert!(
            unexpected.is_empty(),
            "{name}: good.yaml triggers {unexpected:#?}"
        );

        insta::assert_snapshot!(name.clone(), emit::human::render(&bad, false, false));
    }
}
