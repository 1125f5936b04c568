//! `deprecated-field`: a field the target release still accepts but has deprecated.

use crate::api::{self, FieldDef, TypeDef};
use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL209",
    name: "deprecated-field",
    category: Category::Schema,
    severity: Severity::Warning,
    fields: &[],
    summary: "A field the target Argo release deprecates, with what to use instead.",
    docs: r#"
## What it does
Finds fields that the target Argo Workflows release still accepts but marks as deprecated,
according to argolint's model of the API: for example a step's or task's `onExit` (use an
`exit` lifecycle hook) or an S3 repository's `keyPrefix` (use `keyFormat`). Fields with a
known removal date and migration (`schedule`, `mutex`, `semaphore`, `podPriority`,
template `priority`) are reported by `removed-field` instead.

## Why is this bad
A deprecated field works today and disappears in a later release; on that upgrade the API
server drops it silently and the behaviour it configured is gone. The replacement is
usually also the better-specified one.

## Example
```yaml
steps:
  - - name: work
      template: work
      onExit: cleanup
```

## How to fix
```yaml
steps:
  - - name: work
      template: work
      hooks:
        exit: {template: cleanup}
```
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let target = cx.settings.argo_version;
    let root = cx.manifest.root;
    let mut found = Vec::new();
    api::walk::walk(
        root,
        cx.manifest.kind,
        target,
        &mut |t: &TypeDef, f: &FieldDef, entry| {
            if let Some(why) = f.deprecated
                && !entry.merged
                && !crate::api::migration::handles(t, f.name)
            {
                found.push(
                    cx.diag(
                        entry.key.span,
                        format!("`{}` is deprecated in Argo Workflows {target}", f.name),
                    )
                    .with_help(capitalise(why)),
                );
            }
        },
    );
    for d in found {
        cx.report(d);
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
