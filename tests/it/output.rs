//! What `check` shows a person (issue 14): rule selection on the command line and in the
//! configuration, the folded default output, the line to jump from, fixes made visible,
//! honest summaries, configuration errors before any linting, the man page and `rules`.

use std::path::Path;

use assert_cmd::Command;

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str]) -> Out {
    let out = Command::cargo_bin("argolint")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    Out {
        code: out.status.code().expect("killed"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Out {
    run_in(root(), args)
}

const RESOURCES: &str = "testdata/rules/missing-memory-limit/bad.yaml";
const RUN_AS_ROOT: &str = "testdata/rules/run-as-root/bad.yaml";
const RETRY: &str = "testdata/rules/retry-max-duration-overrides-deadline/bad.yaml";

/// `path:line:col: severity[` at the start of a line: a finding's first line.
fn is_finding_line(l: &str) -> bool {
    let mut parts = l.splitn(4, ':');
    let (Some(path), Some(line), Some(col), Some(rest)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    !path.is_empty()
        && !path.starts_with(' ')
        && line.parse::<u32>().is_ok()
        && col.parse::<u32>().is_ok()
        && ["error[", "warning[", "info["]
            .iter()
            .any(|s| rest.starts_with(&format!(" {s}")))
}

fn category(rule: &str) -> &'static str {
    argolint::rules::find(rule).unwrap().category.as_str()
}

/// (file, line, column, rule, severity) of every finding of a JSON report.
fn findings(json: &str) -> Vec<(String, u64, u64, String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

// 1. Selection.

#[test]
fn select_and_min_severity_flags_equal_the_configuration_keys() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in [RESOURCES, RUN_AS_ROOT, RETRY] {
        let name = Path::new(f).parent().unwrap().file_name().unwrap();
        std::fs::copy(root().join(f), d.join(name).with_extension("yaml")).unwrap();
    }
    let flags = run_in(
        d,
        &[
            "check",
            "--isolated",
            "--format",
            "json",
            "--select",
            "AL401,missing-memory-limit",
            "--min-severity",
            "warning",
            ".",
        ],
    );
    std::fs::write(
        d.join(".argolint.yaml"),
        "select: [AL401, missing-memory-limit]\nmin-severity: warning\n",
    )
    .unwrap();
    let config = run_in(d, &["check", "--format", "json", "."]);
    let (a, b) = (findings(&flags.stdout), findings(&config.stdout));
    assert!(!a.is_empty(), "{}", flags.stdout);
    assert_eq!(a, b);
    // Only the selected rules, and nothing below a warning.
    let rules: std::collections::BTreeSet<&str> = a.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(
        rules.into_iter().collect::<Vec<_>>(),
        [
            "missing-memory-limit",
            "retry-max-duration-overrides-deadline"
        ]
    );
    assert!(a.iter().all(|f| f.4 != "info"));
    // Without --min-severity the infos of the selection come back, and the default shows all.
    let all = run_in(d, &["check", "--isolated", "--format", "json", "."]);
    assert!(findings(&all.stdout).len() > a.len());
}

#[test]
fn prefixes_categories_ignore_and_extend_select() {
    let count = |args: &[&str]| {
        let mut a = vec!["check", "--isolated", "--format", "json"];
        a.extend_from_slice(args);
        a.push(RUN_AS_ROOT);
        findings(&run(&a).stdout)
    };
    let all = count(&[]);
    let al6 = count(&["--select", "AL6"]);
    assert!(!al6.is_empty());
    assert!(
        al6.iter()
            .all(|f| argolint::rules::find(&f.3).unwrap().code.starts_with("AL6"))
    );
    let security = count(&["--select", "security"]);
    assert!(!security.is_empty());
    assert!(
        security.iter().all(|f| category(&f.3) == "security"),
        "{security:?}"
    );
    let ignored = count(&["--ignore", "run-as-root"]);
    assert!(ignored.iter().all(|f| f.3 != "run-as-root"));
    assert!(ignored.len() < all.len());
    // --disable is an alias of --ignore (it used to be rejected).
    assert_eq!(count(&["--disable", "run-as-root"]), ignored);
    let extended = count(&["--select", "AL6", "--extend-select", "run-as-root"]);
    assert!(extended.iter().any(|f| f.3 == "run-as-root"));
    assert_eq!(
        extended.len(),
        al6.len() + all.iter().filter(|f| f.3 == "run-as-root").count()
    );
}

#[test]
fn a_selector_typo_is_a_usage_error_with_a_suggestion() {
    let out = run(&["check", "--select", "missing-memry-limit", RESOURCES]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr);
    let out = run(&["check", "--min-severity", "warnings", RESOURCES]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("`warnings` is not a severity"),
        "{}",
        out.stderr
    );
}

// 2 and 3. The default human output.

#[test]
fn human_output_puts_errors_first_and_starts_each_finding_with_a_location() {
    let out = run(&[
        "check",
        "--isolated",
        "--color",
        "never",
        "testdata/rules/duplicate-key/bad.yaml",
        RUN_AS_ROOT,
    ]);
    let findings: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("testdata/"))
        .collect();
    assert!(!findings.is_empty());
    let rank = |l: &str| {
        ["error[", "warning[", "info["]
            .iter()
            .position(|s| l.contains(s))
            .unwrap()
    };
    let ranks: Vec<usize> = findings.iter().map(|l| rank(l)).collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted, "{}", out.stdout);
    // `path:line:col: severity[CODE name] message`
    for l in &findings {
        assert!(is_finding_line(l), "{l}");
        let bracket = &l[l.find('[').unwrap() + 1..l.find(']').unwrap()];
        let (code, name) = bracket.split_once(' ').unwrap();
        assert_eq!(argolint::rules::find(name).unwrap().code, code, "{l}");
    }
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_long_run_folds_warnings_and_infos_but_machine_formats_keep_everything() {
    let Some(corpus) = crate::common::corpus_dir() else {
        return crate::common::skip("no corpus");
    };
    let corpus = corpus.display().to_string();
    let human = run(&["check", "--isolated", "--color", "never", &corpus]);
    let json = run(&["check", "--isolated", "--format", "json", &corpus]);
    let total = findings(&json.stdout).len();
    let lines = human.stdout.lines().count();
    // On upstream's examples: every error on the first screen, a tenth of the lines of the
    // unfolded output at most.
    let first_error = human
        .stdout
        .lines()
        .position(|l| l.contains(": error["))
        .expect("the examples have errors");
    assert!(first_error < 40, "first error at line {}", first_error + 1);
    let full = run(&[
        "check",
        "--isolated",
        "--color",
        "never",
        "--show-all",
        &corpus,
    ]);
    let full_lines = full.stdout.lines().count();
    assert!(
        lines * 10 <= full_lines,
        "{lines} lines folded, {full_lines} in full"
    );
    // What is folded is counted: shown plus counted is every finding.
    let shown = human.stdout.lines().filter(|l| is_finding_line(l)).count();
    let counted: usize = human
        .stdout
        .lines()
        .filter(|l| l.starts_with("  warning ") || l.starts_with("  info "))
        .map(|l| {
            l.split_whitespace()
                .nth(3)
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(shown + counted, total, "{}", human.stdout);
    assert_eq!(
        full.stdout.lines().filter(|l| is_finding_line(l)).count(),
        total
    );
    // SARIF carries every finding too.
    let sarif = run(&["check", "--isolated", "--format", "sarif", &corpus]);
    let v: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), total);
}

// 4. Fixes made visible.

const TYPO: &str = "apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: typo-
spec:
  entrypoint: main
  activeDeadlineSeconds: 600
  templates:
  - name: main
    steps:
    - - name: say
        template: helo
  - name: hello
    retryStrategy:
      retryPolicy: Alway
      limit: 2
    container:
      image: alpine:3.20
      imagePullPolicy: IfNotPresnt
";

#[test]
fn fixable_findings_are_marked_and_counted_and_fix_reports_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("wf.yaml"), TYPO).unwrap();
    let human = run_in(
        d,
        &[
            "check",
            "--isolated",
            "--color",
            "never",
            "--select",
            "validation,schema",
            "wf.yaml",
        ],
    );
    insta::assert_snapshot!("fixable_human", human.stdout);
    let concise = run_in(
        d,
        &[
            "check",
            "--isolated",
            "--format",
            "concise",
            "--select",
            "validation,schema",
            "wf.yaml",
        ],
    );
    insta::assert_snapshot!("fixable_concise", concise.stdout);
    assert!(
        concise.stdout.contains("(did you mean `hello`?)"),
        "{}",
        concise.stdout
    );
    let fixed = run_in(
        d,
        &[
            "check",
            "--isolated",
            "--color",
            "never",
            "--fix",
            "wf.yaml",
        ],
    );
    let after = std::fs::read_to_string(d.join("wf.yaml")).unwrap();
    assert!(after.contains("template: hello\n"), "{after}");
    assert!(after.contains("retryPolicy: Always\n"), "{after}");
    assert!(after.contains("imagePullPolicy: IfNotPresent\n"), "{after}");
    // The remaining findings are printed, and the counts say what happened.
    assert!(fixed.stdout.contains(": warning["), "{}", fixed.stdout);
    let remaining =
        findings(&run_in(d, &["check", "--isolated", "--format", "json", "wf.yaml"]).stdout).len();
    assert!(
        fixed
            .stderr
            .contains(&format!("(3 fixed, {remaining} remaining)")),
        "{}",
        fixed.stderr
    );
}

