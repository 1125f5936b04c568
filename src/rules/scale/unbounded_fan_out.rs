//! `unbounded-fan-out`: a loop that creates pods as fast as the controller can, with no
//! `parallelism` to pace it.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Severity;
use crate::model::Template;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL501",
    name: "unbounded-fan-out",
    category: Category::Scale,
    severity: Severity::Warning,
    fields: &[
        "WorkflowStep.withParam",
        "WorkflowStep.withSequence",
        "WorkflowStep.withItems",
        "DAGTask.withParam",
        "DAGTask.withSequence",
        "DAGTask.withItems",
        "Template.parallelism",
        "WorkflowSpec.parallelism",
    ],
    summary: "A loop of unknown or large size (`withParam`, `withSequence`, big `withItems`) runs with no `parallelism` to pace it.",
    docs: r#"
## What it does
Finds steps and DAG tasks that loop over `withParam` or a templated `withSequence` (size
known only at run time), or over more items than a threshold (100 by default,
`options.unbounded-fan-out.max-items` in `.argolint.yaml`), and reports them when nothing limits how many run at once:
no `parallelism` on the template holding the loop, on any template that calls it, or on
the workflow, and no `synchronization` on the template the loop runs. Sizes are counted
where the manifest gives them: `withItems`, a literal JSON list in `withParam`, and a
`withParam` or `withSequence` that takes a workflow argument (its default value).

## Why is this bad
The controller expands the loop into one node per item and creates their pods as fast as
it can. A `withParam` fed by a step's output can hold thousands of items: thousands of pod
creations hit the API server at once, the scheduler and kubelets queue them, the namespace's
ResourceQuota is exhausted (failing unrelated workloads), and the controller's own work
queue backs up, slowing every other workflow it manages. It is the most common way one
workflow degrades a whole cluster.

## Example
```yaml
- name: process-all
  steps:
    - - name: list
        template: list-files
    - - name: process
        template: process-file
        arguments: {parameters: [{name: file, value: "{{item}}"}]}
        withParam: "{{steps.list.outputs.result}}"
```

## How to fix
Bound the concurrency on the template that holds the loop (or workflow-wide):

```yaml
- name: process-all
  parallelism: 20
  steps: [...]
```

For very large inputs, also consider batching items per pod, or splitting the work into
child workflows.
"#,
};

fn set(node: Option<&Node>) -> bool {
    node.is_some_and(|n| !n.is_null())
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    if set(spec.get("parallelism")) {
        return;
    }
    let threshold = cx.settings.fan_out_items_threshold as u64;
    let templates: Vec<Template<'_>> = spec.templates().collect();
    let by_name: HashMap<&str, Template<'_>> = templates
        .iter()
        .filter_map(|t| Some((t.name()?, *t)))
        .collect();
    let mut callers: HashMap<&str, Vec<Template<'_>>> = HashMap::new();
    for t in &templates {
        for s in t.invocations() {
            if let Some(target) = s.template() {
                callers.entry(target).or_default().push(*t);
            }
        }
    }
    // Is `t`, or a template that (transitively) calls it, limited by `parallelism`?
    let paced = |t: &Template<'_>| {
        let mut seen = HashSet::new();
        let mut todo = vec![*t];
        while let Some(t) = todo.pop() {
            if set(t.get("parallelism")) {
                return true;
            }
            let Some(name) = t.name() else { continue };
            if !seen.insert(name) {
                continue;
            }
            todo.extend(callers.get(name).into_iter().flatten().copied());
        }
        false
    };
    for t in &templates {
        let resolve = super::argument_resolver(&spec, t);
        let mut paced_cache = None;
        let calls = t
            .steps()
            .map(|s| (s, "step"))
            .chain(t.dag_tasks().map(|s| (s, "task")));
        for (s, noun) in calls {
            let Some(key) = ["withParam", "withSequence", "withItems"]
                .into_iter()
                .find_map(|k| s.node.entry(k))
            else {
                continue;
            };
            let size = super::loop_size(s.node, &resolve);
            if size.is_some_and(|n| n <= threshold) {
                continue;
            }
            let target_limited = s
                .template()
                .and_then(|n| by_name.get(n))
                .is_some_and(|target| set(target.get("synchronization")));
            if target_limited {
                continue;
            }
            if *paced_cache.get_or_insert_with(|| paced(t)) {
                continue;
            }
            let field = key.key_str().unwrap_or("withParam");
            let what = match size {
                Some(n) => format!("{n} `{field}` items (more than {threshold})"),
                None => format!("`{field}`, whose size is known only at run time"),
            };
            let template = t.name().unwrap_or("(unnamed)");
            cx.report(
                cx.diag(key.key.span,
                    format!(
                        "{} `{}` of template `{template}` fans out over {what}, and no `parallelism` on the template, its callers or the workflow paces it: the controller creates every pod at once, flooding the API server and the namespace quota",
                        noun,
                        s.name().unwrap_or("(unnamed)")
                    ),
                )
                .with_help(format!(
                    "set `parallelism` on template `{template}` (e.g. `parallelism: 20`) or `spec.parallelism` for the whole workflow"
                )),
            );
        }
    }
}
