//! `unbounded-retries`: a `retryStrategy` without `limit` retries forever.

use crate::diagnostic::Severity;
use crate::rules::helpers::templated;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL403",
    name: "unbounded-retries",
    category: Category::Reliability,
    severity: Severity::Warning,
    fields: &["RetryStrategy.limit", "Backoff.maxDuration"],
    summary: "A `retryStrategy` without `limit` (or `backoff.maxDuration`) retries a failing step forever.",
    docs: r#"
## What it does
Flags every `retryStrategy` (on a template, in `spec.templateDefaults`, or workflow-wide in
`spec.retryStrategy`) that sets neither a `limit` nor a `backoff.maxDuration`.

## Why is this bad
The controller stops retrying a node only when the retry count reaches `limit` or the
backoff window `maxDuration` closes; `expression` can stop early, but never bounds the
count by itself (an `expression` that is the constant `false` never retries, and is not
reported). Without either, a step that fails deterministically (a typo in a command,
a missing secret, an image that does not exist) is retried until the workflow is deleted or
its `activeDeadlineSeconds` runs out. Every attempt is a new pod and a new node in the
workflow status, so the workflow grows towards etcd's object size limit while it burns
cluster capacity. With `retryPolicy: Always` errors are retried too, not only failures:
pods that cannot even be created are recreated in a tight loop.

## Example
```yaml
- name: fetch
  retryStrategy:
    retryPolicy: Always
  container:
    image: curlimages/curl:8.8.0
    args: [https://example.com/data.json]
```

## How to fix
Set `limit` to the number of retries the step deserves, usually with a backoff:

```yaml
  retryStrategy:
    limit: 3
    retryPolicy: Always
    backoff: {duration: 10s, factor: 2, cap: 5m}   # `cap` needs Argo Workflows v3.7+
```
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for site in super::retry_sites(&spec) {
        let retry = &site.entry.value;
        if retry.get("limit").is_some() || super::never_retries(retry) {
            continue;
        }
        let max_duration = retry.get_path(&["backoff", "maxDuration"]);
        if max_duration.is_some() {
            continue; // bounded in time
        }
        let always = retry
            .get("retryPolicy")
            .and_then(Node::as_str)
            .filter(|p| !templated(p));
        let policy = match always {
            Some("Always") => {
                "; `retryPolicy: Always` retries errors as well as failures, so even a pod that cannot be created is recreated in a loop"
            }
            _ => "",
        };
        let until = if retry.get("expression").is_some() {
            "until its `expression` turns false or the workflow is stopped"
        } else {
            "until the workflow is stopped or times out"
        };
        cx.report(
            cx.diag(site.entry.key.span,
                format!(
                    "{} sets no `limit`: a failing step is retried {until}, each attempt a new pod and a new node in the workflow status{policy}",
                    site.owner
                ),
            )
            .with_help(
                "set `limit` (the number of retries after the first attempt), e.g. `limit: 3`, or bound the retries in time with `backoff.maxDuration`",
            ),
        );
    }
}
