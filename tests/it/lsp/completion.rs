//! Completion of names: variables in scope inside `{{`, template names, `templateRef`s,
//! `depends`, and a new document's kinds and skeletons.

use serde_json::{Value, json};

use super::{Lsp, Opts, fixture, labels, uri};

/// A workflow with a script taking inputs, a steps template and a DAG. Each test replaces
/// the line holding `CURSOR` by a half-typed one.
const WF: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: c-
spec:
  entrypoint: main
  arguments:
    parameters:
      - name: who
        value: world
  templates:
    - name: print
      inputs:
        parameters:
          - name: message
          - name: count
            value: \"1\"
        artifacts:
          - name: data
            path: /tmp/data
      script:
        image: alpine:3.20
        command: [sh]
        LINE_PRINT
        source: echo
    - name: main
      steps:
        - - name: first
            template: print
        - - name: second
            template: print
            withItems: [{x: 1, y: 2}]
            LINE_STEP
        - - name: third
            template: print
    - name: graph
      dag:
        tasks:
          - name: a
            template: print
          - name: b
            template: print
            depends: a
          - name: c
            template: print
            LINE_TASK
";

fn with(line: &str, text: &str) -> (String, u32, u32) {
    // The other markers' lines go.
    let wf: String = WF
        .lines()
        .filter(|l| !l.contains("LINE_") || l.contains(line))
        .map(|l| format!("{l}\n"))
        .collect();
    let l = wf.lines().position(|x| x.contains(line)).unwrap();
    let indent = wf.lines().nth(l).unwrap().find(line).unwrap();
    let wf = wf.replace(line, text);
    (wf, l as u32, (indent + text.len()) as u32)
}

/// A completion request as a client sends it after typing `trigger` (or invoked, when
/// `None`).
fn complete(lsp: &mut Lsp, u: &str, line: u32, character: u32, trigger: Option<&str>) -> Value {
    let context = match trigger {
        Some(t) => json!({"triggerKind": 2, "triggerCharacter": t}),
        None => json!({"triggerKind": 1}),
    };
    lsp.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": u}, "position": {"line": line, "character": character}, "context": context}),
    )
}

fn item<'a>(c: &'a Value, label: &str) -> &'a Value {
    let r = &c["result"];
    r.get("items")
        .unwrap_or(r)
        .as_array()
        .unwrap_or_else(|| panic!("no completion: {c}"))
        .iter()
        .find(|i| i["label"] == label)
        .unwrap_or_else(|| panic!("no `{label}` in {c}"))
}

fn has(got: &[String], want: &str) -> bool {
    got.iter().any(|g| g == want)
}

