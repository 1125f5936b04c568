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
//! - Editing with it: completion after `imagePullPolicy: ` offers the allowed values, a bad
//!   value's message says what is expected (never a regular expression), `{{…}}` values pass
//!   where Argo substitutes them, and the `# yaml-language-server: $schema=…` modeline
//!   works where README says it does (`tools/yls_complete.js` asks for completions).
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
    validate_with(schema.as_os_str(), files)
}

/// Runs yaml-language-server's validation of `files` with no schema configured: each YAML
/// document gets the one its modeline names.
fn validate_by_modeline(files: &[PathBuf]) -> Vec<Found> {
    validate_with("--modeline".as_ref(), files)
}

fn validate_with(schema: &std::ffi::OsStr, files: &[PathBuf]) -> Vec<Found> {
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

/// The labels yaml-language-server offers at `line`:`column` (1-based) of `file`.
fn complete(schema: &Path, file: &Path, line: usize, column: usize) -> Vec<String> {
    let out = Command::new("node")
        .arg("tools/yls_complete.js")
        .arg(schema)
        .arg(file)
        .arg(line.to_string())
        .arg(column.to_string())
        .env("NODE_PATH", TOOLS)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "yls_complete.js failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The combined schema of a release: v3.7 installs the minimal CRDs (enums also take
/// `{{…}}`), v4.1 the full ones (some enums are checked as written).
fn schema_of(version: argolint::api::ArgoVersion) -> PathBuf {
    Path::new("schemas").join(argolint::api::schema::file_name(version, None))
}

/// A Workflow whose one container template ends with `container_tail` (lines indented for
/// the container's fields) and has `retry` as its retryStrategy fields.
fn workflow(retry: &str, container_tail: &str) -> String {
    format!(
        "apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: edit-
spec:
  entrypoint: main
  templates:
    - name: main
      inputs:
        parameters:
          - name: p
      retryStrategy:
{retry}
      container:
        image: alpine:3.20
{container_tail}"
    )
}

/// 1-based line and column just after the first occurrence of `needle` in `text`.
fn after(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap() + needle.len();
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

/// Does `message` look like a regular expression was pasted into it?
fn has_regex(message: &str) -> bool {
    ["(?:", "[0-9]", "\\{", "\\.", "$|", "^["]
        .iter()
        .any(|r| message.contains(r))
}

#[test]
fn completion_offers_the_allowed_values() {
    use argolint::api::ArgoVersion;
    if !tools_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // `imagePullPolicy` also takes `{{…}}` (both releases); `retryPolicy` takes `{{…}}` under
    // v3.7's minimal CRDs and only its values under v4.1's full ones: both forms of enum.
    let cases = [
        (
            "        imagePullPolicy: ",
            ["Always", "IfNotPresent", "Never"].as_slice(),
        ),
        (
            "        retryPolicy: ",
            ["Always", "OnFailure", "OnError", "OnTransientError"].as_slice(),
        ),
    ];
    for version in [ArgoVersion::V3_7, ArgoVersion::LATEST] {
        for (at, values) in cases {
            let (retry, tail) = if at.contains("retryPolicy") {
                (at.to_string(), String::new())
            } else {
                ("        limit: 2".to_string(), format!("{at}\n"))
            };
            let text = workflow(&retry, &tail);
            let file = dir.path().join("wf.yaml");
            std::fs::write(&file, &text).unwrap();
            let (line, column) = after(&text, at);
            let offered: BTreeSet<String> = complete(&schema_of(version), &file, line, column)
                .into_iter()
                // Every field may be left empty, so `null` is offered beside the values.
                .filter(|l| l != "null")
                .collect();
            let expected: BTreeSet<String> = values.iter().map(|v| v.to_string()).collect();
            assert_eq!(offered, expected, "{version} after `{}`", at.trim());
        }
    }
}

#[test]
fn bad_values_get_readable_messages_and_expressions_pass() {
    use argolint::api::ArgoVersion;
    if !tools_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    let bad_text = workflow(
        "        retryPolicy: OnFailures\n        backoff:\n          duration: 1 hour",
        "        imagePullPolicy: Sometimes
        resources:
          limits:
            memory: 1 GB
",
    );
    std::fs::write(&bad, &bad_text).unwrap();
    // What each bad line's message must name: the expected form, shown by example.
    let expected = [
        ("retryPolicy: OnFailures", "OnTransientError"),
        ("duration: 1 hour", "1h30m"),
        ("imagePullPolicy: Sometimes", "IfNotPresent"),
        ("memory: 1 GB", "512Mi"),
    ];
    let good = dir.path().join("expressions.yaml");
    std::fs::write(
        &good,
        workflow(
            "        limit: \"{{inputs.parameters.p}}\"
        backoff:
          duration: \"{{inputs.parameters.p}}\"",
            "        imagePullPolicy: \"{{inputs.parameters.p}}\"
        resources:
          requests:
            cpu: \"{{inputs.parameters.p}}\"
          limits:
            memory: \"{{inputs.parameters.p}}m\"
",
        ),
    )
    .unwrap();
    for version in [ArgoVersion::V3_7, ArgoVersion::LATEST] {
        let found = validate(&schema_of(version), &[bad.clone(), good.clone()]);
        let on_good: Vec<&Found> = found
            .iter()
            .filter(|f| f.file.ends_with("expressions.yaml"))
            .collect();
        assert!(
            on_good.is_empty(),
            "{version}: `{{{{…}}}}` values flagged: {on_good:#?}"
        );
        for (line_text, example) in expected {
            let line = bad_text
                .lines()
                .position(|l| l.trim() == line_text)
                .unwrap()
                + 1;
            let here: Vec<&Found> = found.iter().filter(|f| f.line == line).collect();
            assert_eq!(
                here.len(),
                1,
                "{version} line {line} `{line_text}`: {found:#?}"
            );
            let message = &here[0].message;
            assert!(here[0].is_schema(), "{:?}", here[0]);
            assert!(
                message.starts_with("Expected ") && message.contains(example),
                "{version} `{line_text}`: {message}"
            );
            assert!(!has_regex(message), "{version} `{line_text}`: {message}");
        }
        assert_eq!(found.len(), expected.len(), "{version}: {found:#?}");
    }
    // The regex detector can fail: yaml-language-server's own message for a pattern quotes it.
    assert!(has_regex(&format!(
        "String does not match the pattern of \"{}\".",
        argolint::api::schema::QUANTITY_PATTERN
    )));
}

#[test]
fn every_pattern_in_the_published_schemas_has_a_readable_message() {
    fn walk(v: &serde_json::Value, file: &str, checked: &mut usize) {
        match v {
            serde_json::Value::Object(m) => {
                if m.contains_key("pattern") {
                    *checked += 1;
                    let message = m.get("patternErrorMessage").and_then(|m| m.as_str());
                    assert!(
                        message.is_some_and(|msg| msg.starts_with("Expected ") && !has_regex(msg)),
                        "{file}: a pattern without a readable message: {v}"
                    );
                }
                m.values().for_each(|v| walk(v, file, checked));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, file, checked)),
            _ => {}
        }
    }
    let mut checked = 0;
    for (version, kind) in argolint::api::schema::committed() {
        let file = Path::new("schemas").join(argolint::api::schema::file_name(version, kind));
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        walk(&schema, &file.display().to_string(), &mut checked);
    }
    assert!(checked > 500, "only {checked} patterns seen");
}

#[test]
fn the_modeline_names_the_schema_of_its_yaml_document() {
    if !tools_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let schema = std::fs::canonicalize(schema()).unwrap();
    let modeline = format!("# yaml-language-server: $schema={}\n", schema.display());
    let document = workflow("        limit: 2", "        imagePullPolicy: Sometimes\n");
    let mistake = document
        .lines()
        .position(|l| l.contains("Sometimes"))
        .unwrap()
        + 1;
    let write = |name: &str, text: String| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    // (file, the lines where the mistake must be flagged)
    let cases = [
        // On the first line: the documented place.
        (
            write("first.yaml", format!("{modeline}{document}")),
            vec![mistake + 1],
        ),
        // Any other line of the document works too, even the last.
        (
            write(
                "middle.yaml",
                document.replacen("kind:", &format!("{modeline}kind:"), 1),
            ),
            vec![mistake + 1],
        ),
        (
            write("last.yaml", format!("{document}{modeline}")),
            vec![mistake],
        ),
        // It covers its own YAML document only: the second one has no schema.
        (
            write("two.yaml", format!("{modeline}{document}---\n{document}")),
            vec![mistake + 1],
        ),
        (
            write(
                "second.yaml",
                format!("{document}---\n{modeline}{document}"),
            ),
            vec![mistake + document.lines().count() + 2],
        ),
        // A relative path is resolved from the YAML file's directory.
        (
            {
                std::fs::create_dir_all(dir.path().join("s")).unwrap();
                std::fs::create_dir_all(dir.path().join("wf")).unwrap();
                std::fs::copy(&schema, dir.path().join("s/argo.json")).unwrap();
                write(
                    "wf/relative.yaml",
                    format!("# yaml-language-server: $schema=../s/argo.json\n{document}"),
                )
            },
            vec![mistake + 1],
        ),
        // `#` must be followed by a space.
        (
            write("nospace.yaml", format!("#{}{document}", &modeline[2..])),
            vec![],
        ),
    ];
    let files: Vec<PathBuf> = cases.iter().map(|(p, _)| p.clone()).collect();
    let found = validate_by_modeline(&files);
    for (file, lines) in &cases {
        let flagged: Vec<usize> = found
            .iter()
            .filter(|f| Path::new(&f.file) == file)
            .map(|f| {
                assert!(f.is_schema() && f.message.contains("IfNotPresent"), "{f:?}");
                f.line
            })
            .collect();
        assert_eq!(&flagged, lines, "{}", file.display());
    }
}
