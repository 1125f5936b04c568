//! `argolint docs templates` and `argolint graph`: the pages and graphs of the catalog under
//! `testdata/docs/catalog` (snapshots), the Mermaid they contain (checked for structure here,
//! and by Mermaid's own parser from npm when `scripts/install-test-tools.sh` has installed
//! it: skipped with a message locally without it, a failure on CI; one graph rendered to SVG
//! by Mermaid's CLI and headless Chromium, likewise), `--check` on fresh and stale files, the
//! `docs:` configuration block, bad input, and upstream's examples (a page for every
//! WorkflowTemplate and ClusterWorkflowTemplate, never a failure, and a snapshot of a
//! structural digest of those pages).

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use argolint::docgen::{self, markdown};
use argolint::model::{Kind, Manifest, Template, TemplateType};
use argolint::source::{SourceFile, parse_text};
use argolint::workspace::Unit;
use assert_cmd::Command;

const CATALOG: &str = "testdata/docs/catalog";
const TOOLS: &str = "target/tools/node_modules";

fn argolint() -> Command {
    Command::cargo_bin("argolint").unwrap()
}

fn units(dir: &Path) -> Vec<Unit> {
    let (files, errors) = argolint::engine::discover(&[dir.to_path_buf()]);
    assert!(errors.is_empty(), "{errors:?}");
    files
        .iter()
        .map(|p| {
            let file =
                SourceFile::new(p.display().to_string(), std::fs::read_to_string(p).unwrap());
            let parsed = parse_text(&file.text);
            Unit { file, parsed }
        })
        .collect()
}

fn all_kinds() -> Vec<Kind> {
    Kind::ALL.to_vec()
}

#[test]
fn catalog_pages_snapshot() {
    let units = units(Path::new(CATALOG));
    let catalog = docgen::collect(&units, &docgen::DEFAULT_KINDS);
    let names: Vec<&str> = catalog.manifests.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["ci-pipeline", "image-tools"],
        "the Workflow is left out"
    );
    for (name, text) in markdown::pages(&catalog) {
        insta::assert_snapshot!(format!("page-{name}"), text);
    }
    // With every kind, the Workflow of notes.yaml has a page too, and the ConfigMap none.
    let catalog = docgen::collect(&units, &all_kinds());
    let names: Vec<&str> = catalog.manifests.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["ci-pipeline", "image-tools", "smoke-"]);
}

