//! `oversized-parameter`: inline parameter values and item lists too large for etcd or a pod.

use crate::api::ArgoVersion;
use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, NodeKind};

pub static META: RuleMeta = RuleMeta {
    code: "AL402",
    name: "oversized-parameter",
    category: Category::Reliability,
    severity: Severity::Warning,
    fields: &[
        "Parameter.value",
        "Parameter.default",
        "WorkflowStep.withItems",
        "DAGTask.withItems",
    ],
    summary: "An inline parameter value or `withItems` list is large enough to break pod creation or bloat etcd.",
    docs: r#"
## What it does
Measures every inline parameter value (workflow `arguments`, template `inputs`, step and
task `arguments`, `default`s, `enum` entries, output `valueFrom.default`) and every
`withItems` list, and the manifest as a whole. It warns above a threshold (64 KiB by
default) and reports an error where a hard limit is crossed:

- above 128 KiB, when the target Argo version is older than v3.6;
- above 1 MiB, always;
- a manifest above 1.5 MiB (and a warning above 1 MiB).

## Why is this bad
A workflow is a single etcd object, and the API server refuses requests over about 1.5 MiB;
whatever the spec uses is no longer available to the status, which grows with every node.
Each pod also carries its template, inputs included, in the `ARGO_TEMPLATE` environment
variable. Linux caps a single environment string at 128 KiB, so before Argo v3.6 a larger
value fails the pod with "argument list too long". From v3.6 Argo moves a large template to a
ConfigMap instead, and a ConfigMap cannot exceed 1 MiB.

## Example
```yaml
arguments:
  parameters:
    - name: rows
      value: |
        ... 300 KB of CSV pasted inline ...
```

## How to fix
Pass data by reference: store it as an artifact (S3, GCS, a volume) and pass its location, or
produce it in an earlier step as an output artifact. For fan-out over many items, generate
the list in a step and use `withParam`, or split the work into child workflows.
"#,
};

const KIB: usize = 1024;
const MIB: usize = 1024 * 1024;
/// Linux's MAX_ARG_STRLEN: one environment string.
const ENV_STRING_LIMIT: usize = 128 * KIB;
/// A ConfigMap's data limit.
const CONFIGMAP_LIMIT: usize = MIB;
/// The API server's default request size limit (etcd `--max-request-bytes`).
const ETCD_REQUEST_LIMIT: usize = 3 * MIB / 2;

/// The bytes a node takes once serialised as JSON (close enough for limits).
fn json_size(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Scalar(s) => {
            let quoted = match s.yaml12_type() {
                crate::source::tree::ScalarType::Str => 2,
                _ => 0,
            };
            s.value.len()
                + quoted
                + s.value
                    .bytes()
                    .filter(|b| matches!(b, b'"' | b'\\' | b'\n'))
                    .count()
        }
        NodeKind::Seq(items) => 2 + items.iter().map(|i| json_size(i) + 1).sum::<usize>(),
        NodeKind::Map(entries) => {
            2 + entries
                .iter()
                .map(|e| json_size(&e.key) + json_size(&e.value) + 2)
                .sum::<usize>()
        }
    }
}

/// The bytes a parameter value takes: the string itself for scalars.
fn value_size(node: &Node) -> usize {
    match node.as_scalar() {
        Some(s) => s.value.len(),
        None => json_size(node),
    }
}

fn human(bytes: usize) -> String {
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{:.0} KiB", (bytes as f64 / KIB as f64).ceil())
    }
}

fn measure(cx: &mut Context<'_>, node: &Node, what: &str) {
    let size = value_size(node);
    let warn_at = cx.settings.parameter_warn_bytes;
    if size <= warn_at.min(ENV_STRING_LIMIT) {
        return;
    }
    let old_release = cx.settings.argo_version < ArgoVersion::V3_6;
    let (severity, why) = if size > CONFIGMAP_LIMIT {
        (
            Severity::Error,
            format!(
                "over the {} a ConfigMap can hold, where Argo offloads large templates, and close to etcd's {} object limit",
                human(CONFIGMAP_LIMIT),
                human(ETCD_REQUEST_LIMIT)
            ),
        )
    } else if size > ENV_STRING_LIMIT && old_release {
        (
            Severity::Error,
            format!(
                "over Linux's {} limit on one environment string: on Argo {} the pod carries its template in `ARGO_TEMPLATE` and fails with \"argument list too long\"",
                human(ENV_STRING_LIMIT),
                cx.settings.argo_version
            ),
        )
    } else if size > warn_at {
        (
            META.severity,
            format!(
                "over the {} threshold: it is stored in the workflow object in etcd and copied into every pod that uses it",
                human(warn_at)
            ),
        )
    } else {
        return;
    };
    cx.report(
        cx.diag(node.span, format!("{what} is {} inline, {why}", human(size)))
            .with_severity(severity)
            .with_help(
                "pass large data as an artifact (or a reference to where it is stored), not as a parameter value",
            ),
    );
}

fn parameters(cx: &mut Context<'_>, params: &[Node], container: &str) {
    for p in params {
        let name = p.get("name").and_then(Node::as_str).unwrap_or("?");
        for field in ["value", "default"] {
            if let Some(v) = p.get(field) {
                measure(cx, v, &format!("{container} parameter `{name}` ({field})"));
            }
        }
        for item in p.seq("enum") {
            measure(
                cx,
                item,
                &format!("an `enum` entry of {container} parameter `{name}`"),
            );
        }
        if let Some(d) = p.get("valueFrom").and_then(|v| v.get("default")) {
            measure(
                cx,
                d,
                &format!("{container} parameter `{name}` (valueFrom.default)"),
            );
        }
    }
}

/// Finds parameter lists and `withItems` anywhere under the spec: templates, steps,
/// tasks, hooks, `templateDefaults`.
fn walk(cx: &mut Context<'_>, node: &Node) {
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => items.iter().for_each(|i| walk(cx, i)),
        NodeKind::Map(entries) => {
            for e in entries.iter().filter(|e| !e.merged) {
                match e.key_str() {
                    Some(k @ ("arguments" | "inputs" | "outputs")) => {
                        let what = match k {
                            "arguments" => "argument",
                            "inputs" => "input",
                            _ => "output",
                        };
                        parameters(cx, e.value.seq("parameters"), what);
                    }
                    Some("withItems") => {
                        measure(cx, &e.value, "the `withItems` list");
                        continue;
                    }
                    _ => {}
                }
                walk(cx, &e.value);
            }
        }
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let doc_size = cx.document.span.len();
    if doc_size > MIB {
        let root = cx.manifest.root;
        let at = root.entry("kind").map_or(root.span, |e| e.key.span);
        let (severity, why) = if doc_size > ETCD_REQUEST_LIMIT {
            (
                Severity::Error,
                format!(
                    "the API server refuses objects over about {}",
                    human(ETCD_REQUEST_LIMIT)
                ),
            )
        } else {
            (
                Severity::Warning,
                format!(
                    "only {} is left under the {} object limit for the status, which grows with every node",
                    human(ETCD_REQUEST_LIMIT - doc_size),
                    human(ETCD_REQUEST_LIMIT)
                ),
            )
        };
        cx.report(
            cx.diag(at, format!("this manifest is {}: {why}", human(doc_size)))
                .with_severity(severity)
                .with_help("move inline data to artifacts or ConfigMaps, or split the workflow"),
        );
    }
    if let Some(spec) = cx.manifest.spec() {
        walk(cx, spec);
    }
}
