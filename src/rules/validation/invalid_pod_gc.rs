//! `invalid-pod-gc`: an unknown `podGC.strategy` or a malformed `podGC.labelSelector`.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL325",
    name: "invalid-pod-gc",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "`podGC.strategy` is not a known strategy, or `podGC.labelSelector` uses an unknown operator or misplaced values.",
    docs: r#"
## What it does
Checks `spec.podGC`: `strategy` is one of `OnPodCompletion`, `OnPodSuccess`,
`OnWorkflowCompletion`, `OnWorkflowSuccess`; each `labelSelector.matchExpressions` entry
has a `key`, an operator among `In`, `NotIn`, `Exists`, `DoesNotExist`, values for `In`
and `NotIn` and none for the other two.

## Why is this bad
Argo rejects the workflow ("podGC.strategy unknown strategy", "podGC.labelSelector
invalid"); pods would otherwise pile up or vanish before you can read their logs.

## Example
```yaml
podGC:
  strategy: OnPodSucess
```

## How to fix
Use the strategy's exact name (the message suggests the closest).
"#,
};

const STRATEGIES: [&str; 4] = [
    "OnPodCompletion",
    "OnPodSuccess",
    "OnWorkflowCompletion",
    "OnWorkflowSuccess",
];

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let Some(gc) = spec.get("podGC") else { return };
    if let Some(s) = gc.get("strategy")
        && let Some(v) = s.as_str()
        && !v.is_empty()
        && !STRATEGIES.contains(&v)
    {
        let mut d = cx
            .diag(s.span, format!("`{v}` is not a podGC strategy"))
            .with_help(format!("use one of {}", STRATEGIES.join(", ")));
        if let Some(x) = crate::suggest::did_you_mean(v, &STRATEGIES) {
            d = d
                .with_help(format!("did you mean `{x}`?"))
                .with_fix(super::replace_fix(s, v, x));
        }
        cx.report(d);
    }
    let Some(sel) = gc.get("labelSelector") else {
        return;
    };
    for e in sel.seq("matchExpressions") {
        let op = e.get("operator");
        let values = e
            .get("values")
            .and_then(Node::as_seq)
            .map_or(0, <[Node]>::len);
        match op.and_then(Node::as_str) {
            Some("In" | "NotIn") if values == 0 => cx.report(
                cx.diag(
                    op.map_or(e.span, |o| o.span),
                    "operator `In`/`NotIn` needs `values`",
                )
                .with_help("list the label values to match"),
            ),
            Some("Exists" | "DoesNotExist") if values > 0 => cx.report(
                cx.diag(
                    op.map_or(e.span, |o| o.span),
                    "operator `Exists`/`DoesNotExist` takes no `values`",
                )
                .with_help("remove `values`"),
            ),
            Some("In" | "NotIn" | "Exists" | "DoesNotExist") => {}
            Some(other) => cx.report(
                cx.diag(
                    op.map_or(e.span, |o| o.span),
                    format!("`{other}` is not a label selector operator"),
                )
                .with_help("use In, NotIn, Exists or DoesNotExist"),
            ),
            None => cx.report(
                cx.diag(
                    super::item_anchor(e),
                    "a `matchExpressions` entry has no `operator`",
                )
                .with_help("add `operator: In` (or NotIn, Exists, DoesNotExist)"),
            ),
        }
    }
}
