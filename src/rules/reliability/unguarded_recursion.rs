//! `unguarded-recursion`: a template that reaches itself with no `when` on the way.

use std::collections::{HashMap, VecDeque};

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, Span};

pub static META: RuleMeta = RuleMeta {
    code: "AL408",
    name: "unguarded-recursion",
    category: Category::Reliability,
    severity: Severity::Warning,
    fields: &["WorkflowStep.when", "DAGTask.when"],
    summary: "A template calls itself (directly or through others) with no `when` guard on the way, so it recurses until the workflow dies.",
    docs: r#"
## What it does
Follows the `template:` references of steps and DAG tasks between the templates of a
document and reports a cycle (a template reaching itself) on which no call is guarded.
A call is guarded when it has a `when` condition, loops over `withParam` or a templated
`withSequence` (an empty list ends the recursion), or is a DAG task whose `depends` holds it
back in some outcome (`task.Failed`, `task.Errored`, `task.Skipped`, `task.Omitted`,
`task.AllFailed`, or a negation). `depends: task.Succeeded` is no guard: it means the same as
`depends: task`, so when `task` always succeeds the recursion never ends.

## Why is this bad
Argo supports recursion, and the classic use is guarded: flip a coin and recurse only
`when` the result is tails. Without a guard nothing ends it. Each level adds step or DAG
nodes and pods, the workflow's status grows until the controller can no longer store it
in etcd (or offload it), the cluster runs pods for nothing, and the workflow ends only
when its deadline or a person kills it, as a failure.

## Example
```yaml
- name: poll
  steps:
    - - name: check
        template: check-status
    - - name: again
        template: poll          # always runs: no `when`
```

## How to fix
Guard the recursive call with the condition that should end it:

```yaml
    - - name: again
        template: poll
        when: "'{{steps.check.outputs.result}}' != 'done'"
```
"#,
};

/// Does this call only happen under a condition?
fn guarded(step: &Node) -> bool {
    if step
        .get("when")
        .and_then(Node::as_str)
        .is_some_and(|w| !w.trim().is_empty())
    {
        return true;
    }
    if step.get("withParam").is_some() {
        return true;
    }
    if let Some(seq) = step.get("withSequence") {
        let mut dynamic = false;
        seq.walk(&mut |n| {
            if n.as_str().is_some_and(|s| s.contains("{{")) {
                dynamic = true;
            }
        });
        if dynamic {
            return true;
        }
    }
    step.get("depends")
        .and_then(Node::as_str)
        .is_some_and(depends_guards)
}

/// Does a `depends` expression hold the task back in some outcome of a run that continues?
/// `A.Failed`, `A.Errored`, `A.Skipped`, `A.Omitted`, `A.AllFailed` or a negation do.
/// `A.Succeeded` (like a bare `A`, `A.Daemoned` or `A.AnySucceeded`) does not: when `A`
/// fails the whole template fails anyway, and when `A` always succeeds the call always runs.
fn depends_guards(d: &str) -> bool {
    if d.contains('!') {
        return true;
    }
    match crate::model::expr::parse_depends(d) {
        Ok(operands) => operands.iter().any(|o| {
            o.result
                .is_some_and(|(r, _)| !matches!(r, "Succeeded" | "Daemoned" | "AnySucceeded"))
        }),
        // Unparseable: `invalid-dag-dependency` reports it; do not guess here.
        Err(_) => true,
    }
}

