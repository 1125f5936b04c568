//! `unsupported-field`: reported by schema validation (`crate::validate`) when a key is a
//! field of a later Argo release than the target.

use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL208",
    name: "unsupported-field",
    category: Category::Schema,
    severity: Severity::Error,
    fields: &[],
    summary: "A field that only a later Argo release than the target has.",
    docs: r#"
## What it does
Finds fields that exist in Argo Workflows, but only in a release newer than the one you
target (`--argo-version`, or `argo-version` in `.argolint.yaml`; the default is the newest
release argolint models). The message names the release that introduced the field, e.g.
"`podResources` needs Argo Workflows v4.1; target is v3.5".

## Why is this bad
Your cluster runs the target release, whose API server does not know the field: it drops it
without a word, and the setting silently does nothing. Documentation and examples usually
follow the newest release, so copying a snippet is the usual way in.

## Example
With `--argo-version 3.5`:

```yaml
spec:
  templates:
    - name: main
      podResources:
        requests: {cpu: 100m}
```

## How to fix
Upgrade the controller (and CRDs) to the release named, then raise the target; or write
the setting the target release supports (here: `resources` on each container).
"#,
};
