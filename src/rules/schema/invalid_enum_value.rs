use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL204",
    name: "invalid-enum-value",
    category: Category::Schema,
    severity: Severity::Error,
    fields: &[],
    summary: "A value outside a field's closed set of allowed values.",
    docs: r#"
## What it does
Checks fields that only accept a fixed set of values (such as `retryPolicy`, `podGC.strategy`, `concurrencyPolicy`, `imagePullPolicy`) and lists the allowed ones, suggesting the nearest.

## Why is this bad
An unknown value is either rejected by the API server, or (for fields the controller reads later) makes the workflow fail at run time, far from the typo.

## Example
```yaml
retryStrategy:
  retryPolicy: OnFailures
```

## How to fix
Use one of the listed values.
"#,
};
