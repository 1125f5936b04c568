//! Navigation requests end to end: definition, references, rename (and prepareRename),
//! document highlight, document and workspace symbols, hover on a reference. The workspace
//! is `testdata/lsp/nav/`: a Workflow (DAG, templateRef, parameters), a CronWorkflow and a
//! WorkflowTemplate in a subfolder that neither of them is opened with.

use serde_json::{Value, json};

use super::{Lsp, Opts, fixture, markdown, uri};

/// The position of `|` in `marked`, found in `text` (the text around it must be unique).
fn pos(text: &str, marked: &str) -> (u32, u32) {
    let cursor = marked.find('|').expect("a | in the marker");
    let needle = marked.replace('|', "");
    let mut hits = text.match_indices(&needle);
    let (at, _) = hits
        .next()
        .unwrap_or_else(|| panic!("`{needle}` not in the text"));
    assert!(hits.next().is_none(), "`{needle}` is not unique");
    let off = at + cursor;
    let line = text[..off].matches('\n').count() as u32;
    let col = (off - text[..off].rfind('\n').map_or(0, |i| i + 1)) as u32;
    (line, col)
}

struct Ws {
    lsp: Lsp,
    pipeline: String,
    text: String,
}

fn start() -> Ws {
    let ws = fixture("nav");
    let mut lsp = Lsp::start(Opts {
        folder: Some(&ws),
        ..Opts::default()
    });
    let path = ws.join("pipeline.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let pipeline = uri(&path);
    lsp.open(&pipeline, &text);
    Ws {
        lsp,
        pipeline,
        text,
    }
}

impl Ws {
    fn ask(&mut self, method: &str, marked: &str, extra: Value) -> Value {
        let (line, character) = pos(&self.text, marked);
        let mut params = json!({"textDocument": {"uri": self.pipeline},
                                "position": {"line": line, "character": character}});
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.lsp.request(method, params)
    }
}

/// `file name:line:character-character` of a location (or range with a uri).
fn place(loc: &Value) -> String {
    let u = loc["uri"].as_str().unwrap();
    let r = &loc["range"];
    format!(
        "{}:{}:{}-{}",
        u.rsplit('/').next().unwrap(),
        r["start"]["line"],
        r["start"]["character"],
        r["end"]["character"]
    )
}

fn places(result: &Value) -> Vec<String> {
    let mut v: Vec<String> = match result {
        Value::Array(a) => a.iter().map(place).collect(),
        Value::Null => Vec::new(),
        one => vec![place(one)],
    };
    v.sort();
    v
}

#[test]
fn definition_follows_every_kind_of_reference() {
    let mut ws = start();
    let cases = [
        // templateRef: the template in the other file, and the WorkflowTemplate itself.
        ("template: fetch-|data", "shared.yaml:6:12-22"),
        ("name: l|ib", "shared.yaml:3:8-11"),
        // An argument's name: the callee's input, in the other file.
        ("- name: sou|rce", "shared.yaml:9:18-24"),
        // A local call, the entrypoint, depends and a task's outputs.
        ("template: pri|nt", "pipeline.yaml:29:12-17"),
        ("entrypoint: m|ain", "pipeline.yaml:11:12-16"),
        ("depends: \"fe|tch", "pipeline.yaml:14:18-23"),
        ("{{tasks.fet|ch.outputs", "pipeline.yaml:14:18-23"),
        // Variables: the template's input and the workflow's parameter.
        ("{{inputs.parameters.mes|sage}}", "pipeline.yaml:32:18-25"),
        ("{{workflow.parameters.data|set}}", "pipeline.yaml:8:14-21"),
    ];
    for (marked, want) in cases {
        let r = ws.ask("textDocument/definition", marked, json!({}));
        assert_eq!(places(&r["result"]), [want], "{marked}: {r}");
    }
    // Nothing to go to on a plain field.
    let r = ws.ask("textDocument/definition", "image: py|thon", json!({}));
    assert!(r["result"].is_null(), "{r}");
    assert_eq!(ws.lsp.stop(), 0);
}

#[test]
fn references_span_the_workspace_and_highlights_the_document() {
    let mut ws = start();
    let r = ws.ask(
        "textDocument/references",
        "template: fetch-|data",
        json!({"context": {"includeDeclaration": true}}),
    );
    assert_eq!(
        places(&r["result"]),
        [
            "nightly.yaml:12:49-59",
            "pipeline.yaml:17:24-34",
            "shared.yaml:16:22-32",
            "shared.yaml:20:22-32",
            "shared.yaml:6:12-22",
        ],
        "{r}"
    );
    let r = ws.ask(
        "textDocument/references",
        "template: fetch-|data",
        json!({"context": {"includeDeclaration": false}}),
    );
    assert_eq!(places(&r["result"]).len(), 4, "{r}");
    // The input `message` of `print`: declared, passed by `report`, read in the script.
    let r = ws.ask(
        "textDocument/documentHighlight",
        "{{inputs.parameters.mes|sage}}",
        json!({}),
    );
    let got: Vec<(u64, u64)> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["range"]["start"]["line"].as_u64().unwrap(),
                h["kind"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [(27, 2), (32, 3), (38, 2)], "{r}");
    assert_eq!(ws.lsp.stop(), 0);
}

#[test]
fn rename_edits_every_file_or_says_why_not() {
    let mut ws = start();
    let r = ws.ask(
        "textDocument/prepareRename",
        "template: fetch-|data",
        json!({}),
    );
    assert_eq!(r["result"]["placeholder"], "fetch-data", "{r}");
    let r = ws.ask(
        "textDocument/rename",
        "template: fetch-|data",
        json!({"newName": "get-data"}),
    );
    let changes = r["result"]["changes"]
        .as_object()
        .unwrap_or_else(|| panic!("{r}"));
    let mut edits: Vec<String> = Vec::new();
    for (u, list) in changes {
        for e in list.as_array().unwrap() {
            assert_eq!(e["newText"], "get-data");
            edits.push(place(&json!({"uri": u, "range": e["range"]})));
        }
    }
    edits.sort();
    assert_eq!(edits.len(), 5, "{edits:?}");
    assert_eq!(changes.len(), 3, "three files change: {edits:?}");

    // Refusals come with a reason.
    let refused = |r: &Value| r["error"]["message"].as_str().unwrap_or("").to_string();
    let r = ws.ask("textDocument/prepareRename", "image: py|thon", json!({}));
    assert!(refused(&r).contains("none under the cursor"), "{r}");
    let r = ws.ask(
        "textDocument/rename",
        "template: pri|nt",
        json!({"newName": "main"}),
    );
    assert!(refused(&r).contains("already exists"), "{r}");
    assert!(refused(&r).contains("pipeline.yaml:12"), "{r}");
    let r = ws.ask(
        "textDocument/rename",
        "template: pri|nt",
        json!({"newName": "Bad_name"}),
    );
    assert!(refused(&r).contains("not a valid template name"), "{r}");
    // A parameter may hold `_`; a WorkflowTemplate's name may not hold upper case.
    let r = ws.ask(
        "textDocument/rename",
        "{{inputs.parameters.mes|sage}}",
        json!({"newName": "the_message"}),
    );
    let n: usize = r["result"]["changes"]
        .as_object()
        .unwrap_or_else(|| panic!("{r}"))
        .values()
        .map(|l| l.as_array().unwrap().len())
        .sum();
    assert_eq!(n, 3, "{r}");
    let r = ws.ask(
        "textDocument/rename",
        "name: l|ib",
        json!({"newName": "Lib"}),
    );
    assert!(
        refused(&r).contains("not a valid WorkflowTemplate name"),
        "{r}"
    );
    assert_eq!(ws.lsp.stop(), 0);
}

#[test]
fn a_name_declared_nowhere_or_written_through_escapes_is_not_renamed() {
    let mut lsp = Lsp::start(Opts::default());
    let u = "untitled:refs.yaml";
    let text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      steps:\n        - - name: a\n            templateRef: {name: elsewhere, template: t}\n          - name: b\n            template: \"prin\\x74\"\n    - name: print\n      container: {image: alpine}\n";
    lsp.open(u, text);
    let at = |marked: &str| {
        let (line, character) = pos(text, marked);
        json!({"textDocument": {"uri": u}, "position": {"line": line, "character": character}})
    };
    let r = lsp.request("textDocument/prepareRename", at("template: |t}"));
    let msg = r["error"]["message"].as_str().unwrap_or("");
    assert!(msg.contains("not declared in the workspace"), "{r}");
    let r = lsp.request("textDocument/prepareRename", at("- name: pri|nt"));
    let msg = r["error"]["message"].as_str().unwrap_or("");
    assert!(msg.contains("escapes") && msg.contains(":12"), "{r}");
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn symbols_outline_the_document_and_list_the_workspace_templates() {
    let mut ws = start();
    let r = ws.lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": ws.pipeline}}),
    );
    let docs = r["result"].as_array().unwrap_or_else(|| panic!("{r}"));
    assert_eq!(docs.len(), 1);
    assert_eq!(
        (docs[0]["name"].as_str(), docs[0]["detail"].as_str()),
        (Some("pipeline-"), Some("Workflow"))
    );
    let outline = |s: &Value| -> Vec<String> {
        s["children"]
            .as_array()
            .map(|c| {
                c.iter()
                    .map(|c| format!("{}:{}", c["name"].as_str().unwrap(), c["kind"]))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(outline(&docs[0]), ["dataset:14", "main:12", "print:12"]);
    let main = &docs[0]["children"][1];
    assert_eq!(outline(main), ["fetch:24", "report:24"]);
    assert_eq!(main["children"][0]["detail"], "task → fetch-data");
    assert_eq!(outline(&docs[0]["children"][2]), ["message:13"]);

    let r = ws
        .lsp
        .request("workspace/symbol", json!({"query": "fetch"}));
    let found: Vec<String> = r["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .map(|s| {
            format!(
                "{}/{} {}",
                s["containerName"].as_str().unwrap(),
                s["name"].as_str().unwrap(),
                place(&s["location"])
            )
        })
        .collect();
    assert_eq!(found, ["lib/fetch-data shared.yaml:6:12-22"]);
    let r = ws.lsp.request("workspace/symbol", json!({"query": ""}));
    assert_eq!(
        r["result"].as_array().unwrap().len(),
        3,
        "lib, fetch-data, twice: {r}"
    );
    assert_eq!(ws.lsp.stop(), 0);
}

#[test]
fn hover_on_a_reference_shows_its_target() {
    let mut ws = start();
    let h = markdown(&ws.ask("textDocument/hover", "template: fetch-|data", json!({})));
    assert!(
        h.contains("template `fetch-data`** of WorkflowTemplate `lib` (container)"),
        "{h}"
    );
    assert!(h.contains("library/shared.yaml:7"), "{h}");
    assert!(h.contains("input `source`: required"), "{h}");
    let h = markdown(&ws.ask(
        "textDocument/hover",
        "{{inputs.parameters.mes|sage}}",
        json!({}),
    ));
    assert!(
        h.contains("input parameter `message`** of template `print`"),
        "{h}"
    );
    assert!(h.contains("default: `nothing`"), "{h}");
    let h = markdown(&ws.ask(
        "textDocument/hover",
        "{{workflow.parameters.data|set}}",
        json!({}),
    ));
    assert!(h.contains("value: `s3://bucket/data.csv`"), "{h}");
    let h = markdown(&ws.ask("textDocument/hover", "{{tasks.fet|ch.outputs", json!({})));
    assert!(
        h.contains("calls template `fetch-data` of `lib`") && h.contains("known at run time"),
        "{h}"
    );
    // A variable only the run knows says so.
    let h = markdown(&ws.ask(
        "textDocument/hover",
        "{{tasks.fetch.outputs.res|ult}}",
        json!({}),
    ));
    assert!(
        h.starts_with("**`{{tasks.fetch.outputs.result}}`**: known only when the workflow runs"),
        "{h}"
    );
    // On a declaration, or a plain field, hover documents the field as before.
    let h = markdown(&ws.ask("textDocument/hover", "image: py|thon", json!({})));
    assert!(h.contains("image"), "{h}");
    assert_eq!(ws.lsp.stop(), 0);
}