#[test]
fn rules_table_is_padded_and_marks_fixable_rules() {
    let out = run(&["rules"]);
    let lines: Vec<&str> = out.stdout.lines().take_while(|l| !l.is_empty()).collect();
    let summary_at = lines[0].find("SUMMARY").unwrap();
    for l in &lines {
        // Every SUMMARY starts in the same column, whatever the name's length.
        assert!(l.is_char_boundary(summary_at));
        assert!(l[..summary_at].ends_with("  "), "{l}");
    }
    for name in argolint::fix::FIXABLE_RULES {
        let row = lines
            .iter()
            .find(|l| l.split_whitespace().nth(1) == Some(name))
            .unwrap();
        assert!(row.contains("[*]"), "{row}");
    }
    assert!(
        lines.iter().filter(|l| l.contains("[*]")).count() == argolint::fix::FIXABLE_RULES.len()
    );
}

#[test]
fn the_fixable_list_matches_the_fixtures() {
    // A rule is listed exactly when its bad fixture produces a finding with a fix.
    let mut with_fix = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(root().join("testdata/rules")).unwrap() {
        let dir = entry.unwrap().path();
        let bad = dir.join("bad.yaml");
        if !bad.exists() {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&bad) else {
            continue; // the not-text fixture
        };
        let report = argolint::engine::lint_source("bad.yaml", &text, &Default::default());
        for d in &report.diagnostics {
            if d.fix.is_some() {
                with_fix.insert(d.rule.name);
            }
        }
    }
    for name in argolint::fix::FIXABLE_RULES {
        assert!(
            with_fix.contains(name),
            "{name} is listed but no fixture shows its fix"
        );
    }
    for name in &with_fix {
        assert!(
            argolint::fix::FIXABLE_RULES.contains(name),
            "{name} has fixes: list it in fix::FIXABLE_RULES"
        );
    }
}

