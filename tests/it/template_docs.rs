//! `argolint docs templates` and `argolint graph`: the pages and graphs of the catalog under
//! `testdata/docs/catalog` (snapshots), the Mermaid they contain (checked for structure here,
//! and by Mermaid's own parser from npm when `scripts/install-test-tools.sh` has installed
//! it: skipped with a message locally without it, a failure on CI), `--check` on fresh and
//! stale files, the `docs:` configuration block, bad input, and upstream's examples (a page
//! for every WorkflowTemplate and ClusterWorkflowTemplate, and never a failure).

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
    assert!(err.contains("unknown variant `Pod`"), "{err}");
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
/// ClusterWorkflowTemplate among them gets a page whose heading is its name. Pages are not
/// snapshotted: they would copy upstream's text into this repository.
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
