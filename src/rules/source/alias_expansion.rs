use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL103",
    name: "alias-expansion",
    category: Category::Syntax,
    severity: Severity::Error,
    fields: &[],
    summary: "YAML aliases expand without bound, or refer to themselves.",
    docs: r#"
## What it does
Stops expanding `*alias` references once a document would grow past 100,000 nodes, and
reports an alias used inside the collection it names.

## Why is this bad
Nested aliases multiply: ten levels of nine aliases each describe a billion nodes in a few
hundred bytes (the "billion laughs" attack). Tools that expand them exhaust memory; the API
server rejects them. A self-referencing alias has no JSON form at all.

## Example
```yaml
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
# ... and so on
```

## How to fix
Write the data out, or use fewer levels of aliasing.
"#,
};
