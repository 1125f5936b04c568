//! The precision corpus (`testdata/precision/`, see its README): realistic manifests where
//! every warning argolint should report is marked `# expect: <rule>` on its line. A warning or
//! error that is not marked fails, and so does a mark that nothing matches.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use argolint::diagnostic::Severity;
use argolint::engine::lint_source;
use argolint::settings::Settings;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/precision");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/precision")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

/// `(line, rule)` → how many findings the marks expect there.
fn marks(text: &str) -> BTreeMap<(usize, String), usize> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some((_, rest)) = line.split_once("# expect:") else {
            continue;
        };
        for rule in rest.split(',') {
            let rule = rule.trim();
            assert!(
                argolint::rules::find(rule).is_some(),
                "line {}: `# expect: {rule}` names no rule",
                i + 1
            );
            *out.entry((i + 1, rule.to_string())).or_default() += 1;
        }
    }
    out
}

/// Info-level rules whose findings are held to the marks as well (the soft judgements that
/// must stay precise).
const CHECKED_INFOS: &[&str] = &["chain-of-tiny-steps"];

/// The findings of one file that the marks are held to: warnings and errors, and the infos
/// of [`CHECKED_INFOS`].
fn findings(path: &Path, text: &str) -> Vec<(usize, String, String)> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let report = lint_source(&name, text, &Settings::default());
    let file = argolint::source::SourceFile::new(name.as_str(), text);
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning || CHECKED_INFOS.contains(&d.rule.name))
        .map(|d| {
            let (line, _) = file.line_col(d.span.start);
            (line, d.rule.name.to_string(), d.message.clone())
        })
        .collect()
}

/// Compares one file's findings with its marks: the problems, one a line.
fn compare(path: &Path, text: &str) -> Vec<String> {
    let mut expected = marks(text);
    let mut problems = Vec::new();
    for (line, rule, message) in findings(path, text) {
        match expected.get_mut(&(line, rule.clone())) {
            Some(n) if *n > 0 => *n -= 1,
            _ => problems.push(format!(
                "{}:{line}: unexpected {rule}: {message}",
                path.display()
            )),
        }
    }
    for ((line, rule), n) in expected {
        if n > 0 {
            problems.push(format!(
                "{}:{line}: `# expect: {rule}` but argolint reports no {rule} there",
                path.display()
            ));
        }
    }
    problems
}

#[test]
fn every_warning_on_the_precision_corpus_is_expected() {
    let files = corpus();
    assert!(
        files.len() >= 6,
        "the precision corpus has {} files",
        files.len()
    );
    let mut problems = Vec::new();
    let mut marked = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        marked += marks(&text).values().sum::<usize>();
        problems.extend(compare(f, &text));
    }
    assert!(
        marked >= 10,
        "only {marked} marks: the corpus must hold true positives too"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The comparison fails both ways: on a finding without a mark and on a mark without one.
#[test]
fn the_comparison_catches_unmarked_findings_and_stale_marks() {
    let unmarked = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: a\n  templates:\n    - name: a\n      retryStrategy: {retryPolicy: Always}\n      container: {image: alpine}\n";
    let p = compare(Path::new("unmarked.yaml"), unmarked);
    assert!(
        p.iter().any(|l| l.contains("unexpected unbounded-retries")),
        "{p:?}"
    );
    let stale = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: a # expect: unbounded-retries\n  templates:\n    - name: a\n      container:\n        image: alpine:3.20\n        resources: {requests: {cpu: 10m, memory: 8Mi}, limits: {memory: 8Mi}}\n";
    let p = compare(Path::new("stale.yaml"), stale);
    assert!(
        p.iter()
            .any(|l| l.contains("but argolint reports no unbounded-retries")),
        "{p:?}"
    );
}
