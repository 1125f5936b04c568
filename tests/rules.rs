//! Every rule has a `bad.yaml` that triggers it and a `good.yaml` that does not, under
//! `testdata/rules/<rule-name>/`; the rendered findings on `bad.yaml` are snapshot-tested.

use std::path::{Path, PathBuf};

use argolint::diagnostic::Severity;
use argolint::emit;
use argolint::engine::{Input, Report, lint_inputs};
use argolint::rules::{self, Category};
use argolint::settings::Settings;

/// Rules whose trigger cannot live in a fixture file, with the test that covers them.
const NO_FIXTURE: &[(&str, &str)] = &[(
    "file-too-large",
    "a 20 MiB file: covered by tests/malformed.rs::huge_file_is_skipped_not_read",
)];

fn fixture_dir(rule: &str) -> PathBuf {
    Path::new("testdata/rules").join(rule)
}

/// Lints one fixture with default settings, or with the `.argolint.yaml` beside it (for
/// rules that need another target release).
fn lint(path: &Path) -> Report {
    let config = path.with_file_name(".argolint.yaml");
    let settings = if config.is_file() {
        argolint::config::load(&config)
            .unwrap_or_else(|e| panic!("{}: {e:?}", config.display()))
            .settings(&Default::default())
    } else {
        Settings::default()
    };
    lint_inputs(&[Input::Path(path.to_path_buf())], &settings)
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

        // A good fixture is a valid manifest: no syntax or schema problem of any rule.
        let invalid: Vec<String> = lint(&dir.join("good.yaml"))
            .diagnostics()
            .filter(|(_, d)| matches!(d.rule.category, Category::Syntax | Category::Schema))
            .filter(|(_, d)| d.severity == Severity::Error)
            .map(|(_, d)| format!("{}: {}", d.rule.name, d.message))
            .collect();
        assert!(
            invalid.is_empty(),
            "{name}: good.yaml is invalid: {invalid:#?}"
        );

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
