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

// Inputs aimed at argolint's own code: each once crashed it or took minutes (quadratic or
// worse). The tests assert what is found; the sizes are such that a quadratic cost would
// take minutes, so a regression shows as the 60 s timeout of `run`.

/// The findings of `rule` in a file, at any severity.
fn all_of(r: &Run, file_suffix: &str, rule: &str) -> Vec<Value> {
    r.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with(file_suffix) && d["rule"] == rule)
        .cloned()
        .collect()
}

const WORKFLOW_HEAD: &str = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: hostile-\nspec:\n  entrypoint: main\n  templates:\n";

#[test]
fn expressions_nested_ten_times_past_the_limit() {
    // MAX_EXPRESSION_NESTING is 100; 10x that, and the sizes that once overflowed the stack.
    let dir = tempfile::tempdir().unwrap();
    for (name, depth) in [("when-1000", 1_000), ("when-5000", 5_000)] {
        let text = format!(
            "{WORKFLOW_HEAD}  - name: main\n    steps:\n    - - name: a\n        template: t\n        when: \"{}1 == 1{}\"\n  - name: t\n    container: {{image: alpine:3.20}}\n",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let f = write(dir.path(), &format!("{name}.yaml"), text.as_bytes());
        let r = run(&[&f, WITNESS]);
        let found = all_of(&r, &format!("{name}.yaml"), "invalid-when-expression");
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0]["severity"], "warning");
        assert!(
            found[0]["message"]
                .as_str()
                .unwrap()
                .contains("was not checked")
        );
        assert_eq!(r.rules_in(&format!("{name}.yaml")), Vec::<String>::new());
        r.witness_still_linted();
    }
    for (name, depth) in [("depends-1000", 1_000), ("depends-30000", 30_000)] {
        let text = format!(
            "{WORKFLOW_HEAD}  - name: main\n    dag:\n      tasks:\n      - name: a\n        template: t\n      - name: b\n        template: t\n        depends: \"{}a{}\"\n  - name: t\n    container: {{image: alpine:3.20}}\n",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let f = write(dir.path(), &format!("{name}.yaml"), text.as_bytes());
        let r = run(&[&f, WITNESS]);
        let found = all_of(&r, &format!("{name}.yaml"), "invalid-dag-dependency");
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0]["severity"], "warning");
        assert_eq!(r.rules_in(&format!("{name}.yaml")), Vec::<String>::new());
    }
    // A long chain of `!` is a loop in the parser, and fine.
    let text = format!(
        "{WORKFLOW_HEAD}  - name: main\n    dag:\n      tasks:\n      - name: a\n        template: t\n      - name: b\n        template: t\n        depends: \"{}a\"\n  - name: t\n    container: {{image: alpine:3.20}}\n",
        "!".repeat(100_000)
    );
    let f = write(dir.path(), "not.yaml", text.as_bytes());
    let r = run(&[&f]);
    assert_eq!(
        all_of(&r, "not.yaml", "invalid-dag-dependency"),
        Vec::<Value>::new()
    );
}

#[test]
fn an_alias_copying_long_text_is_charged_before_copying() {
    // 40 KB of text anchored once and aliased 20,000 times: 800 MB if copied.
    let dir = tempfile::tempdir().unwrap();
    let mut t = format!("big: &big \"{}\"\ncopies:\n", "x".repeat(40_000));
    for _ in 0..20_000 {
        t.push_str("- *big\n");
    }
    let f = write(dir.path(), "text-bomb.yaml", t.as_bytes());
    let r = run(&[&f, WITNESS]);
    assert_eq!(r.rules_in("text-bomb.yaml"), vec!["alias-expansion"]);
    r.witness_still_linted();
}

