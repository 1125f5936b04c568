use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL101",
    name: "yaml-syntax-error",
    category: Category::Syntax,
    severity: Severity::Error,
    fields: &[],
    summary: "The document is not valid YAML (or JSON).",
    docs: r#"
## What it does
Reports the first point where a document stops being valid YAML, such as an unclosed
bracket, a bad indentation or a tab used for indenting. Parsing resumes at the next `---`,
so the other documents of the file are still checked.

## Why is this bad
Kubernetes refuses the whole file, and every later check needs a parsed document: nothing
else in the broken document is checked until the syntax is fixed.

## Example
```yaml
spec:
  templates:
    - name: main
      container: {image: alpine
```

## How to fix
Close the bracket, fix the indentation (spaces only), or quote the value the message points
at.
"#,
};
