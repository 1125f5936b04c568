use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL106",
    name: "file-too-large",
    category: Category::Syntax,
    severity: Severity::Error,
    fields: &[],
    summary: "The file is larger than argolint parses (20 MiB).",
    docs: r#"
## What it does
Skips a file larger than 20 MiB without parsing it, and says so.

## Why is this bad
No Argo object can be that large: the API server refuses objects over about 1.5 MiB. A file
this size is generated data or an accident, and parsing it would cost time and memory for no
finding.

## Example
A 100 MB data dump with a `.yaml` extension in the linted folder.

## How to fix
Exclude the file from the linted paths (or with a `.gitignore` entry), or split real
manifests into separate files.
"#,
};