// 5. Honest summaries.

#[test]
fn missing_paths_and_empty_runs_say_so() {
    let out = run(&["check", "--isolated", "does-not-exist.yaml"]);
    assert_eq!(out.code, 2);
    assert!(!out.stdout.contains("No problems found"), "{}", out.stdout);
    assert!(out.stderr.contains("does-not-exist.yaml"), "{}", out.stderr);
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["check", "--isolated", "."]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("empty_run", format!("{}---\n{}", out.stdout, out.stderr));
}

#[test]
fn baseline_says_how_many_findings_it_hid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join(RESOURCES), d.join("wf.yaml")).unwrap();
    let all =
        findings(&run_in(d, &["check", "--isolated", "--format", "json", "wf.yaml"]).stdout).len();
    let w = run_in(
        d,
        &[
            "check",
            "--isolated",
            "--write-baseline",
            "b.json",
            "wf.yaml",
        ],
    );
    assert_eq!(w.code, 0, "{}", w.stderr);
    let out = run_in(
        d,
        &["check", "--isolated", "--baseline", "b.json", "wf.yaml"],
    );
    assert!(
        out.stderr.contains(&format!(
            "{all} findings recorded in the baseline b.json not shown."
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn statistics_print_a_total_even_when_clean() {
    let out = run(&[
        "check",
        "--isolated",
        "--statistics",
        "--select",
        "duplicate-key",
        RESOURCES,
    ]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!(out.stdout);
}

// 6. Configuration errors.

#[test]
fn every_configuration_error_at_once_and_nothing_linted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join(RESOURCES), d.join("wf.yaml")).unwrap();
    std::fs::write(
        d.join(".argolint.yaml"),
        "argo-version: 3.10\nfail-on: warnin\ndisable: [run-as-rot]\nexclude: [\"[x\"]\noptions:\n  unbounded-fan-out:\n    max-items: many\ncrds: ful\ncolour: yes\n",
    )
    .unwrap();
    let out = run_in(d, &["check", "wf.yaml"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "", "nothing is linted");
    let dir_name = d.display().to_string();
    insta::assert_snapshot!(out.stderr.replace(&dir_name, "[DIR]"));
}

#[test]
fn unquoted_argo_version_works() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join(RESOURCES), d.join("wf.yaml")).unwrap();
    std::fs::write(d.join(".argolint.yaml"), "argo-version: 3.6\n").unwrap();
    let out = run_in(d, &["check", "wf.yaml"]);
    assert_ne!(out.code, 2, "{}", out.stderr);
    std::fs::write(d.join(".argolint.yaml"), "argo-version: \"3.10\"\n").unwrap();
    let out = run_in(d, &["check", "wf.yaml"]);
    // Quoted, 3.10 is read as written (and is not a modelled release).
    assert!(out.stderr.contains("v3.10"), "{}", out.stderr);
}

// 7. The manual.

#[test]
fn man_page_documents_every_option_of_every_subcommand() {
    use clap::CommandFactory;
    let page = argolint::cli::man_page();
    fn walk(cmd: &clap::Command, page: &str, prefix: &str) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let name = format!("{prefix} {}", sub.get_name());
            assert!(
                page.contains(&format!(".SH \"{}\"", name.to_uppercase())),
                "{name}"
            );
            for arg in sub.get_arguments() {
                if let Some(long) = arg.get_long().filter(|l| *l != "help" && *l != "version") {
                    assert!(
                        page.contains(&format!("\\-\\-{}", long.replace('-', "\\-"))),
                        "{name} --{long}"
                    );
                }
            }
            walk(sub, page, &name);
        }
    }
    walk(&argolint::cli::Cli::command(), &page, "argolint");
}
