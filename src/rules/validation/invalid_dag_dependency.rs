//! `invalid-dag-dependency`: DAG dependencies that name no task, `depends` expressions
//! Argo cannot read, and the combinations Argo forbids.

use crate::diagnostic::Severity;
use crate::model::TemplateType;
use crate::model::expr::{TASK_RESULTS, parse_depends};
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::callee::is_dynamic;
use super::{key_span, sub_span, task_deps};

pub static META: RuleMeta = RuleMeta {
    code: "AL311",
    name: "invalid-dag-dependency",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A DAG dependency names no task, a `depends` expression is malformed or tests an unknown result, or `depends` is mixed with `dependencies` or `continueOn`.",
    docs: r#"
## What it does
For every DAG template:

- it has at least one task, and each name in `dag.target` is one of them;
- each name in `dependencies` and each task in `depends` is a task of the DAG ("did you
  mean" for misspellings);
- `depends` parses (`A && (B.Failed || !C)`), and each result is one of `Succeeded`,
  `Failed`, `Errored`, `Skipped`, `Omitted`, `Daemoned`, `AnySucceeded`, `AllFailed`
  (`B.Succeded` and `B.succeeded` are caught);
- `.AnySucceeded` and `.AllFailed` are only used on tasks that loop (`withItems`,
  `withParam`, `withSequence`);
- a DAG does not mix `depends` and `dependencies`, and does not use `continueOn` once any
  task uses `depends`;
- task names do not begin with a digit when dependencies are used.

## Why is this bad
Argo rejects the workflow ("sorting failed: invalid dependency", "task result … is
invalid", "cannot use both 'depends' and 'dependencies'"). A lower-case result is worse:
Argo reads `A.succeeded` as two task names.

## Example
```yaml
- name: report
  depends: "build.Succeded && tset"
  template: report
```

## How to fix
Use the task names and result names exactly; express "continue on failure" as
`depends: "A.Succeeded || A.Failed"` instead of `continueOn`.
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
        let tname = t.name().unwrap_or("?");
        let tasks: Vec<&Node> = t.dag_tasks().map(|s| s.node).collect();
        if tasks.is_empty() {
            let at = key_span(t.node, "dag").unwrap_or(t.node.span);
            cx.report(
                cx.diag(at, format!("DAG template `{tname}` has no tasks"))
                    .with_help("add tasks under `dag.tasks`"),
            );
            continue;
        }
        let names: Vec<&str> = tasks
            .iter()
            .filter_map(|n| n.get("name").and_then(Node::as_str))
            .collect();
        if let Some(tn) = t.get("dag").and_then(|d| d.get("target"))
            && let Some(target) = tn.as_str()
        {
            // Space-separated task names; `{{…}}` entries resolve at run time.
            let mut at = 0;
            for word in target.split(' ') {
                let start = at;
                at += word.len() + 1;
                if word.is_empty() || is_dynamic(word) || names.contains(&word) {
                    continue;
                }
                let span = sub_span(cx.file, tn, target, start, start + word.len());
                let mut d = cx.diag(
                    span,
                    format!("`target` of DAG `{tname}` names `{word}`, which is not a task"),
                );
                if let Some(s) = crate::suggest::did_you_mean(word, &names) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                    if let Some(f) = super::rename_fix(cx.file, span, word, s) {
                        d = d.with_fix(f);
                    }
                }
                cx.report(d);
            }
        }
        // As Argo counts them: a non-empty `depends`, a non-empty `dependencies` list.
        let has_depends = |n: &Node| {
            n.get("depends")
                .is_some_and(|d| d.as_str().is_none_or(|s| !s.is_empty()))
        };
        let has_dependencies = |n: &Node| !n.seq("dependencies").is_empty();
        let uses_depends = tasks.iter().any(|n| has_depends(n));
        let first_depends = tasks
            .iter()
            .filter(|n| has_depends(n))
            .find_map(|n| key_span(n, "depends"));
        let first_dependencies = tasks
            .iter()
            .filter(|n| has_dependencies(n))
            .find_map(|n| key_span(n, "dependencies"));
        if let (Some(a), Some(b)) = (first_depends, first_dependencies) {
            let (later, earlier, lk, ek) = if a > b {
                (a, b, "depends", "dependencies")
            } else {
                (b, a, "dependencies", "depends")
            };
            cx.report(
                cx.diag(later,
                    format!("DAG template `{tname}` uses both `depends` and `dependencies`"),
                )
                .with_label(earlier, format!("`{ek}` is used here"))
                .with_help(format!("use `depends` throughout (a list `[a, b]` in `dependencies` is `depends: \"a && b\"`); this task uses `{lk}`")),
            );
        }
        for task in &tasks {
            let name = task.get("name").and_then(Node::as_str).unwrap_or("");
            if uses_depends && let Some(at) = key_span(task, "continueOn") {
                cx.report(
                    cx.diag(at,
                        format!("task `{name}` uses `continueOn` in a DAG that uses `depends`"),
                    )
                    .with_help(format!("drop `continueOn` and let dependents say `{name}.Failed` or `{name}.Errored` in `depends`")),
                );
            }
            let uses_deps_here = task.get("dependencies").is_some();
            if (uses_depends || uses_deps_here)
                && name.starts_with(|c: char| c.is_ascii_digit())
                && let Some(n) = task.get("name")
            {
                cx.report(
                    cx.diag(n.span,
                        format!("task name `{name}` begins with a digit, which Argo forbids once a DAG uses dependencies"),
                    )
                    .with_help("start the name with a letter"),
                );
            }
            for (dep, span) in task_deps(cx.file, task) {
                if is_dynamic(dep) || names.contains(&dep) {
                    continue;
                }
                let mut d = cx.diag(
                    span,
                    format!(
                        "task `{name}` depends on `{dep}`, which is not a task of DAG `{tname}`"
                    ),
                );
                if let Some(s) = crate::suggest::did_you_mean(dep, &names) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                    if let Some(f) = super::rename_fix(cx.file, span, dep, s) {
                        d = d.with_fix(f);
                    }
                } else if TASK_RESULTS.iter().any(|r| r.eq_ignore_ascii_case(dep)) {
                    d = d.with_help("task results are capitalised (`A.Succeeded`); a lower-case one is read as a task name");
                }
                cx.report(d);
            }
            let Some(dn) = task.get("depends") else {
                continue;
            };
            let Some(expr) = dn.as_str() else { continue };
            match parse_depends(expr) {
                Err(e) if e.too_deep => {
                    let at = sub_span(cx.file, dn, expr, e.at, (e.at + 1).min(expr.len()));
                    cx.report(
                        cx.diag(
                            at,
                            format!(
                                "`depends` of task `{name}` was not checked: its {}",
                                e.message
                            ),
                        )
                        .with_severity(Severity::Warning)
                        .with_help("argolint reads expressions up to this depth; write the condition with fewer nested parentheses"),
                    );
                }
                Err(e) => {
                    let at = sub_span(cx.file, dn, expr, e.at, (e.at + 1).min(expr.len()));
                    cx.report(
                        cx.diag(if at == dn.span { dn.span } else { at },
                            format!("`depends` of task `{name}` is malformed: {}", e.message),
                        )
                        .with_help("write task names joined by `&&`, `||`, `!` and parentheses, e.g. `A && (B.Failed || C)`"),
                    );
                }
                Ok(ops) => {
                    for o in ops {
                        let Some((result, (s, e))) = o.result else {
                            continue;
                        };
                        let span = sub_span(cx.file, dn, expr, s, e);
                        if !TASK_RESULTS.contains(&result) {
                            let fix = TASK_RESULTS
                                .iter()
                                .find(|r| r.eq_ignore_ascii_case(result))
                                .copied()
                                .or_else(|| crate::suggest::did_you_mean(result, &TASK_RESULTS));
                            let mut d = cx.diag(
                                span,
                                format!(
                                    "`{result}` is not a task result (in `{}.{result}`)",
                                    o.task
                                ),
                            );
                            d = match fix {
                                Some(f) => {
                                    let fix = super::rename_fix(cx.file, span, result, f);
                                    let d = d.with_help(format!("did you mean `{f}`?"));
                                    match fix {
                                        Some(x) => d.with_fix(x),
                                        None => d,
                                    }
                                }
                                None => d.with_help(format!(
                                    "the results are {}",
                                    TASK_RESULTS.join(", ")
                                )),
                            };
                            cx.report(d);
                            continue;
                        }
                        if matches!(result, "AnySucceeded" | "AllFailed") {
                            let looped = tasks
                                .iter()
                                .find(|n| n.get("name").and_then(Node::as_str) == Some(o.task))
                                .is_none_or(|n| {
                                    ["withItems", "withParam", "withSequence"]
                                        .iter()
                                        .any(|k| n.get(k).is_some())
                                });
                            if !looped {
                                cx.report(
                                    cx.diag(span,
                                        format!("`{}.{result}` needs task `{}` to loop, but it has no `withItems`, `withParam` or `withSequence`", o.task, o.task),
                                    )
                                    .with_help("use `.Succeeded` / `.Failed` for a task that runs once"),
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}