#[test]
fn output_is_deterministic_and_standard_output_is_the_default() {
    let run = || {
        let out = argolint()
            .args(["docs", "templates", CATALOG])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let first = run();
    assert_eq!(first, run());
    // The inline form has the index, then the pages from `##` on, anchors matching headings.
    assert!(first.starts_with("| Name | Kind |"), "{first}");
    assert!(first.contains("[`ci-pipeline`](#ci-pipeline)"));
    assert!(first.contains("\n## ci-pipeline\n"));
    assert!(first.contains("\n#### `run-tests`\n"));
    assert!(first.contains("[`run-tests`](#run-tests)"));
}

#[test]
fn graph_command_snapshots() {
    let graph = |args: &[&str]| {
        let out = argolint().arg("graph").args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let file = format!("{CATALOG}/ci-pipeline.yaml");
    // Without --template: the entrypoint.
    insta::assert_snapshot!("graph-pipeline-mermaid", graph(&[&file]));
    insta::assert_snapshot!(
        "graph-release-dot",
        graph(&[
            &format!("{CATALOG}/image-tools.yaml"),
            "--template",
            "release",
            "--format",
            "dot"
        ])
    );
    assert_eq!(
        graph(&[&file]),
        graph(&[&file, "--template", "ci-pipeline/pipeline"])
    );
}

#[test]
fn graph_command_refuses_what_it_cannot_draw() {
    let fail = |args: &[&str], needle: &str| {
        let out = argolint().arg("graph").args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    };
    let file = format!("{CATALOG}/ci-pipeline.yaml");
    fail(
        &[&file, "--template", "git-checkout"],
        "no DAG or steps template `git-checkout`",
    );
    fail(&["testdata/docs/no-such.yaml"], "no-such.yaml");
    fail(&["testdata/docs/broken.yaml"], "broken.yaml:");
    // image-tools.yaml has one graph (release): drawn without --template.
    let out = argolint()
        .args(["graph", &format!("{CATALOG}/image-tools.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

type Edges = Vec<(String, String)>;

/// The node ids a Mermaid flowchart declares and the edges it draws, read line by line from
/// the shapes `graph::mermaid` writes; anything else is an error.
fn mermaid_structure(src: &str) -> Result<(Vec<String>, Edges), String> {
    let mut lines = src.lines();
    if lines.next() != Some("flowchart TD") {
        return Err("does not start with `flowchart TD`".into());
    }
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let id_ok = |id: &str| {
        id.len() > 1 && id.starts_with('n') && id[1..].bytes().all(|b| b.is_ascii_digit())
    };
    // `<br/>` separates a label's lines; nothing else may be raw syntax.
    let label_ok = |l: &str| {
        !l.replace("<br/>", "")
            .contains(['"', '[', ']', '{', '}', '|', '<', '>', '`'])
    };
    for line in lines {
        let l = line.trim();
        if l.starts_with("classDef ") {
            continue;
        }
        if let Some(rest) = l.strip_prefix("class ") {
            let ids = rest.split(' ').next().unwrap_or("");
            for id in ids.split(',') {
                if !nodes.iter().any(|n| n == id) {
                    return Err(format!("class names undeclared node {id}: {line}"));
                }
            }
            continue;
        }
        if let Some((from, rest)) = l.split_once(" --> ") {
            edges.push((from.to_string(), rest.to_string()));
            continue;
        }
        if let Some((from, rest)) = l.split_once(" -->|\"") {
            let (label, to) = rest
                .split_once("\"| ")
                .ok_or_else(|| format!("unbalanced edge label: {line}"))?;
            if !label_ok(label) {
                return Err(format!("unescaped edge label: {line}"));
            }
            edges.push((from.to_string(), to.to_string()));
            continue;
        }
        if let Some(id) = l.strip_suffix("(( ))") {
            nodes.push(id.to_string());
            continue;
        }
        if let Some((id, rest)) = l.split_once("[\"") {
            let label = rest
                .strip_suffix("\"]")
                .ok_or_else(|| format!("unbalanced node label: {line}"))?;
            if !label_ok(label) {
                return Err(format!("unescaped node label: {line}"));
            }
            nodes.push(id.to_string());
            continue;
        }
        return Err(format!("unexpected line: {line}"));
    }
    for id in nodes.iter().chain(edges.iter().flat_map(|(a, b)| [a, b])) {
        if !id_ok(id) {
            return Err(format!("bad node id `{id}`"));
        }
    }
    let declared: BTreeSet<&String> = nodes.iter().collect();
    if declared.len() != nodes.len() {
        return Err("a node is declared twice".into());
    }
    for (a, b) in &edges {
        if !declared.contains(a) || !declared.contains(b) {
            return Err(format!("edge {a} --> {b} has an undeclared end"));
        }
    }
    Ok((nodes, edges))
}

/// Every DAG and steps template of `units`: where it is, its task or step names, and the
/// Mermaid `argolint` draws for it.
struct Drawn {
    at: String,
    tasks: Vec<String>,
    mermaid: String,
}

fn drawn(units: &[Unit]) -> Vec<Drawn> {
    let mut out = Vec::new();
    for u in units {
        for doc in &u.parsed.documents {
            let Some(m) = doc.root.as_ref().and_then(Manifest::from_root) else {
                continue;
            };
            for t in m.workflow_spec().iter().flat_map(|s| s.templates()) {
                let tasks: Vec<String> = match t.template_type() {
                    Some(TemplateType::Dag) => t
                        .dag_tasks()
                        .filter_map(|s| s.name())
                        .map(String::from)
                        .collect(),
                    Some(TemplateType::Steps) => t
                        .steps()
                        .filter_map(|s| s.name())
                        .map(String::from)
                        .collect(),
                    _ => continue,
                };
                let g = docgen::graph::build(&Template { node: t.node }).unwrap();
                out.push(Drawn {
                    at: format!("{}: {}", u.file.name, t.name().unwrap_or("?")),
                    tasks,
                    mermaid: g.mermaid(),
                });
            }
        }
    }
    out
}

#[test]
fn mermaid_is_structurally_sound() {
    let mut all = drawn(&units(Path::new(CATALOG)));
    if let Some(dir) = common::corpus_dir() {
        all.extend(drawn(&units(&dir)));
    }
    assert!(all.len() >= 3);
    for d in &all {
        let (nodes, _) = mermaid_structure(&d.mermaid)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", d.at, d.mermaid));
        assert!(nodes.len() >= d.tasks.len(), "{}", d.at);
    }
    // The checker itself catches the mistakes it is for.
    assert!(mermaid_structure("flowchart TD\n  n0[\"a\"]\n  n0 --> n1\n").is_err());
    assert!(mermaid_structure("flowchart TD\n  n0[\"a \"b\"\"]\n").is_err());
    assert!(mermaid_structure("flowchart TD\n  end[\"a\"]\n").is_err());
}

fn mermaid_parser() -> Option<PathBuf> {
    let have_node = StdCommand::new("node").arg("--version").output().is_ok();
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join(TOOLS);
    if have_node
        && modules.join("mermaid/package.json").exists()
        && modules.join("jsdom/package.json").exists()
    {
        return Some(modules);
    }
    if std::env::var_os("CI").is_some() {
        panic!("node, mermaid or jsdom is missing: .ci/run installs them into {TOOLS}");
    }
    eprintln!("SKIPPED: Mermaid's parser not found in {TOOLS} (run scripts/install-test-tools.sh)");
    None
}

/// Mermaid's own parser reads every graph argolint draws, and every task or step appears as
/// a node whose label starts with its name (entity codes decoded as Mermaid renders them).
#[test]
fn mermaid_parser_accepts_every_graph() {
    let Some(modules) = mermaid_parser() else {
        return;
    };
    let mut all = drawn(&units(Path::new(CATALOG)));
    if let Some(dir) = common::corpus_dir() {
        all.extend(drawn(&units(&dir)));
    }
    let sources: Vec<&str> = all.iter().map(|d| d.mermaid.as_str()).collect();
    let mut child = StdCommand::new("node")
        .arg("tests/mermaid/parse.mjs")
        .arg(&modules)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(serde_json::to_string(&sources).unwrap().as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the parser script failed");
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results.len(), all.len());
    for (d, r) in all.iter().zip(&results) {
        assert!(
            r.get("error").is_none(),
            "{}: {}\n{}",
            d.at,
            r["error"],
            d.mermaid
        );
        assert_eq!(r["type"], "flowchart-v2", "{}", d.at);
        let firsts: BTreeSet<&str> = r["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["text"].as_str().unwrap().lines().next().unwrap_or(""))
            .collect();
        for task in &d.tasks {
            assert!(
                firsts.contains(task.as_str()),
                "{}: task `{task}` is not a node of {firsts:?}",
                d.at
            );
        }
    }
    // Names with quotes, brackets and `{{…}}` come through exactly.
    let texts: Vec<&str> = results
        .iter()
        .flat_map(|r| r["nodes"].as_array().unwrap())
        .filter_map(|n| n["text"].as_str())
        .collect();
    assert!(texts.iter().any(|t| t.starts_with("promote [staging]\n")));
    assert!(
        texts
            .iter()
            .any(|t| t.contains("when: {{workflow.parameters.sign}} == \"true\""))
    );
    eprintln!("Mermaid parsed {} graphs", results.len());
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn copy_catalog(dir: &Path) {
    for f in ["ci-pipeline.yaml", "image-tools.yaml", "notes.yaml"] {
        std::fs::copy(Path::new(CATALOG).join(f), dir.join("templates").join(f)).unwrap();
    }
}

fn snapshot_dir(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = argolint()
        .current_dir(dir)
        .args(["docs", "templates"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_mode_on_an_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("templates")).unwrap();
    copy_catalog(d);
    // Nothing there yet: stale, and --check writes nothing.
    let (code, diff, _) = run_in(d, &["templates", "--out", "docs", "--check"]);
    assert_eq!(code, Some(1));
    assert!(diff.contains("+++ b/docs/ci-pipeline.md"), "{diff}");
    assert!(!d.join("docs").exists());
    // Written, then fresh.
    let (code, _, err) = run_in(d, &["templates", "--out", "docs"]);
    assert_eq!(code, Some(0), "{err}");
    let written = snapshot_dir(&d.join("docs"));
    let names: Vec<&str> = written.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["README.md", "ci-pipeline.md", "image-tools.md"]);
    let (code, diff, err) = run_in(d, &["templates", "--out", "docs", "--check"]);
    assert_eq!((code, diff.as_str()), (Some(0), ""), "{err}");
    // A new parameter makes the docs stale; --check shows it and changes nothing.
    let yaml = std::fs::read_to_string(d.join("templates/ci-pipeline.yaml")).unwrap();
    let yaml = yaml.replacen(
        "          - name: runtime\n",
        "          - name: shard\n            description: Which slice of the suite.\n          - name: runtime\n",
        1,
    );
    write(d, "templates/ci-pipeline.yaml", &yaml);
    // A page this command wrote for a manifest now gone, and a hand-written page.
    write(
        d,
        "docs/old-template.md",
        &format!("{}\n\n# old\n", markdown::GENERATED),
    );
    write(d, "docs/notes.md", "# Hand-written\n");
    let before = snapshot_dir(&d.join("docs"));
    let (code, diff, _) = run_in(d, &["templates", "--out", "docs", "--check"]);
    assert_eq!(code, Some(1));
    assert!(
        diff.contains("+| `shard` | yes |  |  | Which slice of the suite. |"),
        "{diff}"
    );
    assert!(diff.contains("--- a/docs/old-template.md"), "{diff}");
    assert!(!diff.contains("notes.md"), "{diff}");
    assert_eq!(snapshot_dir(&d.join("docs")), before, "--check wrote");
    // Updating removes the generated page of the gone manifest, keeps the hand-written one.
    let (code, _, _) = run_in(d, &["templates", "--out", "docs"]);
    assert_eq!(code, Some(0));
    let names: Vec<String> = snapshot_dir(&d.join("docs"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        names,
        ["README.md", "ci-pipeline.md", "image-tools.md", "notes.md"]
    );
    let (code, _, _) = run_in(d, &["templates", "--out", "docs", "--check"]);
    assert_eq!(code, Some(0));
}

#[test]
fn check_mode_on_an_injected_readme() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("templates")).unwrap();
    copy_catalog(d);
    let readme = "# Our templates\n\nHand-written intro.\n\n<!-- BEGIN_ARGOLINT_DOCS -->\n<!-- END_ARGOLINT_DOCS -->\n\nHand-written outro.\n";
    write(d, "README.md", readme);
    let (code, diff, _) = run_in(d, &["templates", "--inject", "README.md", "--check"]);
    assert_eq!(code, Some(1));
    assert!(diff.contains("+## ci-pipeline"), "{diff}");
    assert_eq!(
        std::fs::read_to_string(d.join("README.md")).unwrap(),
        readme
    );
    let (code, _, _) = run_in(d, &["templates", "--inject", "README.md"]);
    assert_eq!(code, Some(0));
    let injected = std::fs::read_to_string(d.join("README.md")).unwrap();
    assert!(injected.starts_with(
        "# Our templates\n\nHand-written intro.\n\n<!-- BEGIN_ARGOLINT_DOCS -->\n| Name |"
    ));
    assert!(injected.ends_with("<!-- END_ARGOLINT_DOCS -->\n\nHand-written outro.\n"));
    let (code, diff, _) = run_in(d, &["templates", "--inject", "README.md", "--check"]);
    assert_eq!((code, diff.as_str()), (Some(0), ""));
    // Without markers: a clear error, the file untouched.
    write(d, "OTHER.md", "# no markers\n");
    let (code, _, err) = run_in(d, &["templates", "--inject", "OTHER.md"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("OTHER.md: no `<!-- BEGIN_ARGOLINT_DOCS -->` marker"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("OTHER.md")).unwrap(),
        "# no markers\n"
    );
    // --check needs something to compare.
    let (code, _, err) = run_in(d, &["templates", "--check"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--check compares"), "{err}");
}

#[test]
fn configuration_block() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("templates")).unwrap();
    copy_catalog(d);
    write(
        d,
        ".argolint.yaml",
        "docs:\n  paths: [templates]\n  out: generated\n  kinds: [WorkflowTemplate, Workflow]\n",
    );
    let (code, stdout, err) = run_in(d, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(stdout.is_empty());
    let names: Vec<String> = snapshot_dir(&d.join("generated"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["README.md", "ci-pipeline.md", "smoke-.md"]);
    // Flags win over the file.
    let (code, stdout, _) = run_in(
        d,
        &[
            "templates/image-tools.yaml",
            "--kinds",
            "ClusterWorkflowTemplate",
        ],
    );
    assert_eq!(code, Some(0));
    assert!(stdout.is_empty(), "out from the file still applies");
    let page = std::fs::read_to_string(d.join("generated/image-tools.md")).unwrap();
    assert!(page.contains("| Kind | ClusterWorkflowTemplate |"));
    // Unknown keys and bad values are reported at their place.
    write(d, ".argolint.yaml", "docs:\n  outt: generated\n");
    let (code, _, err) = run_in(d, &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains(".argolint.yaml:2:3: unknown key `outt` (did you mean `out`?)"),
        "{err}"
    );
    write(d, ".argolint.yaml", "docs:\n  kinds: [Pod]\n");
    let (code, _, err) = run_in(d, &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("`docs.kinds[0]`: `Pod` is not a choice"),
        "{err}"
    );
}

#[test]
fn bad_input_is_a_clear_error_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("templates")).unwrap();
    copy_catalog(d);
    std::fs::copy("testdata/docs/broken.yaml", d.join("templates/broken.yaml")).unwrap();
    let (code, stdout, err) = run_in(d, &["templates", "--out", "docs"]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    assert!(err.contains("templates/broken.yaml:"), "{err}");
    assert!(!d.join("docs").exists());
    let (code, _, err) = run_in(d, &["no-such-dir"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no-such-dir"), "{err}");
    let (code, _, err) = run_in(d, &["--kinds", "Pod", "templates"]);
    assert_eq!(code, Some(2), "{err}");
}

/// Upstream's examples: the command never fails, and every WorkflowTemplate and
/// ClusterWorkflowTemplate among them gets a page whose heading is its name. The pages are not
/// snapshotted (they would copy upstream's text into this repository); their digests are, in
/// `upstream_example_pages_digest_snapshot`.
#[test]
fn upstream_examples_get_a_page_each() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let mut expected = BTreeSet::new();
    for u in units(&corpus) {
        for doc in &u.parsed.documents {
            let Some(root) = &doc.root else { continue };
            if let Some(m) = Manifest::from_root(root)
                && matches!(
                    m.kind,
                    Kind::WorkflowTemplate | Kind::ClusterWorkflowTemplate
                )
            {
                expected.insert((m.name().unwrap().to_string(), m.kind.as_str()));
            }
        }
    }
    assert!(expected.len() >= 10, "{expected:?}");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("docs");
    let started = std::time::Instant::now();
    let o = argolint()
        .args(["docs", "templates", "--out"])
        .arg(&out)
        .arg(&corpus)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut found = BTreeSet::new();
    for (name, text) in snapshot_dir(&out) {
        if name == "README.md" {
            continue;
        }
        let heading = text.lines().find_map(|l| l.strip_prefix("# ")).unwrap();
        let kind = text
            .lines()
            .find_map(|l| l.strip_prefix("| Kind | "))
            .and_then(|k| k.strip_suffix(" |"))
            .unwrap();
        let kind = Kind::from_kind(kind).unwrap().as_str();
        found.insert((heading.to_string(), kind));
    }
    assert_eq!(found, expected);
    // Every kind too: no failure, one section per Argo document.
    let o = argolint()
        .args([
            "docs",
            "templates",
            "--kinds",
            "Workflow,CronWorkflow,WorkflowTemplate,ClusterWorkflowTemplate",
        ])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    let sections = text.lines().filter(|l| l.starts_with("## ")).count();
    assert!(sections >= 200, "{sections}");
    eprintln!(
        "{} pages for upstream's examples in {:.0} ms",
        found.len(),
        took.as_secs_f64() * 1000.0
    );
}

/// `mmdc` (Mermaid's CLI) and the Chromium it drives, as `scripts/install-test-tools.sh`
/// installs them; `None` (with a message) locally without them, a failure on CI.
fn mermaid_renderer() -> Option<PathBuf> {
    let have_node = StdCommand::new("node").arg("--version").output().is_ok();
    let mmdc = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(TOOLS)
        .join(".bin/mmdc");
    let chromium = Path::new("/usr/bin/chromium");
    if have_node && mmdc.exists() && chromium.exists() {
        return Some(mmdc);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "node, {TOOLS}/.bin/mmdc or /usr/bin/chromium is missing: .ci/run installs them \
             (scripts/install-test-tools.sh)"
        );
    }
    eprintln!(
        "SKIPPED: Mermaid's renderer not found ({TOOLS}/.bin/mmdc and /usr/bin/chromium; run \
         scripts/install-test-tools.sh)"
    );
    None
}

/// Entities as Mermaid's SVG writes them in label text.
fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// What a rendered flowchart shows: the text of each node label (its lines joined with
/// `\n`) and the number of edges drawn (`<path>` elements of class `flowchart-link`). Read
/// from the markup Mermaid writes: labels in `<span class="nodeLabel">`, lines split by
/// `<br>`.
fn svg_graph(svg: &str) -> (Vec<String>, usize) {
    let mut labels = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("class=\"nodeLabel\"") {
        rest = &rest[i..];
        let start = rest.find('>').map_or(rest.len(), |j| j + 1);
        let end = rest.find("</span>").unwrap_or(rest.len()).max(start);
        let inner = &rest[start..end];
        // Line breaks first, then every other tag goes.
        let mut text = String::new();
        let mut in_tag = String::new();
        let mut tagging = false;
        for c in inner.chars() {
            match (tagging, c) {
                (false, '<') => {
                    tagging = true;
                    in_tag.clear();
                }
                (true, '>') => {
                    tagging = false;
                    if in_tag.starts_with("br") {
                        text.push('\n');
                    }
                }
                (true, c) => in_tag.push(c),
                (false, c) => text.push(c),
            }
        }
        labels.push(xml_unescape(text.trim()));
        rest = &rest[end..];
    }
    let edges = svg
        .split("<path ")
        .skip(1)
        .filter(|p| {
            let tag = &p[..p.find('>').unwrap_or(p.len())];
            tag.split_once("class=\"")
                .and_then(|(_, c)| c.split_once('"'))
                .is_some_and(|(c, _)| c.split_whitespace().any(|w| w == "flowchart-link"))
        })
        .count();
    (labels, edges)
}

/// The rendered SVG shows every task as a node whose label's first line is its name, one
/// node per declared node and one edge per declared edge.
fn check_rendered(svg: &str, tasks: &[String], nodes: usize, edges: usize) -> Result<(), String> {
    let (labels, drawn_edges) = svg_graph(svg);
    let firsts: Vec<&str> = labels
        .iter()
        .map(|l| l.lines().next().unwrap_or(""))
        .collect();
    for task in tasks {
        if !firsts.contains(&task.as_str()) {
            return Err(format!("task `{task}` is no node label of {firsts:?}"));
        }
    }
    if labels.len() != nodes {
        return Err(format!(
            "{} node labels, {nodes} nodes declared",
            labels.len()
        ));
    }
    if drawn_edges != edges {
        return Err(format!("{drawn_edges} edges drawn, {edges} declared"));
    }
    Ok(())
}

/// The checker on hand-made SVG in Mermaid's markup: it passes a complete drawing and fails
/// one with a node or an edge missing, or with a class that is not the edge class.
#[test]
fn rendered_svg_checker_catches_missing_nodes_and_edges() {
    let node = |id: &str, label: &str| {
        format!(
            "<g class=\"node default\" id=\"{id}\"><rect class=\"basic label-container\"/><g class=\"label\"><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\"><span class=\"nodeLabel\"><p>{label}</p></span></div></foreignObject></g></g>"
        )
    };
    let edge = |class: &str| {
        format!(
            "<path d=\"M0,0L1,1\" class=\"edge-thickness-normal {class}\" marker-end=\"url(#x)\"/>"
        )
    };
    let svg = |nodes: &[String], edges: &[String]| {
        format!(
            "<svg><style>#my-svg .flowchart-link{{stroke:#333;}}</style><g class=\"root\"><g class=\"edgePaths\">{}</g><g class=\"nodes\">{}</g></g></svg>",
            edges.concat(),
            nodes.concat()
        )
    };
    let a = node("a", "build<br />template: make");
    let b = node("b", "test &amp; lint<br />when: a &lt; b");
    let tasks = ["build".to_string(), "test & lint".to_string()];
    let full = svg(&[a.clone(), b.clone()], &[edge("flowchart-link")]);
    assert_eq!(
        svg_graph(&full),
        (
            vec![
                "build\ntemplate: make".to_string(),
                "test & lint\nwhen: a < b".to_string()
            ],
            1
        )
    );
    assert_eq!(check_rendered(&full, &tasks, 2, 1), Ok(()));
    let no_b = svg(std::slice::from_ref(&a), &[edge("flowchart-link")]);
    assert!(
        check_rendered(&no_b, &tasks, 2, 1)
            .unwrap_err()
            .contains("task `test & lint`")
    );
    let no_edge = svg(&[a.clone(), b.clone()], &[]);
    assert!(check_rendered(&no_edge, &tasks, 2, 1).is_err());
    let other_class = svg(&[a, b], &[edge("flowchart-linked")]);
    assert!(check_rendered(&other_class, &tasks, 2, 1).is_err());
}

/// Mermaid's real renderer (mermaid-cli driving headless Chromium) draws the graph
/// `argolint graph` writes for the catalog's DAG: every task is a node label in the SVG and
/// as many edges are drawn as the Mermaid source declares.
#[test]
fn mermaid_renders_a_generated_graph_to_svg() {
    let Some(mmdc) = mermaid_renderer() else {
        return;
    };
    let file = format!("{CATALOG}/ci-pipeline.yaml");
    let out = argolint().args(["graph", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let source = String::from_utf8(out.stdout).unwrap();
    let (nodes, edges) = mermaid_structure(&source).unwrap();
    let tasks: Vec<String> = drawn(&units(Path::new(CATALOG)))
        .into_iter()
        .find(|d| d.mermaid == source)
        .expect("the entrypoint's graph")
        .tasks;
    assert!(tasks.len() >= 4 && edges.len() >= 4, "{source}");
    let tmp = tempfile::tempdir().unwrap();
    let (mmd, svg) = (tmp.path().join("x.mmd"), tmp.path().join("x.svg"));
    std::fs::write(&mmd, &source).unwrap();
    let started = std::time::Instant::now();
    let o = StdCommand::new(&mmdc)
        .arg("-i")
        .arg(&mmd)
        .arg("-o")
        .arg(&svg)
        .arg("-p")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mermaid/puppeteer.json"))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "mmdc failed: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"), "{text}");
    if let Err(e) = check_rendered(&text, &tasks, nodes.len(), edges.len()) {
        panic!("{e}\n{source}\n{text}");
    }
    eprintln!(
        "Mermaid rendered {} nodes and {} edges to SVG in {:.1} s",
        nodes.len(),
        edges.len(),
        started.elapsed().as_secs_f64()
    );
}

/// FNV-1a, 64 bits: a stable fingerprint of a page's text.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[test]
fn fnv1a64_matches_the_reference_values() {
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
}

fn params(ps: &[docgen::ParamDoc]) -> String {
    ps.iter()
        .map(|p| {
            let need = if p.required { "required" } else { "optional" };
            format!("{} ({need})", p.name)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn artifacts(a: &[docgen::ArtifactDoc]) -> String {
    a.iter()
        .map(|a| {
            let need = if a.required { "required" } else { "optional" };
            format!("{} ({need})", a.name)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The structural digest of a manifest's page: identifiers and facts only (names, kinds,
/// types, counts, required or optional) and a hash of the whole page, never upstream's prose
/// or YAML, which stays out of this repository.
fn page_digest(m: &docgen::ManifestDoc, file: &str, page: &str) -> String {
    let mut out = format!(
        "## {}.md\nfile: {file}\nname: {}\nkind: {}\n",
        m.page,
        m.name,
        m.kind.as_str()
    );
    let mut line = |label: &str, value: String| {
        if !value.is_empty() {
            out.push_str(&format!("{label}: {value}\n"));
        }
    };
    line("entrypoint", m.entrypoint.clone().unwrap_or_default());
    line("arguments", params(&m.arguments));
    line("argument artifacts", artifacts(&m.argument_artifacts));
    for t in &m.templates {
        line(
            "template",
            format!("{} ({})", t.name, t.ty.unwrap_or("no type")),
        );
        line("  inputs", params(&t.inputs));
        line("  input artifacts", artifacts(&t.input_artifacts));
        line(
            "  outputs",
            t.outputs
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
        line(
            "  output artifacts",
            t.output_artifacts
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
        if let Some(g) = &t.graph {
            line(
                "  graph",
                format!("{} nodes, {} edges", g.nodes.len(), g.edges.len()),
            );
        }
    }
    line(
        "page",
        format!(
            "{} lines, fnv1a64 {:016x}",
            page.lines().count(),
            fnv1a64(page.as_bytes())
        ),
    );
    out
}

/// Upstream's WorkflowTemplates and ClusterWorkflowTemplates: one snapshot of the structural
/// digest of every page (see `page_digest`), so any change to these pages shows up in review
/// without upstream's text in this repository.
#[test]
fn upstream_example_pages_digest_snapshot() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let units = units(&corpus);
    let catalog = docgen::collect(&units, &docgen::DEFAULT_KINDS);
    let pages: std::collections::BTreeMap<String, String> =
        markdown::pages(&catalog).into_iter().collect();
    assert!(catalog.manifests.len() >= 10);
    let mut digest = String::new();
    for m in &catalog.manifests {
        assert!(matches!(
            m.kind,
            Kind::WorkflowTemplate | Kind::ClusterWorkflowTemplate
        ));
        let file = Path::new(&m.file)
            .strip_prefix(&corpus)
            .unwrap_or_else(|_| panic!("{} is outside {}", m.file, corpus.display()))
            .display()
            .to_string();
        // Pages name their source files; hash them as if the corpus were always at one
        // place, so the digest does not depend on where `../shared` is.
        let page = pages[&format!("{}.md", m.page)]
            .replace(&format!("{}/", corpus.display()), "<corpus>/");
        digest.push_str(&page_digest(m, &file, &page));
        digest.push('\n');
    }
    insta::assert_snapshot!("upstream-pages-digest", digest);
}
