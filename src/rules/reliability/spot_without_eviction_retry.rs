//! `spot-without-eviction-retry`: pods placed on spot or preemptible nodes whose retry
//! strategy does not retry the way a reclaimed node ends them.

use std::collections::BTreeMap;

use crate::api::ArgoVersion;
use crate::diagnostic::Severity;
use crate::model::Template;
use crate::rules::helpers::templated;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, Span};

pub static META: RuleMeta = RuleMeta {
    code: "AL410",
    name: "spot-without-eviction-retry",
    category: Category::Reliability,
    severity: Severity::Warning,
    fields: &[
        "WorkflowSpec.nodeSelector",
        "WorkflowSpec.affinity",
        "WorkflowSpec.tolerations",
        "Template.nodeSelector",
        "Template.affinity",
        "Template.tolerations",
        "Template.retryStrategy",
        "WorkflowSpec.retryStrategy",
        "RetryStrategy.retryPolicy",
    ],
    summary: "Pods placed on spot or preemptible nodes with no retry, or a `retryPolicy` that does not retry a reclaimed node's pod.",
    docs: r#"
## What it does
Finds templates that run a pod on spot or preemptible nodes, and whose retry strategy (the
template's, `spec.templateDefaults`' or the workflow's `spec.retryStrategy`) does not retry
a pod lost with its node. A template is placed on such nodes when its `nodeSelector`,
`affinity` (a required or preferred node affinity term) or `tolerations` (its own, else
`templateDefaults`', else the workflow's) name a well-known spot label with a spot value:

| label | spot value |
| --- | --- |
| `cloud.google.com/gke-spot` | `true` |
| `cloud.google.com/gke-preemptible` | `true` |
| `eks.amazonaws.com/capacityType` | `SPOT` |
| `karpenter.sh/capacity-type` | `spot` |
| `kubernetes.azure.com/scalesetpriority` | `spot` |
| `node.kubernetes.io/lifecycle` | `spot`, `preemptible` |

It reports a template with no retry strategy, one that never retries (`limit: 0`), and
one whose `retryPolicy` is `OnFailure` (also the default without an `expression`, and with
one before v3.5), `OnError` or `OnTransientError`. `retryPolicy: Always`, and from v3.5 an
`expression` with no `retryPolicy` (whose default is then `Always`), are accepted.

## Why is this bad
Spot capacity is taken back at short notice, and a reclaimed node takes its pods along. Argo
sees that in one of two ways: the pod disappears with the node, and the node is marked
**Error** ("pod deleted"); or the kubelet shuts the pod down gracefully, and it ends
**Failed** (reason `Shutdown` or `NodeShutdown`). `OnFailure` retries only the second,
`OnError` only the first, and `OnTransientError` neither (a deleted pod is not among the
controller's transient errors unless its `TRANSIENT_ERROR_PATTERN` says so). With no retry
at all, a routine reclaim fails the step and the workflow, often hours in. Newer releases
recreate pods that fail before their main container starts, but a step that was already
running still needs a retry.

## Example
```yaml
spec:
  nodeSelector:
    cloud.google.com/gke-spot: "true"
  templates:
    - name: train
      container:
        image: ghcr.io/example/train:1.4.2
```

## How to fix
Retry both ways a reclaim shows up, with a bounded `limit`:

```yaml
spec:
  nodeSelector:
    cloud.google.com/gke-spot: "true"
  retryStrategy:
    limit: 3
    retryPolicy: Always
```

Make the step safe to run again (idempotent outputs, checkpoints), or keep steps that must
not be retried off spot nodes.
"#,
};

/// Well-known node labels of spot capacity, with the values that mean spot.
const SPOT_LABELS: &[(&str, &[&str])] = &[
    ("cloud.google.com/gke-spot", &["true"]),
    ("cloud.google.com/gke-preemptible", &["true"]),
    ("eks.amazonaws.com/capacityType", &["SPOT"]),
    ("karpenter.sh/capacity-type", &["spot"]),
    ("kubernetes.azure.com/scalesetpriority", &["spot"]),
    ("node.kubernetes.io/lifecycle", &["spot", "preemptible"]),
];

/// Labels that only spot nodes carry, so `operator: Exists` selects spot.
const SPOT_ONLY_LABELS: &[&str] = &[
    "cloud.google.com/gke-spot",
    "cloud.google.com/gke-preemptible",
];

fn spot_value(key: &str, value: &str) -> bool {
    SPOT_LABELS
        .iter()
        .any(|(k, vs)| *k == key && vs.iter().any(|v| v.eq_ignore_ascii_case(value.trim())))
}

/// Where a pod is sent to spot nodes, for the message.
#[derive(Clone)]
struct Signal {
    span: Span,
    what: String,
}

/// The first spot signal of a `nodeSelector`, `affinity` or `tolerations` value.
fn signal(field: &str, value: &Node) -> Option<Signal> {
    match field {
        "nodeSelector" => value.as_map()?.iter().find_map(|e| {
            let k = e.key_str()?;
            let v = e.value.as_str()?;
            spot_value(k, v).then(|| Signal {
                span: e.key.span,
                what: format!("`nodeSelector` `{k}: {v}`"),
            })
        }),
        "affinity" => {
            let na = value.get("nodeAffinity")?;
            let required = na
                .get("requiredDuringSchedulingIgnoredDuringExecution")
                .map(|r| r.seq("nodeSelectorTerms"))
                .unwrap_or(&[]);
            let preferred = na
                .seq("preferredDuringSchedulingIgnoredDuringExecution")
                .iter()
                .filter_map(|p| p.get("preference"));
            required
                .iter()
                .chain(preferred)
                .flat_map(|term| term.seq("matchExpressions"))
                .find_map(|m| {
                    let key = m.get("key")?.as_str()?;
                    let op = m.get("operator")?.as_str()?;
                    let hit = match op {
                        "In" => m
                            .seq("values")
                            .iter()
                            .filter_map(Node::as_str)
                            .any(|v| spot_value(key, v)),
                        "Exists" => SPOT_ONLY_LABELS.contains(&key),
                        _ => false,
                    };
                    hit.then(|| Signal {
                        span: m.get("key").map_or(m.span, |k| k.span),
                        what: format!("a node affinity on `{key}`"),
                    })
                })
        }
        "tolerations" => value.as_seq()?.iter().find_map(|t| {
            let key = t.get("key")?.as_str()?;
            let exists = t.get("operator").and_then(Node::as_str) == Some("Exists");
            let hit = if exists {
                SPOT_LABELS.iter().any(|(k, _)| *k == key)
            } else {
                t.get("value")
                    .and_then(Node::as_str)
                    .is_some_and(|v| spot_value(key, v))
            };
            hit.then(|| Signal {
                span: t.get("key").map_or(t.span, |k| k.span),
                what: format!("a toleration of the `{key}` taint"),
            })
        }),
        _ => None,
    }
}

/// Whether a `nodeSelector` or required node affinity keeps the pod off spot nodes: a spot
/// label with another value, or `NotIn` the spot values, or `DoesNotExist`.
fn avoids_spot(field: &str, value: &Node) -> bool {
    let known = |k: &str| SPOT_LABELS.iter().any(|(l, _)| *l == k);
    match field {
        "nodeSelector" => value.as_map().is_some_and(|m| {
            m.iter().any(|e| {
                e.key_str().is_some_and(known)
                    && e.value
                        .as_str()
                        .is_some_and(|v| !spot_value(e.key_str().unwrap_or(""), v))
            })
        }),
        "affinity" => {
            let terms = value
                .get_path(&[
                    "nodeAffinity",
                    "requiredDuringSchedulingIgnoredDuringExecution",
                ])
                .map(|r| r.seq("nodeSelectorTerms"))
                .unwrap_or(&[]);
            // Terms are alternatives: every one must keep the pod off spot.
            !terms.is_empty()
                && terms.iter().all(|term| {
                    term.seq("matchExpressions").iter().any(|m| {
                        let (Some(key), Some(op)) = (
                            m.get("key").and_then(Node::as_str),
                            m.get("operator").and_then(Node::as_str),
                        ) else {
                            return false;
                        };
                        let values: Vec<&str> =
                            m.seq("values").iter().filter_map(Node::as_str).collect();
                        known(key)
                            && match op {
                                "DoesNotExist" => true,
                                "NotIn" => values.iter().any(|v| spot_value(key, v)),
                                "In" => {
                                    !values.is_empty() && values.iter().all(|v| !spot_value(key, v))
                                }
                                _ => false,
                            }
                    })
                })
        }
        _ => false,
    }
}

/// Why a retry strategy does not retry a reclaimed node's pod; `None` when it does (or it
/// cannot be told).
fn gap(retry: Option<&Node>, target: ArgoVersion) -> Option<String> {
    let Some(retry) = retry else {
        return Some(
            "no `retryStrategy`: a reclaimed node fails the step, and the workflow with it".into(),
        );
    };
    if super::never_retries(retry) {
        return Some(
            "a `retryStrategy` that never retries: a reclaimed node fails the step".into(),
        );
    }
    let policy = match retry.get("retryPolicy").and_then(Node::as_str) {
        Some(p) if templated(p) => return None,
        Some(p) => p,
        None if retry.get("expression").is_some() && target >= ArgoVersion::V3_5 => "Always",
        None => "OnFailure",
    };
    let written = retry.get("retryPolicy").is_some();
    let why = match policy {
        "Always" => return None,
        "OnFailure" => {
            "a pod that disappears with its node ends in Error (\"pod deleted\"), which `OnFailure` does not retry"
        }
        "OnError" => {
            "a pod that the node's graceful shutdown stops ends Failed (`Shutdown`), which `OnError` does not retry"
        }
        "OnTransientError" => {
            "neither a deleted pod nor a shut-down one counts as a transient error by default, so `OnTransientError` retries neither"
        }
        _ => return None,
    };
    Some(if written {
        format!("`retryPolicy: {policy}`: {why}")
    } else {
        format!("the default `retryPolicy` (`OnFailure`): {why}")
    })
}

/// What is wrong → the templates it is wrong for.
type Affected = BTreeMap<String, Vec<String>>;

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let target = cx.settings.argo_version;
    let defaults = spec.template_defaults();
    // Signal span → (signal, problem → template names).
    let mut groups: BTreeMap<(u32, u32), (Signal, Affected)> = BTreeMap::new();
    for t in spec.templates() {
        if !t.runs_pod() {
            continue;
        }
        let Some(sig) = placement(&t, defaults.as_ref(), spec.node) else {
            continue;
        };
        let retry = t
            .retry_strategy()
            .or_else(|| defaults.as_ref().and_then(|d| d.retry_strategy()))
            .or_else(|| spec.retry_strategy());
        let Some(problem) = gap(retry, target) else {
            continue;
        };
        groups
            .entry((sig.span.start, sig.span.end))
            .or_insert_with(|| (sig.clone(), BTreeMap::new()))
            .1
            .entry(problem)
            .or_default()
            .push(t.name().unwrap_or("(unnamed)").to_string());
    }
    for (_, (sig, problems)) in groups {
        for (problem, names) in problems {
            let who = match names.as_slice() {
                [one] => format!("template `{one}` runs"),
                [a, b] => format!("templates `{a}` and `{b}` run"),
                [a, b, rest @ ..] => {
                    format!("templates `{a}`, `{b}` and {} more run", rest.len())
                }
                [] => continue,
            };
            cx.report(
                cx.diag(
                    sig.span,
                    format!(
                        "{who} on spot or preemptible nodes ({}) with {problem}",
                        sig.what
                    ),
                )
                .with_help(
                    "retry both ways a reclaim ends a pod, with a bound: `retryStrategy: {limit: 3, retryPolicy: Always}` (on the workflow spec it covers every template), and make the step safe to run again",
                ),
            );
        }
    }
}

/// The spot signal among a template's effective `nodeSelector`, `affinity` and
/// `tolerations` (each the template's own, else `templateDefaults`', else the workflow's),
/// the template's own first.
fn placement(t: &Template<'_>, defaults: Option<&Template<'_>>, spec: &Node) -> Option<Signal> {
    // An empty value is no setting: Argo falls through to the next level.
    let set = |n: &&Node| {
        n.as_map().is_none_or(|m| !m.is_empty()) && n.as_seq().is_none_or(|s| !s.is_empty())
    };
    let levels = [Some(t.node), defaults.map(|d| d.node), Some(spec)];
    let effective = |field: &str| {
        levels
            .iter()
            .enumerate()
            .find_map(|(i, l)| Some((i, l.and_then(|n| n.get(field)).filter(set)?)))
    };
    // A pod that its node selection keeps off spot nodes is not on spot, whatever it tolerates.
    if ["nodeSelector", "affinity"]
        .into_iter()
        .any(|f| effective(f).is_some_and(|(_, v)| avoids_spot(f, v)))
    {
        return None;
    }
    let mut found: Vec<(usize, Signal)> = ["nodeSelector", "affinity", "tolerations"]
        .into_iter()
        .filter_map(|field| {
            let (level, value) = effective(field)?;
            Some((level, signal(field, value)?))
        })
        .collect();
    found.sort_by_key(|(level, _)| *level);
    found.into_iter().next().map(|(_, s)| s)
}
