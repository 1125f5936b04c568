use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL105",
    name: "not-text",
    category: Category::Syntax,
    severity: Severity::Error,
    fields: &[],
    summary: "The file is binary or not UTF-8.",
    docs: r#"
## What it does
Reports a file that contains NUL bytes or bytes that are not valid UTF-8, at the first bad
byte, and skips it.

## Why is this bad
Kubernetes manifests are UTF-8 text. A binary file matched by a glob, or a manifest saved in
another encoding (Latin-1, UTF-16), cannot be applied as it is.

## Example
A file saved as UTF-16 by an editor, or an archive named `workflow.yaml`.

## How to fix
Re-save the file as UTF-8, or exclude it from the paths given to argolint.
"#,
};
