use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL201",
    name: "unknown-field",
    category: Category::Schema,
    severity: Severity::Error,
    fields: &[],
    summary: "A key the schema does not allow at that place (with `did you mean`).",
    docs: r#"
## What it does
Finds keys that the Argo API does not have at that place: a misspelt `retryStratgy`, a container field written at template level, a field of another kind. The nearest valid name is suggested when one is close.

Fields carried over from a Kubernetes Job or CronJob are named with what does the same in Argo: `ttlSecondsAfterFinished` is `ttlStrategy.secondsAfterCompletion`, `backoffLimit` is `retryStrategy.limit`, `restartPolicy` on a workflow or template is `retryStrategy.retryPolicy` (Argo's pods never restart in place), `podFailurePolicy` is `retryStrategy.expression`, `completions` is a loop, `activeDeadlineSeconds` in a container belongs on the template, and a CronJob's `jobTemplate` is a CronWorkflow's `workflowSpec`.

## Why is this bad
The API server drops unknown fields without a word, so the setting you wrote silently does nothing: retries that never happen, limits that are never applied.

## Example
```yaml
spec:
  templates:
    - name: main
      retryStratgy: {limit: 3}
```

## How to fix
Rename the key to the suggested field (`argolint check --fix --unsafe-fixes` does it), or move it to where it belongs.
"#,
};
