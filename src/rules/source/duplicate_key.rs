use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL102",
    name: "duplicate-key",
    category: Category::Syntax,
    severity: Severity::Error,
    fields: &[],
    summary: "A mapping sets the same key twice.",
    docs: r#"
## What it does
Finds a key written twice in the same mapping and points at both places.

## Why is this bad
YAML forbids duplicate keys, but Kubernetes' decoder keeps the last one and silently drops
the first: the annotations, labels or parameters in the first block never reach the cluster,
and nothing tells you.

## Example
```yaml
metadata:
  annotations:
    a: "1"
  annotations:
    b: "2"
```

## How to fix
Merge the two blocks into one key.
"#,
};
