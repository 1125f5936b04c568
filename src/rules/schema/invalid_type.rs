use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL202",
    name: "invalid-type",
    category: Category::Schema,
    severity: Severity::Error,
    fields: &[],
    summary: "A value of the wrong type: a list where a mapping belongs, a string where a number does.",
    docs: r#"
## What it does
Compares each value's type with what the API expects there, after YAML typing (`3` is an integer, `"3"` a string, `yes` a string in YAML 1.2).

## Why is this bad
The API server rejects the whole manifest, or (for some clients) coerces the value into something else.

## Example
```yaml
spec:
  parallelism: "ten"
```

## How to fix
Write the value in the expected type; the message says which.
"#,
};
