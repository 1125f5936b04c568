//! Bad input never crashes argolint, always gets a clear diagnostic or error, and never stops
//! the other files from being linted. Each case lints the bad input next to a known-bad
//! manifest (`testdata/rules/duplicate-key/bad.yaml`) whose findings must still appear.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const WITNESS: &str = "testdata/rules/duplicate-key/bad.yaml";

struct Run {
    code: i32,
    json: Value,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = Command::cargo_bin("argolint")
        .unwrap()
        .arg("check")
        .arg("--format=json")
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    Run {
        code: out
            .status
            .code()
            .expect("argolint was killed (crash or hang)"),
        json: serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {stdout}")),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Run {
    /// The rules of the error-level findings in a file (warnings and infos from the
    /// best-practice rules are not what these tests are about).
    fn rules_in(&self, file_suffix: &str) -> Vec<String> {
        self.json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["file"].as_str().unwrap().ends_with(file_suffix))
            .filter(|d| d["severity"] == "error")
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    }

    fn witness_still_linted(&self) {
        assert_eq!(
            self.rules_in("duplicate-key/bad.yaml"),
            vec!["duplicate-key", "duplicate-key"],
            "the other file was not linted"
        );
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn truncated_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "t.yaml",
        b"apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  templates:\n    - name: \"ma",
    );
    let r = run(&[&f, WITNESS]);
    assert_eq!(r.code, 1);
    assert_eq!(r.rules_in("t.yaml"), vec!["yaml-syntax-error"]);
    r.witness_still_linted();
}

#[test]
fn invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "latin1.yaml",
        b"kind: Workflow\nname: caf\xe9\n",
    );
    let r = run(&[&f, WITNESS]);
    assert_eq!(r.code, 1);
    let d = &r.json["diagnostics"][0];
    assert_eq!(d["rule"], "not-text");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(10))
    );
    r.witness_still_linted();
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "blob.yaml",
        &[0x7f, b'E', b'L', b'F', 0, 1, 2, 0xff, 0xfe],
    );
    let r = run(&[&f, WITNESS]);
    assert_eq!(r.rules_in("blob.yaml"), vec!["not-text"]);
    r.witness_still_linted();
}

#[test]
fn alias_bomb() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..12 {
        t.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    let f = write(dir.path(), "bomb.yaml", t.as_bytes());
    let r = run(&[&f, WITNESS]);
    assert_eq!(r.rules_in("bomb.yaml"), vec!["alias-expansion"]);
    r.witness_still_linted();
}

#[test]
fn nesting_100_000_levels_deep() {
    let dir = tempfile::tempdir().unwrap();
    let flow = write(dir.path(), "flow.yaml", "[".repeat(100_000).as_bytes());
    // `- - - … x`: 100,000 block sequences nested on one line.
    let block = format!("{}x\n", "- ".repeat(100_000));
    let block = write(dir.path(), "block.yaml", block.as_bytes());
    let mapping: String = (0..100_000).map(|_| "{a: ").collect();
    let mapping = write(dir.path(), "map.json", mapping.as_bytes());
    let r = run(&[&flow, &block, &mapping, WITNESS]);
    for f in ["flow.yaml", "block.yaml", "map.json"] {
        assert_eq!(r.rules_in(f), vec!["yaml-syntax-error"], "{f}");
    }
    r.witness_still_linted();
}

#[test]
fn huge_file_is_skipped_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.yaml");
    // A sparse 100 MB file: its size is judged before anything is read.
    std::fs::File::create(&p)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let r = run(&[p.to_str().unwrap(), WITNESS]);
    assert_eq!(r.rules_in("huge.yaml"), vec!["file-too-large"]);
    let msg = r.json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(msg.contains("100.0 MiB"), "{msg}");
    r.witness_still_linted();
}

#[test]
fn directory_named_like_a_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("x.yaml");
    std::fs::create_dir(&d).unwrap();
    write(&d, "inner.yaml", b"apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  entrypoint: a\n  entrypoint: b\n  templates: [{name: b, container: {image: alpine:3.20}}]\n");
    let r = run(&[d.to_str().unwrap(), WITNESS]);
    assert_eq!(r.code, 1);
    assert_eq!(r.rules_in("inner.yaml"), vec!["duplicate-key"]);
    r.witness_still_linted();
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.yaml");
    let b = dir.path().join("b.yaml");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("up")).unwrap();
    // Named directly: an I/O error naming the file, exit 2, the rest still linted.
    let r = run(&[a.to_str().unwrap(), WITNESS]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("a.yaml"), "{}", r.stderr);
    r.witness_still_linted();
    // Walked: links are not followed, so the walk ends.
    let r = run(&[dir.path().to_str().unwrap(), WITNESS]);
    r.witness_still_linted();
}

#[test]
fn helm_template() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "chart.yaml",
        b"{{- if .Values.enabled }}\napiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: {{ .Values.name }}\n{{- end }}\n",
    );
    let r = run(&[&f, WITNESS]);
    assert_eq!(r.code, 1);
    let rules = r.rules_in("chart.yaml");
    assert!(!rules.is_empty());
    let d = r.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"].as_str().unwrap().ends_with("chart.yaml"))
        .unwrap();
    let text = format!("{} {}", d["message"], d["help"]);
    assert!(text.contains("helm template"), "{text}");
    r.witness_still_linted();
}

#[test]
fn missing_path_is_an_io_error_but_the_rest_is_linted() {
    let r = run(&["does/not/exist.yaml", WITNESS]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("does/not/exist.yaml"), "{}", r.stderr);
    r.witness_still_linted();
}

#[test]
fn empty_and_comment_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let e = write(dir.path(), "empty.yaml", b"");
    let c = write(dir.path(), "comments.yaml", b"# nothing here\n---\n---\n");
    let r = run(&[&e, &c]);
    assert_eq!(r.code, 0);
    assert_eq!(r.json["summary"]["files"], 2);
    assert_eq!(r.json["diagnostics"].as_array().unwrap().len(), 0);
}
