use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL206",
    name: "invalid-value",
    category: Category::Schema,
    severity: Severity::Error,
    fields: &[],
    summary: "A value breaks another constraint of the schema (a pattern, a minimum, a length).",
    docs: r#"
## What it does
Reports schema constraints other than type, allowed values and required fields: string patterns, numeric bounds, list lengths.

## Why is this bad
Such values are refused by the API server or fail the workflow at run time.

## Example
```yaml
metadata:
  name: My_Workflow
```

## How to fix
Change the value so it meets the constraint the message names.
"#,
};
