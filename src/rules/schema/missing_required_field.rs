use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL205",
    name: "missing-required-field",
    category: Category::Schema,
    severity: Severity::Error,
    fields: &[],
    summary: "A mapping lacks a field the API requires.",
    docs: r#"
## What it does
Reports required fields that are absent, at the key of the mapping that lacks them: a template without `name`, a container without `image`, a manifest without `spec`.

## Why is this bad
The API server refuses the manifest, or the controller fails the workflow when it reaches the incomplete part.

## Example
```yaml
templates:
  - container:
      image: alpine:3.20
```

## How to fix
Add the field.
"#,
};
