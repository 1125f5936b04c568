//! `retry-backoff-missing-duration`: a `backoff` without `duration` fails at the first retry.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL405",
    name: "retry-backoff-missing-duration",
    category: Category::Reliability,
    severity: Severity::Warning,
    fields: &["Backoff.duration"],
    summary: "A retry `backoff` without `duration` fails the step at its first retry.",
    docs: r#"
## What it does
Flags a `retryStrategy.backoff` that does not set `duration`, on templates, in
`spec.templateDefaults` and in the workflow-wide `spec.retryStrategy`.

## Why is this bad
`factor`, `cap` (v3.7+) and `maxDuration` all scale or bound the base wait, which only `duration`
gives. The manifest is accepted, the first attempt runs, and when it fails the controller
computes the backoff, finds no base, and errors the node with "no base duration specified
for retryStrategy" instead of retrying: the retries you configured never happen, and the
failure surfaces only when something already went wrong.

## Example
```yaml
retryStrategy:
  limit: 3
  backoff:
    factor: 2
    maxDuration: 10m
```

## How to fix
Give the base wait (integer seconds as a string, or a Go duration):

```yaml
  backoff:
    duration: 10s
    factor: 2
    maxDuration: 10m
```
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for site in super::retry_sites(&spec) {
        let Some(backoff) = site
            .entry
            .value
            .entry("backoff")
            .filter(|e| e.value.as_map().is_some())
        else {
            continue;
        };
        let has_duration = backoff
            .value
            .get("duration")
            .and_then(|d| d.as_str())
            .is_some_and(|s| !s.trim().is_empty());
        if has_duration {
            continue;
        }
        cx.report(
            cx.diag(backoff.key.span,
                format!(
                    "`backoff` in {} has no `duration`: at the first retry the controller errors the node with \"no base duration specified for retryStrategy\" instead of retrying",
                    site.owner
                ),
            )
            .with_help("set the base wait, e.g. `duration: 10s` (integer seconds as a string, or a Go duration)"),
        );
    }
}
