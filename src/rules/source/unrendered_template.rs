use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL104",
    name: "unrendered-template",
    category: Category::Syntax,
    severity: Severity::Error,
    fields: &[],
    summary: "Helm or Go template syntax where YAML is expected.",
    docs: r#"
## What it does
Recognises `{{ .Values.x }}` and similar template actions written outside quotes, which YAML
reads as nested flow mappings rather than text.

## Why is this bad
The file is a template for a manifest, not a manifest: linting it as YAML gives meaningless
results, and applying it as it is fails or stores a mapping where a string belongs.

## Example
```yaml
metadata:
  name: {{ .Values.name }}
```

## How to fix
Render the chart and lint the output (`helm template my-chart | argolint check -`), or
exclude template folders from linting. If the braces are an Argo expression, quote the whole
value: `name: "{{workflow.name}}"`.
"#,
};
