//! Latency measurements of the language server, as an editor sees them (round trips over
//! stdio, JSON included). Not run by `cargo test`: they measure and print, they assert
//! nothing about time. Run them on a release build:
//!
//! ```text
//! cargo test --release --test it lsp::latency -- --ignored --nocapture --test-threads 1
//! ```
//!
//! Figures go to BENCHMARKS.md.

use std::time::Instant;

use serde_json::json;

use super::{Lsp, Opts, uri};
use crate::common::corpus_dir;

fn percentiles(mut ms: Vec<f64>) -> String {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
    format!(
        "n={} p50={:.2} ms p99={:.2} ms max={:.2} ms",
        ms.len(),
        at(0.5),
        at(0.99),
        ms[ms.len() - 1]
    )
}

/// A Workflow of `n` templates, 30 lines each, chained by a DAG.
fn big_workflow(n: usize) -> String {
    let mut s = String::from(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: big-\nspec:\n  entrypoint: main\n  arguments:\n    parameters:\n      - name: size\n        value: \"10\"\n  templates:\n    - name: main\n      dag:\n        tasks:\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "          - name: t{i}\n            template: step-{i}\n"
        ));
        if i > 0 {
            s.push_str(&format!("            depends: t{}\n", i - 1));
        }
    }
    for i in 0..n {
        s.push_str(&format!(
            "    - name: step-{i}
      inputs:
        parameters:
          - name: size
            default: \"{{{{workflow.parameters.size}}}}\"
      retryStrategy:
        limit: 2
        retryPolicy: OnFailure
      activeDeadlineSeconds: 600
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
      container:
        image: python:3.12-alpine
        command: [python, -c]
        args:
          - \"print({{{{inputs.parameters.size}}}})\"
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
          limits:
            memory: 128Mi
        env:
          - name: STEP
            value: \"{i}\"
          - name: MODE
            value: batch
        workingDir: /tmp
"
        ));
    }
    s
}

#[test]
#[ignore = "a measurement; see the module's documentation"]
fn did_change_to_diagnostics_on_a_3000_line_file() {
    let text = big_workflow(95);
    let lines = text.lines().count();
    let mut lsp = Lsp::start(Opts::default());
    let u = "untitled:big.yaml";
    lsp.open(u, &text);
    let mut ms = Vec::new();
    for v in 2..=301 {
        // Alternate a real edit: one value changes, the line count stays.
        let edited = text.replacen("value: batch", &format!("value: batch{v}"), 1);
        let t = Instant::now();
        lsp.change(u, v, &edited);
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    eprintln!(
        "didChange → publishDiagnostics, {lines} lines: {}",
        percentiles(ms)
    );
    assert_eq!(lsp.stop(), 0);
}

#[test]
#[ignore = "a measurement; see the module's documentation"]
fn references_and_rename_over_the_examples() {
    let Some(corpus) = corpus_dir() else {
        return;
    };
    let mut lsp = Lsp::start(Opts {
        folder: Some(&corpus),
        ..Opts::default()
    });
    let path = corpus.join("workflow-template/steps.yaml");
    let u = uri(&path);
    lsp.open(&u, &std::fs::read_to_string(&path).unwrap());
    // `print-message` in `template: print-message` (line 13), a template of
    // workflow-template/templates.yaml used by several files.
    let at = json!({"textDocument": {"uri": u}, "position": {"line": 12, "character": 22}});
    let mut refs = at.clone();
    refs["context"] = json!({"includeDeclaration": true});
    let mut rename = at.clone();
    rename["newName"] = json!("print-a-message");
    let first = lsp.request("textDocument/references", refs.clone());
    let found = first["result"].as_array().map_or(0, Vec::len);
    for (method, params) in [
        ("textDocument/references", refs),
        ("textDocument/rename", rename),
        ("textDocument/definition", at.clone()),
    ] {
        let mut ms = Vec::new();
        for _ in 0..100 {
            let t = Instant::now();
            let r = lsp.request(method, params.clone());
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(r.get("error").is_none(), "{r}");
        }
        eprintln!(
            "{method} on the examples ({found} references): {}",
            percentiles(ms)
        );
    }
    assert_eq!(lsp.stop(), 0);
}
