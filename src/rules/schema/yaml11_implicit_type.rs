use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL207",
    name: "yaml11-implicit-type",
    category: Category::Schema,
    severity: Severity::Error,
    fields: &[],
    summary: "An unquoted `yes`, `no`, `on`, `off`, `0755` or `1e3` that Kubernetes reads as a boolean or number where a string is expected.",
    docs: r#"
## What it does
Finds unquoted values that YAML 1.1, the dialect Kubernetes' decoder speaks, types
differently from what they look like, at places that expect a string: `yes`, `no`, `on`,
`off`, `y`, `n` become booleans, `0755` the octal number 493, `1_000` the number 1000, `1e3`
the number 1000. The fix quotes the value.

## Why is this bad
Editors and most YAML libraries today follow YAML 1.2, where these are plain strings, so
the manifest looks right everywhere except in the cluster. There the API server refuses it
("cannot unmarshal bool into Go struct field … of type string"), or, in fields that accept
any scalar, the value silently changes: a parameter `mode: 0755` arrives as `493`, a label
`enabled: on` as `true`.

## Example
```yaml
metadata:
  labels:
    backup: yes
```

## How to fix
Quote the value: `backup: "yes"`. `argolint check --fix` does it.
"#,
};
