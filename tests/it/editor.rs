//! argolint's published schema in a real editor validator: yaml-language-server (the engine
//! of VS Code's YAML extension and of most editors' YAML support), driven through its
//! language-service API by `tools/yls_validate.js`.
//!
//! - On `testdata/editor/schema-mistakes.yaml` the schema must flag exactly the lines marked
//!   `# mistake:`, and upstream's published schema (in `../shared/schema/`) is run on the
//!   same file for comparison: argolint's must find more of the mistakes and raise fewer
//!   false errors.
//! - On the upstream examples the schema must raise no error on any Argo document that
//!   yaml-language-server can parse.
//!
//! The tools come from `scripts/install-test-tools.sh` (run by `.ci/run`). Without them the
//! tests skip with a message; on CI (`CI` set) they fail.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const TOOLS: &str = "target/tools/node_modules";
/// argolint's combined schema of the newest release, the one editors are pointed at.
fn schema() -> PathBuf {
    Path::new("schemas").join(argolint::api::schema::file_name(
        argolint::api::ArgoVersion::LATEST,
        None,
    ))
}
const SEEDED: &str = "testdata/editor/schema-mistakes.yaml";

/// One diagnostic of yaml-language-server.
#[derive(Debug, Clone)]
struct Found {
    file: String,
    line: usize,
    /// `YAML` for a syntax problem, `yaml-schema: …` for a schema one.
    source: String,
    message: String,
}

impl Found {
    fn is_schema(&self) -> bool {
        self.source.starts_with("yaml-schema")
    }
}

fn tools_ready() -> bool {
    let have_node = Command::new("node").arg("--version").output().is_ok();
    let have_yls = Path::new(TOOLS)
        .join("yaml-language-server/package.json")
        .exists();
    if have_node && have_yls {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("node or yaml-language-server is missing: .ci/run installs it into {TOOLS}");
    }
    eprintln!(
        "SKIPPED: yaml-language-server not found in {TOOLS} (run scripts/install-test-tools.sh)"
    );
    false
}

/// Runs yaml-language-server's validation of `files` against `schema`.
fn validate(schema: &Path, files: &[PathBuf]) -> Vec<Found> {
    let out = Command::new("node")
        .arg("tools/yls_validate.js")
        .arg(schema)
        .args(files)
        .env("NODE_PATH", TOOLS)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "yls_validate.js failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            Found {
                file: v["file"].as_str().unwrap().to_string(),
                line: v["line"].as_u64().unwrap() as usize,
                source: v["source"].as_str().unwrap().to_string(),
                message: v["message"].as_str().unwrap().to_string(),
            }
        })
        .collect()
}

/// The lines of the seeded file marked as mistakes.
fn marked_lines() -> BTreeSet<usize> {
    std::fs::read_to_string(SEEDED)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#') && l.contains("# mistake:"))
        .map(|(i, _)| i + 1)
        .collect()
}

/// (marked lines flagged, diagnostics on unmarked lines).
fn score(found: &[Found], marked: &BTreeSet<usize>) -> (BTreeSet<usize>, Vec<Found>) {
    let schema: Vec<&Found> = found.iter().filter(|f| f.is_schema()).collect();
    let hits = schema
        .iter()
        .map(|f| f.line)
        .filter(|l| marked.contains(l))
        .collect();
    let false_errors = schema
        .into_iter()
        .filter(|f| !marked.contains(&f.line))
        .cloned()
        .collect();
    (hits, false_errors)
}

#[test]
fn the_schema_flags_exactly_the_seeded_mistakes_in_an_editor() {
    if !tools_ready() {
        return;
    }
    let marked = marked_lines();
    assert_eq!(marked.len(), 10, "the seeded file has ten marked mistakes");
    let found = validate(&schema(), &[PathBuf::from(SEEDED)]);
    assert!(
        found.iter().all(Found::is_schema),
        "the seeded file must parse: {found:#?}"
    );
    let (hits, false_errors) = score(&found, &marked);
    let missed: Vec<_> = marked.difference(&hits).collect();
    assert!(
        missed.is_empty(),
        "mistakes not flagged at lines {missed:?}"
    );
    assert!(false_errors.is_empty(), "false errors: {false_errors:#?}");

    let Some(shared) = common::shared_dir() else {
        return;
    };
    let upstream = shared.join("schema/argo-workflows-v4.1.2.schema.json");
    let (up_hits, up_false) = score(&validate(&upstream, &[PathBuf::from(SEEDED)]), &marked);
    eprintln!(
        "yaml-language-server on {SEEDED}: argolint's schema {}/{} mistakes, {} false errors; upstream's v4.1.2 schema {}/{} mistakes, {} false errors",
        hits.len(),
        marked.len(),
        false_errors.len(),
        up_hits.len(),
        marked.len(),
        up_false.len()
    );
    assert!(hits.len() > up_hits.len() && false_errors.len() <= up_false.len());
}

#[test]
fn the_schema_raises_no_error_on_the_examples_in_an_editor() {
    if !tools_ready() {
        return;
    }
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let (mut files, errors) = argolint::engine::discover(&[corpus]);
    assert!(errors.is_empty(), "{errors:?}");
    files.sort();
    // Files holding Argo documents only: a schema for the four kinds rightly rejects a
    // PersistentVolumeClaim, and editors attach it to Argo files only.
    let argo_only: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| {
            let parsed = argolint::source::parse_text(&std::fs::read_to_string(f).unwrap());
            let docs: Vec<_> = parsed
                .documents
                .iter()
                .filter_map(|d| d.root.as_ref())
                .collect();
            !docs.is_empty()
                && docs.iter().all(|root| {
                    root.get("apiVersion").and_then(|a| a.as_str()) == Some("argoproj.io/v1alpha1")
                        && root
                            .get("kind")
                            .and_then(|k| k.as_str())
                            .and_then(argolint::api::Kind::from_kind)
                            .is_some()
                })
        })
        .collect();
    assert!(argo_only.len() >= 200, "only {} files", argo_only.len());
    let found = validate(&schema(), &argo_only);
    // yaml-language-server's YAML parser rejects some valid files (multi-line quoted
    // scalars in flow sequences); what it reports on the broken structure says nothing
    // about the schema.
    let unparsed: BTreeSet<&str> = found
        .iter()
        .filter(|f| !f.is_schema())
        .map(|f| f.file.as_str())
        .collect();
    let schema_errors: Vec<&Found> = found
        .iter()
        .filter(|f| f.is_schema() && !unparsed.contains(f.file.as_str()))
        .collect();
    eprintln!(
        "yaml-language-server with argolint's schema: {} example files, {} its parser rejects, {} schema errors in the rest",
        argo_only.len(),
        unparsed.len(),
        schema_errors.len()
    );
    assert!(unparsed.len() <= 12, "parser rejects {unparsed:?}");
    assert!(schema_errors.is_empty(), "{schema_errors:#?}");
    // The check can fail: the same run sees a broken copy of an example.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.yaml");
    let text = std::fs::read_to_string(&argo_only[0]).unwrap();
    std::fs::write(
        &broken,
        text.replacen("spec:", "spec:\n  retryStratgy: {}", 1),
    )
    .unwrap();
    let found = validate(&schema(), &[broken]);
    assert!(
        found
            .iter()
            .any(|f| f.is_schema() && f.message.contains("DisallowedExtraProp")),
        "{found:#?}"
    );
}