#[test]
fn input_parameters_complete_in_a_half_typed_script_args() {
    let mut lsp = Lsp::start(Opts::default());
    let u = uri(&fixture("completion.yaml"));
    // The quote and the bracket are still open: the document does not parse.
    let (text, line, col) = with("LINE_PRINT", "args: [\"{{inputs.parameters.");
    lsp.open(&u, &text);
    let start = col - "inputs.parameters.".len() as u32;
    for trigger in [Some("."), None] {
        let c = complete(&mut lsp, &u, line, col, trigger);
        let mut got = labels(&c);
        got.sort();
        // Only what starts with what is typed up to its last dot, labelled by the rest; the
        // edit writes the whole name and closes the tag.
        assert_eq!(got, ["count", "message"]);
        assert_eq!(
            item(&c, "message")["textEdit"],
            json!({"range": {"start": {"line": line, "character": start}, "end": {"line": line, "character": col}},
                   "newText": "inputs.parameters.message}}"})
        );
    }
    // Right after `{{` (the `{` trigger): everything in scope of the template.
    let (text, line, col) = with("LINE_PRINT", "args: [\"{{");
    lsp.change(&u, 2, &text);
    let got = labels(&complete(&mut lsp, &u, line, col, Some("{")));
    for want in [
        "inputs.parameters.message",
        "inputs.artifacts.data",
        "inputs.artifacts.data.path",
        "pod.name",
        "workflow.name",
        "workflow.parameters.who",
    ] {
        assert!(has(&got, want), "{want}: {got:?}");
    }
    assert!(
        !has(&got, "steps.first.status"),
        "not a steps template: {got:?}"
    );
    // Partly typed inside a closed tag: the name is replaced, no second `}}`.
    let (text, line, col) = with("LINE_PRINT", "args: [\"{{ inputs.parameters.mes }}\"]");
    lsp.change(&u, 3, &text);
    let col = col - " }}\"]".len() as u32;
    let c = complete(&mut lsp, &u, line, col, None);
    assert_eq!(
        item(&c, "message")["textEdit"],
        json!({"range": {"start": {"line": line, "character": col - 21}, "end": {"line": line, "character": col}},
               "newText": "inputs.parameters.message"})
    );
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn steps_tasks_and_loop_items_complete_where_they_are_in_scope() {
    let mut lsp = Lsp::start(Opts::default());
    let u = uri(&fixture("completion.yaml"));
    let (text, line, col) = with(
        "LINE_STEP",
        "arguments: {parameters: [{name: message, value: \"{{",
    );
    lsp.open(&u, &text);
    let got = labels(&complete(&mut lsp, &u, line, col, Some("{")));
    for want in [
        "steps.first.status",
        "steps.first.outputs.result",
        "steps.second.status",
        "item",
        "item.x",
        "item.y",
        "workflow.name",
    ] {
        assert!(has(&got, want), "{want}: {got:?}");
    }
    // Its own outputs and later steps' are not available yet; `inputs.parameters.message`
    // belongs to the callee, not to `main`.
    for not in [
        "steps.second.outputs.result",
        "steps.third.status",
        "inputs.parameters.message",
    ] {
        assert!(!has(&got, not), "{not}: {got:?}");
    }

    let (text, line, col) = with(
        "LINE_TASK",
        "arguments: {parameters: [{name: message, value: \"{{",
    );
    lsp.change(&u, 2, &text);
    let got = labels(&complete(&mut lsp, &u, line, col, Some("{")));
    for want in ["tasks.a.outputs.result", "tasks.b.outputs.result"] {
        assert!(has(&got, want), "{want}: {got:?}");
    }
    // `c` depends on nothing: no task's status is in scope, nor are loop items.
    assert!(!has(&got, "tasks.a.status"), "{got:?}");
    assert!(!got.iter().any(|g| g.starts_with("item")), "{got:?}");
    // After `tasks.`: labelled by the rest.
    let (text, line, col) = with(
        "LINE_TASK",
        "arguments: {parameters: [{name: message, value: \"{{tasks.",
    );
    lsp.change(&u, 3, &text);
    let got = labels(&complete(&mut lsp, &u, line, col, Some(".")));
    assert!(has(&got, "a.outputs.result"), "{got:?}");
    assert!(!has(&got, "a.status"), "{got:?}");
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn template_names_tasks_and_results_complete() {
    let mut lsp = Lsp::start(Opts::default());
    let u = uri(&fixture("completion.yaml"));
    let (text, line, col) = with("LINE_STEP", "onExit: ");
    lsp.open(&u, &text);
    let mut got = labels(&complete(&mut lsp, &u, line, col, Some(":")));
    got.sort();
    assert_eq!(got, ["graph", "main", "print"]);

    // `depends`, half-typed in an open quote: the DAG's other tasks.
    let (text, line, col) = with("LINE_TASK", "depends: \"a && ");
    lsp.change(&u, 2, &text);
    let mut got = labels(&complete(&mut lsp, &u, line, col, None));
    got.sort();
    assert_eq!(got, ["a", "b"], "not `c` itself");
    // The older `dependencies` list, in flow style.
    let (text, line, col) = with("LINE_TASK", "dependencies: [a, ");
    lsp.change(&u, 3, &text);
    let mut got = labels(&complete(&mut lsp, &u, line, col, None));
    got.sort();
    assert_eq!(got, ["a", "b"]);
    // After a task and a dot: the results.
    let (text, line, col) = with("LINE_TASK", "depends: \"a && b.Fa");
    lsp.change(&u, 4, &text);
    let c = complete(&mut lsp, &u, line, col, None);
    let got = labels(&c);
    assert_eq!(
        got,
        [
            "Succeeded",
            "Failed",
            "Errored",
            "Skipped",
            "Omitted",
            "Daemoned",
            "AnySucceeded",
            "AllFailed"
        ]
    );
    assert_eq!(
        item(&c, "Failed")["textEdit"],
        json!({"range": {"start": {"line": line, "character": col - 2}, "end": {"line": line, "character": col}},
               "newText": "Failed"})
    );
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn template_refs_complete_from_the_workspace() {
    let ws = fixture("workspace");
    let mut lsp = Lsp::start(Opts {
        folder: Some(&ws),
        ..Opts::default()
    });
    let u = uri(&ws.join("new.yaml"));
    let text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: n-}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      steps:\n        - - name: s\n            templateRef:\n              name: \n";
    lsp.open(&u, text);
    let got = labels(&complete(&mut lsp, &u, 10, 20, Some(":")));
    assert_eq!(got, ["shared"]);
    let text = text.replace("name: \n", "name: shared\n              template: \n");
    lsp.change(&u, 2, &text);
    let got = labels(&complete(&mut lsp, &u, 11, 24, None));
    assert_eq!(got, ["hello"]);
    // A ClusterWorkflowTemplate is asked for: there is none.
    let text = text.replace(
        "name: shared\n",
        "name: shared\n              clusterScope: true\n",
    );
    lsp.change(&u, 3, &text);
    let c = complete(&mut lsp, &u, 12, 24, None);
    assert_eq!(c["result"], Value::Null, "{c}");
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn an_empty_document_offers_kinds_and_skeletons() {
    let mut lsp = Lsp::start(Opts::default());
    let u = uri(&fixture("new.yaml"));
    lsp.open(&u, "");
    let c = complete(&mut lsp, &u, 0, 0, None);
    let got = labels(&c);
    for want in [
        "apiVersion: argoproj.io/v1alpha1",
        "kind: Workflow",
        "kind: CronWorkflow",
        "Workflow skeleton",
        "WorkflowTemplate skeleton",
        "ClusterWorkflowTemplate skeleton",
        "CronWorkflow skeleton",
    ] {
        assert!(has(&got, want), "{want}: {got:?}");
    }
    let s = item(&c, "CronWorkflow skeleton");
    assert_eq!(s["insertTextFormat"], 2, "a snippet");
    let body = s["textEdit"]["newText"].as_str().unwrap();
    // The newest release: `schedules`, not the removed `schedule`.
    assert!(body.contains("  schedules: ["), "{body}");
    // `kind: ` of a new document: the kinds.
    lsp.change(&u, 2, "apiVersion: argoproj.io/v1alpha1\nkind: \n");
    let mut got = labels(&complete(&mut lsp, &u, 1, 6, Some(":")));
    got.sort();
    assert_eq!(
        got,
        [
            "ClusterWorkflowTemplate",
            "CronWorkflow",
            "Workflow",
            "WorkflowTemplate"
        ]
    );
    assert_eq!(lsp.stop(), 0);
}

/// The next `publishDiagnostics` for `uri` that carries a document version (one for the
/// buffer, not for the file on disk).
fn buffer_diagnostics(lsp: &mut Lsp, u: &str) -> Value {
    loop {
        let p = lsp.diagnostics(u);
        if p.get("version").is_some_and(|v| !v.is_null()) {
            return p;
        }
    }
}

fn messages(p: &Value) -> Vec<String> {
    p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_open_configuration_shows_all_its_problems_until_they_are_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".argolint.yaml");
    let broken = "disabel: [run-as-root]\nfail-on: sometimes\n";
    std::fs::write(&config, broken).unwrap();
    let mut lsp = Lsp::start(Opts {
        folder: Some(dir.path()),
        ..Opts::default()
    });
    let u = uri(&config);
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "yaml", "version": 1, "text": broken}}),
    );
    let p = buffer_diagnostics(&mut lsp, &u);
    assert_eq!(p["version"], 1);
    let m = messages(&p);
    assert_eq!(m.len(), 2, "{p}");
    assert!(
        m[0].contains("disabel") && m[0].contains("did you mean `disable`"),
        "{m:?}"
    );
    assert!(m[1].contains("fail-on"), "{m:?}");
    assert_eq!(
        p["diagnostics"][0]["range"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 7}})
    );
    // Its "did you mean" is a quick fix.
    let d = p["diagnostics"][0].clone();
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let a = super::action(&actions, "Replace with `disable`");
    assert_eq!(
        a["edit"]["changes"][&u],
        json!([{"range": d["range"], "newText": "disable"}])
    );
    // One fixed in the buffer (not saved): one left.
    let half = "disable: [run-as-root]\nfail-on: sometimes\n";
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [{"text": half}]}),
    );
    let p = buffer_diagnostics(&mut lsp, &u);
    assert_eq!(p["version"], 2);
    let m = messages(&p);
    assert_eq!(m.len(), 1, "{p}");
    assert!(m[0].contains("fail-on"), "{m:?}");
    // Saved as it is: configurations are read again, and the buffer's problem stays.
    std::fs::write(&config, half).unwrap();
    lsp.notify("textDocument/didSave", json!({"textDocument": {"uri": u}}));
    let p = lsp.diagnostics(&u);
    assert_eq!(p["version"], 2, "{p}");
    assert_eq!(messages(&p).len(), 1, "{p}");
    // Fixed: none.
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 3}, "contentChanges": [{"text": "disable: [run-as-root]\nfail-on: warning\n"}]}),
    );
    let p = buffer_diagnostics(&mut lsp, &u);
    assert_eq!(p["diagnostics"], json!([]), "{p}");
    // Not a manifest: no completion.
    let c = complete(&mut lsp, &u, 2, 0, None);
    assert_eq!(c["result"], Value::Null, "{c}");
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn did_you_mean_comes_with_a_quick_fix() {
    let mut lsp = Lsp::start(Opts::default());
    let u = uri(&fixture("typos.yaml"));
    let text = WF
        .lines()
        .filter(|l| !l.contains("LINE_"))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replace(
            "command: [sh]",
            "command: [sh]\n        args: [\"{{inputs.parameters.mesage}}\"]",
        )
        .replace(
            "        - - name: third\n            template: print",
            "        - - name: third\n            template: prnt",
        )
        .replace("depends: a\n", "depends: \"a && (aa || b)\"\n");
    let p = lsp.open(&u, &text);
    let diags = p["diagnostics"].as_array().unwrap().clone();
    let fix = |lsp: &mut Lsp, code: &str, title: &str| -> Value {
        let d = diags
            .iter()
            .find(|x| x["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {p}"))
            .clone();
        let actions = lsp.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        let a = super::action(&actions, title);
        assert_eq!(a["kind"], "quickfix");
        a["edit"]["changes"][&u][0].clone()
    };
    let at = |needle: &str, delta: usize, len: usize| {
        let l = text.lines().position(|l| l.contains(needle)).unwrap();
        let c = text.lines().nth(l).unwrap().find(needle).unwrap() + delta;
        json!({"start": {"line": l, "character": c}, "end": {"line": l, "character": c + len}})
    };
    let e = fix(
        &mut lsp,
        "undefined-variable",
        "Replace `inputs.parameters.mesage` with `inputs.parameters.message`",
    );
    assert_eq!(e["range"], at("inputs.parameters.mesage", 0, 24));
    assert_eq!(e["newText"], "inputs.parameters.message");
    let e = fix(
        &mut lsp,
        "undefined-template",
        "Call `print` instead of `prnt`",
    );
    assert_eq!(e["range"], at("template: prnt", 10, 4));
    assert_eq!(e["newText"], "print");
    let e = fix(&mut lsp, "invalid-dag-dependency", "Replace `aa` with `a`");
    assert_eq!(e["range"], at("aa || b", 0, 2));
    assert_eq!(e["newText"], "a");
    // Applied, each fix removes its finding.
    let fixed = text
        .replace("parameters.mesage", "parameters.message")
        .replace("template: prnt", "template: print")
        .replace("(aa || b)", "(a || b)");
    let p = lsp.change(&u, 2, &fixed);
    let codes = super::codes(&p);
    for gone in [
        "undefined-variable",
        "undefined-template",
        "invalid-dag-dependency",
    ] {
        assert!(!codes.contains(&gone.to_string()), "{gone}: {p}");
    }
    assert_eq!(lsp.stop(), 0);
}
