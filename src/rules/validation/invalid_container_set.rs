//! `invalid-container-set`: containerSet structure, and container names Argo reserves.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, Span};

use super::key_span;

pub static META: RuleMeta = RuleMeta {
    code: "AL319",
    name: "invalid-container-set",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A containerSet with no containers, a dependency on a container it does not have, a dependency cycle, no `main` container for inputs/outputs, or a container named like Argo's own.",
    docs: r#"
## What it does
For `containerSet` templates: at least one container; each `dependencies` entry names a
container of the set; the dependencies have no cycle; a container named `main` exists when
the template has input artifacts or outputs. For containerSet containers and sidecars:
no name Argo reserves for itself (`wait`, `supervisor`, `artifact-plugin-…`).

## Why is this bad
Argo rejects the template ("containers must have a container named \"main\" for input or
output", "dependency cycle detected", "is a reserved Argo container name").

## Example
```yaml
containerSet:
  containers:
    - {name: a, image: alpine:3.20}
    - {name: b, image: alpine:3.20, dependencies: [c]}
```

## How to fix
Fix the dependency names; name the container that produces the outputs `main`; rename
containers called `wait`.
"#,
};

fn reserved(name: &str) -> bool {
    name == "wait" || name == "supervisor" || name.starts_with("artifact-plugin-")
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for t in spec.templates() {
        let tname = t.name().unwrap_or("?");
        for s in t.node.seq("sidecars") {
            if let Some(n) = s.get("name")
                && let Some(name) = n.as_str()
                && reserved(name)
            {
                cx.report(
                    cx.diag(
                        n.span,
                        format!("sidecar name `{name}` of template `{tname}` is reserved by Argo"),
                    )
                    .with_help("rename the sidecar"),
                );
            }
        }
        let Some(cs) = t.get("containerSet") else {
            continue;
        };
        if cs.as_map().is_none() {
            continue;
        }
        let at = key_span(t.node, "containerSet").unwrap_or(cs.span);
        let containers = cs.seq("containers");
        if containers.is_empty() {
            cx.report(
                cx.diag(
                    at,
                    format!("containerSet of template `{tname}` has no containers"),
                )
                .with_help("add containers under `containerSet.containers`"),
            );
            continue;
        }
        let mut names: HashMap<&str, Span> = HashMap::new();
        for c in containers {
            if let Some(n) = c.get("name")
                && let Some(name) = n.as_str()
            {
                names.entry(name).or_insert(n.span);
                if reserved(name) {
                    cx.report(
                        cx.diag(n.span, format!("containerSet container name `{name}` of template `{tname}` is reserved by Argo"))
                            .with_help("rename the container"),
                    );
                }
            }
        }
        let io = t
            .get("inputs")
            .is_some_and(|i| !i.seq("artifacts").is_empty())
            || t.get("outputs")
                .is_some_and(|o| !o.seq("artifacts").is_empty() || !o.seq("parameters").is_empty());
        if io && !names.contains_key("main") {
            cx.report(
                cx.diag(at, format!("containerSet of template `{tname}` has inputs or outputs but no container named `main`"))
                    .with_help("name the container that reads the inputs and writes the outputs `main`"),
            );
        }
        let all: Vec<&str> = containers
            .iter()
            .filter_map(|c| c.get("name").and_then(Node::as_str))
            .collect();
        let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
        for c in containers {
            let Some(name) = c.get("name").and_then(Node::as_str) else {
                continue;
            };
            for d in c.seq("dependencies") {
                let Some(dep) = d.as_str() else { continue };
                if names.contains_key(dep) {
                    edges.entry(name).or_default().push(dep);
                } else {
                    let mut diag = cx.diag(d.span,
                        format!(
                            "container `{name}` depends on `{dep}`, which is not a container of this containerSet"
                        ),
                    );
                    // Never the container itself: it cannot depend on itself.
                    let others: Vec<&str> = all.iter().copied().filter(|n| *n != name).collect();
                    if let Some(s) = crate::suggest::did_you_mean(dep, &others) {
                        diag = diag
                            .with_help(format!("did you mean `{s}`?"))
                            .with_fix(super::replace_fix(d, dep, s));
                    }
                    cx.report(diag);
                }
            }
        }
        // Cycle: a container reachable from itself.
        let mut reported = HashSet::new();
        for c in containers {
            let Some(name) = c.get("name").and_then(Node::as_str) else {
                continue;
            };
            if reported.contains(name) {
                continue;
            }
            let mut seen = HashSet::new();
            let mut stack: Vec<&str> = edges.get(name).cloned().unwrap_or_default();
            while let Some(n) = stack.pop() {
                if n == name {
                    reported.insert(name);
                    // One finding per cycle: its other members are reachable too.
                    reported.extend(seen.iter().copied());
                    let span = c.get("dependencies").map_or(names[name], |d| d.span);
                    cx.report(
                        cx.diag(span, format!("container `{name}` of template `{tname}` depends on itself through its dependencies"))
                            .with_help("remove the dependency that points back"),
                    );
                    break;
                }
                if seen.insert(n) {
                    stack.extend(edges.get(n).cloned().unwrap_or_default());
                }
            }
        }
    }
}
