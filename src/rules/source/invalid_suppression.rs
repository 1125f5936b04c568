use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL902",
    name: "invalid-suppression",
    category: Category::Meta,
    severity: Severity::Warning,
    fields: &[],
    summary: "An `# argolint:` comment is malformed or names no rule.",
    docs: r#"
## What it does
Checks every comment that starts with `argolint:`: the directive must be `ignore` or
`ignore-file`, optionally followed by `[rule, …]` naming existing rules (names or codes).

## Why is this bad
A misspelt suppression suppresses nothing, so the finding it was meant to silence still fails
the build, or a typo in a rule name goes unnoticed until the rule fires.

## Example
```yaml
image: alpine  # argolint: ignore[image-not-pined]
```

## How to fix
Fix the spelling (the message suggests the nearest rule), or run `argolint rules` for the
list.
"#,
};
