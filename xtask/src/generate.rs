//! `cargo xtask generate [--check]`: every generated file of the repository, in one command.
//!
//! Each generated file has one test in the `it` test binary that compares the committed file
//! with what the code generates and, under `ARGOLINT_BLESS=1`, writes it (and removes files
//! no longer generated). This command runs exactly those tests: with `ARGOLINT_BLESS=1` to
//! regenerate, without it to check (nothing is written). The generators stay where they
//! are (the library, or the test for what needs upstream's data); this table is the list.

use std::collections::BTreeMap;
use std::process::Command;

/// Every generated file (or set of files), with the test of `tests/it/` that checks and
/// regenerates it.
pub const GENERATED: &[(&str, &str)] = &[
    (
        "rules/*.md (rule pages and index)",
        "docs::rule_docs_are_up_to_date",
    ),
    (
        "schemas/argo-workflows-*.json (JSON Schemas of the API model)",
        "api::generated::committed_schemas_are_up_to_date",
    ),
    (
        "docs/fields/*.md (field reference)",
        "api::generated::committed_field_docs_are_up_to_date",
    ),
    (
        "src/api/facts.rs (upstream facts and CRD tables, from ../shared)",
        "api::facts::facts_file_is_up_to_date",
    ),
    (
        "schemas/argolint-config.schema.json (configuration schema)",
        "config::committed_config_schema_is_fresh",
    ),
    (
        "docs/argolint.1 (man page)",
        "cli::committed_man_page_is_fresh",
    ),
];

/// How one test ended, and what it printed.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    pub passed: bool,
    pub output: String,
}

/// Runs the generators; `Ok(false)` when `check` found stale files (or a generator failed).
pub fn run(check: bool) -> Result<bool, String> {
    let root = crate::root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(&root)
        .args(["test", "--test", "it", "--", "--exact", "--show-output"])
        .args(["--test-threads", "1"])
        .env("RUST_BACKTRACE", "0")
        .args(GENERATED.iter().map(|(_, test)| *test));
    if check {
        cmd.env_remove("ARGOLINT_BLESS");
    } else {
        cmd.env("ARGOLINT_BLESS", "1");
    }
    eprintln!(
        "{} generated files with the tests of tests/it/ ({})",
        if check { "checking" } else { "regenerating" },
        if check {
            "no ARGOLINT_BLESS: nothing is written"
        } else {
            "ARGOLINT_BLESS=1"
        }
    );
    let out = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let outcomes = parse_libtest(&stdout);

    let mut ok = true;
    for (files, test) in GENERATED {
        match outcomes.get(*test) {
            None => {
                ok = false;
                println!(
                    "NOT RUN  {files}: no test {test} ran (renamed? update xtask/src/generate.rs)"
                );
            }
            Some(o) if o.passed => match o.output.lines().find(|l| l.contains("SKIPPED")) {
                Some(skip) => {
                    println!("SKIPPED  {files}: {}", skip.trim());
                }
                None if check => println!("ok       {files}"),
                None => {
                    let written = o
                        .output
                        .lines()
                        .filter(|l| l.starts_with("blessed ") || l.starts_with("removed "))
                        .count();
                    println!("ok       {files}: {written} written or removed");
                }
            },
            Some(o) => {
                ok = false;
                let label = if check { "STALE   " } else { "FAILED  " };
                println!("{label} {files}");
                for line in o.output.lines().filter(|l| !l.trim().is_empty()) {
                    println!("           {line}");
                }
            }
        }
    }
    if !out.status.success() && outcomes.is_empty() {
        // The test binary did not build or run: show why.
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        return Err("cargo test --test it failed before running the generators".into());
    }
    if check && !ok {
        println!("stale generated files: run `cargo xtask generate`, review and commit");
    }
    Ok(ok)
}

/// Each test's result and captured output, from libtest's output with `--show-output`.
pub fn parse_libtest(stdout: &str) -> BTreeMap<String, Outcome> {
    let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test ")
            && let Some((name, result)) = rest.rsplit_once(" ... ")
        {
            outcomes.entry(name.to_string()).or_default().passed = result.trim() == "ok";
        }
    }
    // Sections `---- name stdout ----` hold what a test printed (its panic message too).
    let mut current: Option<String> = None;
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            current = Some(name.to_string());
            continue;
        }
        if matches!(line, "failures:" | "successes:") || line.starts_with("test result:") {
            current = None;
            continue;
        }
        if let Some(name) = &current
            && let Some(o) = outcomes.get_mut(name)
        {
            o.output.push_str(line);
            o.output.push('\n');
        }
    }
    outcomes
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "
running 2 tests
test cli::committed_man_page_is_fresh ... ok
test docs::rule_docs_are_up_to_date ... FAILED

successes:

---- cli::committed_man_page_is_fresh stdout ----
blessed docs/argolint.1

successes:
    cli::committed_man_page_is_fresh

failures:

---- docs::rule_docs_are_up_to_date stdout ----

thread 'docs::rule_docs_are_up_to_date' panicked at tests/it/docs.rs:30:5:
rules/ is stale: [\"missing-image.md differs\"]

failures:
    docs::rule_docs_are_up_to_date

test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 300 filtered out
";

    #[test]
    fn reads_results_and_output_of_each_test() {
        let o = parse_libtest(SAMPLE);
        assert_eq!(o.len(), 2);
        let man = &o["cli::committed_man_page_is_fresh"];
        assert!(man.passed);
        assert_eq!(man.output.trim(), "blessed docs/argolint.1");
        let docs = &o["docs::rule_docs_are_up_to_date"];
        assert!(!docs.passed);
        assert!(docs.output.contains("missing-image.md differs"));
        assert!(!docs.output.contains("failures:"));
    }

    #[test]
    fn every_generator_is_a_test_of_the_it_binary() {
        let root = crate::root().join("tests/it");
        for (files, test) in GENERATED {
            let mut parts: Vec<&str> = test.split("::").collect();
            let func = parts.pop().unwrap();
            let path = root.join(parts.join("/") + ".rs");
            let path = if path.is_file() {
                path
            } else {
                root.join(parts.join("/")).join("mod.rs")
            };
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{files}: {}: {e}", path.display()));
            assert!(
                text.contains(&format!("#[test]\nfn {func}()")),
                "{files}: no test `{func}` in {}",
                path.display()
            );
        }
    }
}
