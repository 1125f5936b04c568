//! `invalid-retry-policy`: a `retryStrategy.retryPolicy` Argo does not know.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL328",
    name: "invalid-retry-policy",
    category: Category::Validation,
    severity: Severity::Error,
    summary: "`retryStrategy.retryPolicy` is not `Always`, `OnFailure`, `OnError` or `OnTransientError`.",
    docs: r#"
## What it does
Checks `retryStrategy.retryPolicy` of the workflow, of `templateDefaults` and of every
template.

## Why is this bad
Argo rejects the template ("Sometimes is not a valid RetryPolicy").

## Example
```yaml
retryStrategy:
  limit: 3
  retryPolicy: OnFailures
```

## How to fix
Use `Always`, `OnFailure` (the default), `OnError` or `OnTransientError`.
"#,
};

pub struct InvalidRetryPolicy;

const POLICIES: [&str; 4] = ["Always", "OnFailure", "OnError", "OnTransientError"];

impl Rule for InvalidRetryPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let Some(spec) = cx.spec() else { return };
        let mut nodes: Vec<&Node> = vec![spec.node];
        nodes.extend(spec.template_defaults().map(|t| t.node));
        nodes.extend(spec.templates().map(|t| t.node));
        for n in nodes {
            let Some(p) = n.get("retryStrategy").and_then(|r| r.get("retryPolicy")) else {
                continue;
            };
            let Some(v) = p.as_str() else { continue };
            if v.is_empty() || POLICIES.contains(&v) {
                continue;
            }
            let mut d = Diagnostic::new(&META, p.span, format!("`{v}` is not a retry policy"))
                .with_help(format!("use one of {}", POLICIES.join(", ")));
            if let Some(s) = crate::suggest::did_you_mean(v, &POLICIES) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            cx.report(d);
        }
    }
}
