//! `dag-cycle`: DAG tasks that depend on each other in a circle.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Severity;
use crate::model::TemplateType;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Span;

use super::task_deps;

pub static META: RuleMeta = RuleMeta {
    code: "AL310",
    name: "dag-cycle",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "DAG tasks depend on each other in a cycle (`a` → `b` → `a`), so none of them can start.",
    docs: r#"
## What it does
Follows `depends` and `dependencies` between the tasks of each DAG template and reports
every cycle once, naming the tasks in order, at the dependency that closes it.

## Why is this bad
Argo rejects the workflow with "sorting failed: graph with cycle", which says neither
which DAG nor which tasks.

## Example
```yaml
dag:
  tasks:
    - {name: a, depends: c, template: work}
    - {name: b, depends: a, template: work}
    - {name: c, depends: b, template: work}
```

## How to fix
Remove the dependency that points backwards; if two tasks really need each other's
results, split one of them in two.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for t in spec.templates() {
        if t.template_type() != Some(TemplateType::Dag) {
            continue;
        }
        let mut order: Vec<&str> = Vec::new();
        let mut edges: HashMap<&str, Vec<(&str, Span)>> = HashMap::new();
        for task in t.dag_tasks() {
            let Some(name) = task.name() else { continue };
            if !edges.contains_key(name) {
                order.push(name);
            }
            edges
                .entry(name)
                .or_default()
                .extend(task_deps(cx.file, task.node));
        }
        let mut state: HashMap<&str, u8> = HashMap::new(); // 1 on stack, 2 done
        let mut reported: HashSet<Vec<&str>> = HashSet::new();
        for &start in &order {
            if state.contains_key(start) {
                continue;
            }
            // Iterative DFS: (node, next edge index).
            let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
            state.insert(start, 1);
            while let Some(&mut (node, ref mut i)) = stack.last_mut() {
                let out = edges.get(node).map_or(&[][..], Vec::as_slice);
                if *i >= out.len() {
                    state.insert(node, 2);
                    stack.pop();
                    continue;
                }
                let (dep, span) = out[*i];
                *i += 1;
                if !edges.contains_key(dep) {
                    continue; // undefined: invalid-dag-dependency
                }
                match state.get(dep) {
                    None => {
                        state.insert(dep, 1);
                        stack.push((dep, 0));
                    }
                    Some(1) => {
                        let pos = stack.iter().position(|(n, _)| *n == dep).unwrap_or(0);
                        // `node` depends on `dep`: execution order is dep → … → node.
                        let mut cycle: Vec<&str> = stack[pos..].iter().map(|(n, _)| *n).collect();
                        let mut key = cycle.clone();
                        key.sort_unstable();
                        if reported.insert(key) {
                            cycle.push(dep);
                            let path = cycle
                                .iter()
                                .rev()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(" → ");
                            let msg = if cycle.len() == 2 {
                                format!("DAG task `{dep}` depends on itself")
                            } else {
                                format!(
                                    "DAG tasks {path} form a cycle (each depends on the one before it)"
                                )
                            };
                            cx.report(cx.diag(span, msg).with_help(format!(
                                "in template `{}`, remove one of these dependencies",
                                t.name().unwrap_or("?")
                            )));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}
