//! `workflow-too-many-nodes`: a workflow whose node count, computable from its literal
//! loops and retries, outgrows what its status can hold.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::model::{Template, TemplateType};
use crate::rules::helpers::literal_u64;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL502",
    name: "workflow-too-many-nodes",
    category: Category::Scale,
    severity: Severity::Warning,
    fields: &[
        "WorkflowStep.withItems",
        "WorkflowStep.withParam",
        "WorkflowStep.withSequence",
        "DAGTask.withItems",
        "DAGTask.withParam",
        "DAGTask.withSequence",
        "RetryStrategy.limit",
    ],
    summary: "The workflow expands into more nodes than its status can comfortably hold (5,000 by default).",
    docs: r#"
## What it does
Counts the nodes a run of the workflow creates, from its `entrypoint` down, where the
manifest says it: one node per pod, per steps or DAG template, per step group, times the
literal loop sizes (`withItems`, literal `withSequence`), and up to `limit + 1` attempts plus
a retry node under a `retryStrategy`. Loops over `withParam`, `templateRef`s and recursion
cannot be counted: they count as zero for the lower bound and make the upper bound unknown.
It warns when the upper bound (or, if unknown, the lower bound) passes a threshold (5,000
by default, `options.workflow-too-many-nodes.max-nodes` in `.argolint.yaml`).

## Why is this bad
Every node lives in the workflow's `status.nodes`, inside the one Workflow object that
etcd stores, and each takes a few hundred bytes to a kilobyte. Past roughly 1.5 MB the API
server refuses the update and the controller fails the workflow ("workflow is longer than
maximum allowed size") unless node status offloading to a database is configured. Well
before that, every reconciliation re-reads and rewrites the whole status, so a huge
workflow slows the controller for everyone, and the UI struggles to render it.

## Example
```yaml
- name: main
  steps:
    - - name: shard
        template: process-shard
        withSequence: {count: "200"}
- name: process-shard
  steps:
    - - name: file
        template: process-file
        withSequence: {count: "50"}   # 200 × 50 = 10,000 pods
```

## How to fix
Process more per pod (batch items), or split the run into child workflows (a `resource`
template that creates a Workflow per shard, or a WorkflowTemplate submitted per shard), so
each workflow's status stays small. If you must run it as one, enable node status
offloading (`persistence.nodeStatusOffLoad`) in the controller.
"#,
};

/// A node count range: `min` always, `max` when every part is known.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Count {
    min: f64,
    max: Option<f64>,
}

impl Count {
    const UNKNOWN: Count = Count {
        min: 0.0,
        max: None,
    };

    fn exact(n: f64) -> Count {
        Count {
            min: n,
            max: Some(n),
        }
    }

    fn add(self, o: Count) -> Count {
        Count {
            min: self.min + o.min,
            max: self.max.zip(o.max).map(|(a, b)| a + b),
        }
    }

    fn times(self, items: Option<u64>) -> Count {
        match items {
            Some(n) => Count {
                min: self.min * n as f64,
                max: self.max.map(|m| m * n as f64),
            },
            None => Count {
                min: 0.0,
                max: None,
            },
        }
    }
}

struct Counter<'a> {
    templates: HashMap<&'a str, Template<'a>>,
    defaults_retry: Option<&'a Node>,
    memo: HashMap<&'a str, Count>,
    stack: Vec<&'a str>,
}

impl<'a> Counter<'a> {
    fn count(&mut self, name: &'a str) -> Count {
        if let Some(c) = self.memo.get(name) {
            return *c;
        }
        if self.stack.contains(&name) || self.stack.len() > 64 {
            return Count::UNKNOWN; // recursion: its depth depends on run-time data
        }
        let Some(t) = self.templates.get(name).copied() else {
            return Count::UNKNOWN;
        };
        self.stack.push(name);
        let inner = match t.template_type() {
            Some(TemplateType::Steps) => {
                let mut total = Count::exact(1.0);
                for group in t.node.seq("steps") {
                    total = total.add(Count::exact(1.0));
                    let items: &[Node] = group.as_seq().unwrap_or(std::slice::from_ref(group));
                    for s in items {
                        total = total.add(self.call(s));
                    }
                }
                total
            }
            Some(TemplateType::Dag) => {
                let mut total = Count::exact(1.0);
                for s in t.dag_tasks() {
                    total = total.add(self.call(s.node));
                }
                total
            }
            Some(TemplateType::ContainerSet) => Count::exact(
                1.0 + t
                    .get("containerSet")
                    .map_or(0, |c| c.seq("containers").len()) as f64,
            ),
            _ => Count::exact(1.0),
        };
        self.stack.pop();
        let retry = t.retry_strategy().or(self.defaults_retry);
        let total = match retry {
            None => inner,
            Some(r) => {
                let attempts = r.get("limit").and_then(literal_u64).map(|l| l + 1);
                Count {
                    min: 1.0 + inner.min,
                    max: attempts.and_then(|a| inner.max.map(|m| 1.0 + a as f64 * m)),
                }
            }
        };
        self.memo.insert(name, total);
        total
    }

    fn call(&mut self, step: &'a Node) -> Count {
        let items = super::loop_size(step, &super::no_resolver);
        let child = match step.get("template").and_then(Node::as_str) {
            Some(name) => self.count(name),
            None => Count {
                min: 1.0,
                max: None,
            },
        };
        child.times(items)
    }
}

fn human(n: f64) -> String {
    let n = n.round() as u64;
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let Some(entry) = spec.get("entrypoint") else {
        return;
    };
    let Some(entry_name) = entry.as_str() else {
        return;
    };
    let mut counter = Counter {
        templates: spec
            .templates()
            .filter_map(|t| Some((t.name()?, t)))
            .collect(),
        defaults_retry: spec.template_defaults().and_then(|d| d.retry_strategy()),
        memo: HashMap::new(),
        stack: Vec::new(),
    };
    if !counter.templates.contains_key(entry_name) {
        return;
    }
    let c = counter.count(entry_name);
    let threshold = cx.settings.max_nodes_threshold as f64;
    let message = match c.max {
        Some(max) if max > threshold => {
            if c.min < max {
                format!(
                    "a run of entrypoint `{entry_name}` creates up to {} nodes ({} if nothing is retried), above the {} threshold: the workflow's status holds every node and outgrows what etcd stores in one object",
                    human(max),
                    human(c.min),
                    human(threshold)
                )
            } else {
                format!(
                    "a run of entrypoint `{entry_name}` creates {} nodes, above the {} threshold: the workflow's status holds every node and outgrows what etcd stores in one object",
                    human(max),
                    human(threshold)
                )
            }
        }
        None if c.min > threshold => format!(
            "a run of entrypoint `{entry_name}` creates at least {} nodes, above the {} threshold: the workflow's status holds every node and outgrows what etcd stores in one object",
            human(c.min),
            human(threshold)
        ),
        _ => return,
    };
    cx.report(
        cx.diag(entry.span, message).with_help(
            "batch more work per pod or split the run into child workflows; if it must stay one workflow, enable node status offloading in the controller",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_combine() {
        let two = Count::exact(2.0);
        assert_eq!(two.times(Some(3)), Count::exact(6.0));
        assert_eq!(two.times(None).max, None);
        assert_eq!(two.add(Count::exact(1.0)), Count::exact(3.0));
        assert_eq!(human(12345.0), "12,345");
        assert_eq!(human(999.0), "999");
    }
}
