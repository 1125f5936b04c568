use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL901",
    name: "unused-suppression",
    category: Category::Meta,
    severity: Severity::Warning,
    fields: &[],
    summary: "An `# argolint: ignore[...]` comment suppresses nothing.",
    docs: r#"
## What it does
Reports a suppression comment, or a rule named in one, that matched no finding in its
scope. Rules turned off by configuration are not judged.

## Why is this bad
A stale suppression hides the next real finding of that rule at that place, and tells readers
about a problem that no longer exists.

## Example
```yaml
# argolint: ignore[missing-memory-limit] legacy image, sized by the platform team
container:
  image: alpine:3.20
  resources:
    limits: {memory: 64Mi}
```

## How to fix
Delete the comment, or the rule's name from its list.
"#,
};