#[test]
fn many_findings_in_one_long_value() {
    // 20,000 undefined `{{inputs.parameters.pN}}` in one 600 KB argument, on one line, with
    // a non-ASCII character in front so columns are counted in characters.
    let dir = tempfile::tempdir().unwrap();
    let args: Vec<String> = (0..20_000)
        .map(|i| format!("{{{{inputs.parameters.p{i}}}}}"))
        .collect();
    let text = format!(
        "{WORKFLOW_HEAD}  - name: main\n    container:\n      image: alpine:3.20\n      args: [\"é {}\"]\n",
        args.join(" ")
    );
    let f = write(dir.path(), "long-value.yaml", text.as_bytes());
    let r = run(&[&f]);
    let found = all_of(&r, "long-value.yaml", "undefined-variable");
    assert_eq!(found.len(), 20_000);
    // Each finding points at its own tag: columns count characters (`é` is two bytes).
    let line = text.lines().position(|l| l.contains("args:")).unwrap() + 1;
    let line_text = text.lines().nth(line - 1).unwrap();
    for d in [&found[0], &found[12_345], &found[19_999]] {
        let msg = d["message"].as_str().unwrap();
        // "template `main` declares no input parameter `pN`"
        let at = msg.rfind("`p").expect(msg) + 2;
        let n: String = msg[at..].chars().take_while(char::is_ascii_digit).collect();
        let byte = line_text
            .find(&format!("{{{{inputs.parameters.p{n}}}}}"))
            .unwrap();
        let col = line_text[..byte].chars().count() + 1;
        assert_eq!(d["line"], line, "{d}");
        assert_eq!(d["column"], col, "{d}");
    }
}

#[test]
fn many_keys_and_many_duplicates_in_one_mapping() {
    let dir = tempfile::tempdir().unwrap();
    // 200,000 annotations.
    let mut t = String::from(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: keys-\n  annotations:\n",
    );
    for i in 0..200_000 {
        t.push_str(&format!("    example.com/k{i}: v\n"));
    }
    t.push_str("spec:\n  entrypoint: main\n  templates:\n  - name: main\n    container: {image: alpine:3.20}\n");
    let many = write(dir.path(), "annotations.yaml", t.as_bytes());
    // 100,000 duplicates of one key, in a block mapping and in a one-line flow mapping.
    let mut block = String::from("a:\n");
    for _ in 0..100_000 {
        block.push_str("  k: v\n");
    }
    let block = write(dir.path(), "dups.yaml", block.as_bytes());
    let flow = format!("a: {{{}}}\n", vec!["k: v"; 100_000].join(", "));
    let flow = write(dir.path(), "dups-flow.yaml", flow.as_bytes());
    let r = run(&[&many, &block, &flow]);
    // Read whole and fast; the only errors are the object's real sizes: 5 MiB in all, and
    // annotations far over the API server's 256 KiB.
    let mut rules = r.rules_in("annotations.yaml");
    rules.sort();
    assert_eq!(rules, ["invalid-metadata", "oversized-parameter"]);
    assert_eq!(all_of(&r, "dups.yaml", "duplicate-key").len(), 99_999);
    assert_eq!(all_of(&r, "dups-flow.yaml", "duplicate-key").len(), 99_999);
}

#[test]
fn stdin_past_the_size_limit_is_too_large_not_cut() {
    // A privileged container after 23 MB of padding: once cut at 20 MiB and passed clean.
    let mut t = String::from("# padding\n");
    while t.len() < 23 * 1024 * 1024 {
        t.push_str(&"#".repeat(1023));
        t.push('\n');
    }
    t.push_str(WORKFLOW_HEAD);
    t.push_str("  - name: main\n    container:\n      image: alpine:3.20\n      securityContext: {privileged: true}\n");
    let out = Command::cargo_bin("argolint")
        .unwrap()
        .args(["check", "--format=json", "-"])
        .write_stdin(t)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, vec!["file-too-large"], "{json}");
    let msg = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(msg.contains("23.0 MiB"), "{msg}");
    assert_ne!(out.status.code(), Some(0));
}
