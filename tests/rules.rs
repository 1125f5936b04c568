//! Every rule has a `bad.yaml` that triggers it and a `good.yaml` that does not, under
//! `testdata/rules/<rule-name>/`; the rendered findings on `bad.yaml` are snapshot-tested
//! (`tests/snapshots/rules__<rule-name>.snap`).
//!
//! A harness of its own (libtest-mimic, `harness = false`) so that each rule is one test
//! case, found at run time: `cargo test --test rules missing-image` runs one, and one
//! failing fixture hides none of the others. The set of cases is every rule of
//! `rules::all()` and every folder of `testdata/rules/`, so a rule without fixtures and a
//! folder that names no rule are failing cases too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use argolint::diagnostic::Severity;
use argolint::emit;
use argolint::engine::{Input, Report, lint_inputs};
use argolint::rules::{self, Category};
use argolint::settings::Settings;
use libtest_mimic::{Arguments, Failed, Trial};

const FIXTURES: &str = "testdata/rules";

/// Rules whose trigger cannot live in a fixture file, with the test that covers them.
const NO_FIXTURE: &[(&str, &str)] = &[(
    "file-too-large",
    "a 20 MiB file: covered by tests/it/malformed.rs::huge_file_is_skipped_not_read",
)];

fn main() {
    let args = Arguments::from_args();
    libtest_mimic::run(&args, trials()).exit();
}

/// One case per rule and per fixture folder, plus the check of [`NO_FIXTURE`].
fn trials() -> Vec<Trial> {
    let mut names: BTreeSet<String> = rules::all().iter().map(|m| m.name.to_string()).collect();
    for entry in std::fs::read_dir(FIXTURES).expect("testdata/rules") {
        let entry = entry.expect("read testdata/rules");
        if entry.path().is_dir() {
            names.insert(entry.file_name().to_string_lossy().into_owned());
        }
    }
    let mut trials: Vec<Trial> = names
        .into_iter()
        .filter(|n| !NO_FIXTURE.iter().any(|(r, _)| r == n))
        .map(|name| Trial::test(format!("fixtures::{name}"), move || fixture(&name)))
        .collect();
    trials.push(Trial::test(
        "rules_without_fixtures_are_listed_with_their_test",
        no_fixture_list,
    ));
    trials
}

fn fixture_dir(rule: &str) -> PathBuf {
    Path::new(FIXTURES).join(rule)
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

/// The fixtures of one rule: `bad.yaml` triggers it (and matches its snapshot), `good.yaml`
/// is a valid manifest that does not.
fn fixture(name: &str) -> Result<(), Failed> {
    if rules::find(name).is_none() {
        return Err(format!("fixture folder {FIXTURES}/{name} names no rule").into());
    }
    let dir = fixture_dir(name);
    for kind in ["bad.yaml", "good.yaml"] {
        let p = dir.join(kind);
        if !p.is_file() {
            return Err(format!(
                "rule {name} has no fixture {} (rules without one are listed in NO_FIXTURE)",
                p.display()
            )
            .into());
        }
    }

    let bad = only(lint(&dir.join("bad.yaml")), name);
    if bad.diagnostics().count() == 0 {
        return Err(format!("{name}: bad.yaml triggers nothing").into());
    }

    // A good fixture is a valid manifest: no syntax or schema problem of any rule.
    let good = lint(&dir.join("good.yaml"));
    let invalid: Vec<String> = good
        .diagnostics()
        .filter(|(_, d)| matches!(d.rule.category, Category::Syntax | Category::Schema))
        .filter(|(_, d)| d.severity == Severity::Error)
        .map(|(_, d)| format!("{}: {}", d.rule.name, d.message))
        .collect();
    if !invalid.is_empty() {
        return Err(format!("{name}: good.yaml is invalid: {invalid:#?}").into());
    }
    let unexpected: Vec<String> = only(good, name)
        .diagnostics()
        .map(|(_, d)| format!("{:?}: {}", d.span, d.message))
        .collect();
    if !unexpected.is_empty() {
        return Err(format!("{name}: good.yaml triggers {unexpected:#?}").into());
    }

    // Panics on a difference (libtest-mimic turns that into this case's failure).
    insta::assert_snapshot!(
        name.to_string(),
        emit::human::render(&bad, emit::human::Options::default())
    );
    Ok(())
}

/// Each rule excused from fixtures exists and really has none.
fn no_fixture_list() -> Result<(), Failed> {
    for (name, covered_by) in NO_FIXTURE {
        if rules::find(name).is_none() {
            return Err(format!("NO_FIXTURE names {name}, which is no rule").into());
        }
        if fixture_dir(name).exists() {
            return Err(format!(
                "{name} has fixtures now: remove it from NO_FIXTURE ({covered_by})"
            )
            .into());
        }
    }
    Ok(())
}
