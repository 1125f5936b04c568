//! `invalid-loop`: a step or task with several loop sources, or a `withSequence` with both
//! `count` and `end`.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};

use super::{calls, key_span, noun};

pub static META: RuleMeta = RuleMeta {
    code: "AL322",
    name: "invalid-loop",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A step or task sets more than one of `withItems`, `withParam`, `withSequence`, or a `withSequence` sets both `count` and `end`.",
    docs: r#"
## What it does
Checks that a step or DAG task loops over one source only (`withItems`, `withParam` or
`withSequence`), and that `withSequence` sets `count` or `end`, not both.

## Why is this bad
Argo rejects the workflow ("only one of withItems, withParam, withSequence can be
specified", "only one of count or end can be defined in withSequence").

## Example
```yaml
- - name: print
    template: echo
    withSequence: {count: "10", end: "10"}
```

## How to fix
Keep one loop source; for a sequence use `count` (how many) or `start`/`end` (the range).
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for (t, step) in calls(spec) {
        let n = step.node;
        let set: Vec<&str> = ["withItems", "withParam", "withSequence"]
            .into_iter()
            .filter(|k| n.get(k).is_some())
            .collect();
        let who = noun(&step, &t);
        if set.len() > 1 {
            cx.report(
                cx.diag(
                    key_span(n, set[1]).unwrap_or(n.span),
                    format!(
                        "{who} sets both `{}` and `{}`: a loop has one source",
                        set[0], set[1]
                    ),
                )
                .with_label(
                    key_span(n, set[0]).unwrap_or(n.span),
                    format!("`{}` is set here", set[0]),
                )
                .with_help("keep one"),
            );
        }
        if let Some(seq) = n.get("withSequence")
            && seq.get("count").is_some()
            && seq.get("end").is_some()
        {
            cx.report(
                cx.diag(
                    key_span(seq, "end").unwrap_or(seq.span),
                    format!("the `withSequence` of {who} sets both `count` and `end`"),
                )
                .with_label(
                    key_span(seq, "count").unwrap_or(seq.span),
                    "`count` is set here",
                )
                .with_help("use `count` for how many items, or `start`/`end` for a range"),
            );
        }
    }
}