struct Call {
    to: usize,
    /// The `template:` value of the call.
    span: Span,
    step: String,
    /// "step" or "task".
    what: &'static str,
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let templates: Vec<_> = spec.templates().collect();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, t) in templates.iter().enumerate() {
        if let Some(n) = t.name() {
            index.entry(n).or_insert(i);
        }
    }
    let calls: Vec<Vec<Call>> = templates
        .iter()
        .map(|t| {
            let steps = t.steps().map(|s| (s, "step"));
            let tasks = t.dag_tasks().map(|s| (s, "task"));
            steps
                .chain(tasks)
                .filter(|(s, _)| !guarded(s.node))
                .filter_map(|(s, what)| {
                    let target = s.get("template")?;
                    let to = *index.get(target.as_str()?)?;
                    Some(Call {
                        to,
                        span: target.span,
                        step: s.name().unwrap_or("(unnamed)").to_string(),
                        what,
                    })
                })
                .collect()
        })
        .collect();
    let n = templates.len();
    // Only a template on a cycle can recurse: trim, again and again, templates that nothing
    // calls or that call nothing (linear); the searches below start only from what is left.
    let mut calls_in = vec![0usize; n];
    let mut callers: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (from, cs) in calls.iter().enumerate() {
        for c in cs {
            calls_in[c.to] += 1;
            callers[c.to].push(from);
        }
    }
    let mut calls_out: Vec<usize> = calls.iter().map(Vec::len).collect();
    let mut trimmed = vec![false; n];
    let mut stack: Vec<usize> = (0..n)
        .filter(|&i| calls_in[i] == 0 || calls_out[i] == 0)
        .collect();
    while let Some(t) = stack.pop() {
        if std::mem::replace(&mut trimmed[t], true) {
            continue;
        }
        for c in &calls[t] {
            calls_in[c.to] -= 1;
            if calls_in[c.to] == 0 && !trimmed[c.to] {
                stack.push(c.to);
            }
        }
        for &from in &callers[t] {
            calls_out[from] -= 1;
            if calls_out[from] == 0 && !trimmed[from] {
                stack.push(from);
            }
        }
    }
    let mut reported = vec![false; n];
    // How each template was reached in the current search; reset through `touched`.
    let mut prev: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut touched: Vec<usize> = Vec::new();
    for start in 0..n {
        if reported[start] || trimmed[start] {
            continue;
        }
        for t in touched.drain(..) {
            prev[t] = None;
        }
        // Breadth-first over unguarded calls, remembering how each template was reached.
        let mut queue = VecDeque::from([start]);
        let mut closing = None;
        'search: while let Some(at) = queue.pop_front() {
            for (ci, c) in calls[at].iter().enumerate() {
                if c.to == start {
                    closing = Some((at, ci));
                    break 'search;
                }
                if prev[c.to].is_none() && c.to != start && !trimmed[c.to] {
                    prev[c.to] = Some((at, ci));
                    touched.push(c.to);
                    queue.push_back(c.to);
                }
            }
        }
        let Some((last, last_call)) = closing else {
            continue;
        };
        // Rebuild the cycle start → … → last → start.
        let mut chain = vec![(last, last_call)];
        let mut at = last;
        while at != start {
            let Some((p, ci)) = prev[at] else { break };
            chain.push((p, ci));
            at = p;
        }
        chain.reverse();
        let name = |i: usize| templates[i].name().unwrap_or("(unnamed)");
        let mut path: Vec<&str> = chain.iter().map(|&(t, _)| name(t)).collect();
        path.push(name(start));
        let (first_t, first_c) = chain[0];
        let call = &calls[first_t][first_c];
        let mut d = cx.diag(call.span,
            if chain.len() == 1 {
                format!(
                    "template `{}` calls itself in {} `{}` with no `when` guard: it recurses until the workflow fails, adding nodes and pods at every level",
                    name(start),
                    call.what,
                    call.step
                )
            } else {
                format!(
                    "template `{}` reaches itself ({}) with no `when` guard on the way: it recurses until the workflow fails, adding nodes and pods at every level",
                    name(start),
                    path.join(" → ")
                )
            },
        )
        .with_help(if call.what == "task" {
            "guard the recursive task with the condition that ends it, e.g. `when: \"'{{tasks.check.outputs.result}}' != 'done'\"`, or `depends: check.Failed` to recurse only until it succeeds"
        } else {
            "guard the recursive call with the condition that ends it, e.g. `when: \"'{{steps.check.outputs.result}}' != 'done'\"`"
        });
        for &(t, ci) in chain.iter().skip(1) {
            let c = &calls[t][ci];
            d = d.with_label(c.span, format!("`{}` calls `{}` here", name(t), name(c.to)));
        }
        for &(t, _) in &chain {
            reported[t] = true;
        }
        cx.report(d);
    }
}
