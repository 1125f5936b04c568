//! `removed-field`: fields the target Argo release removed (or deprecated), with the
//! migration as a fix.

use crate::api::migration::{
    MUTEX, Migration, POD_PRIORITY, SCHEDULE, SEMAPHORE, TEMPLATE_PRIORITY,
};
use crate::diagnostic::{Edit, Fix, Severity};
use crate::model::Kind;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Entry, Node, NodeKind, SourceFile, Span};

pub static META: RuleMeta = RuleMeta {
    code: "AL203",
    name: "removed-field",
    category: Category::Schema,
    severity: Severity::Error,
    fields: &[],
    summary: "A field the target Argo release removed; a deprecated one is a warning. The migration is a fix.",
    docs: r#"
## What it does
Finds fields that the target Argo Workflows release (`--argo-version`, default the newest)
no longer has, and fields it still accepts but has deprecated:

| field | deprecated | removed | replacement |
| --- | --- | --- | --- |
| CronWorkflow `spec.schedule` | v3.6 | v4.0 | `spec.schedules`, a list |
| `synchronization.mutex` | v3.6 | v4.0 | `synchronization.mutexes`, a list |
| `synchronization.semaphore` | v3.6 | v4.0 | `synchronization.semaphores`, a list |
| `spec.podPriority` | | v3.7 | `spec.podPriorityClassName` |
| template `priority` | | v3.7 | a PriorityClass through `podPriorityClassName` |

The first three carry a safe fix that rewrites the field into its list form, keeping the
value, its comments and its formatting.

## Why is this bad
The API server prunes fields its schema does not know: a CronWorkflow whose only schedule is
in `schedule` becomes a CronWorkflow that never runs, and a `mutex` that vanishes lets runs
that must be exclusive overlap. Nothing reports it; the field is simply gone when you read
the object back.

## Example
```yaml
kind: CronWorkflow
spec:
  schedule: "0 2 * * *"
```

## How to fix
Run `argolint check --fix`, or write the list form by hand:

```yaml
spec:
  schedules: ["0 2 * * *"]
```
"#,
};

/// Rewrites `field: value` into `plural: [value]` (or a one-item block list), keeping the
/// value's text.
fn list_fix(file: &SourceFile, entry: &Entry, plural: &str) -> Option<Fix> {
    let mut edits = vec![Edit::replace(entry.key.span, plural)];
    let v = &entry.value;
    match &v.kind {
        NodeKind::Scalar(_) | NodeKind::Map(_) if v.flow || v.as_scalar().is_some() => {
            let raw = file.slice(v.span);
            if raw.contains('\n') {
                return None; // a multi-line scalar: leave it to a person
            }
            edits.push(Edit::replace(v.span, format!("[{raw}]")));
        }
        NodeKind::Map(_) => {
            // A block mapping becomes the single item of a block list: `- ` before its first
            // key, two more spaces before each of its other lines.
            let lines = &file.lines;
            let first = lines.line_of(v.span.start as usize);
            let last = lines.line_of(v.content_end().saturating_sub(1) as usize);
            edits.push(Edit::replace(Span::empty(v.span.start as usize), "- "));
            for l in first + 1..=last {
                let at = lines.line_start(l);
                if file.text[at..].starts_with(['\n', '\r']) {
                    continue;
                }
                edits.push(Edit::replace(Span::empty(at), "  "));
            }
        }
        NodeKind::Seq(_) | NodeKind::Scalar(_) => return None,
    }
    Some(Fix::safe(
        format!(
            "rename `{}` to `{plural}` and make the value a list",
            entry.key_str()?
        ),
        edits,
    ))
}

fn check_entry(cx: &mut Context<'_>, holder: &Node, m: &Migration, siblings_plural_ok: bool) {
    let target = cx.settings.argo_version;
    let Some(entry) = holder.entry(m.field).filter(|e| !e.merged) else {
        return;
    };
    let removed = target >= m.removed;
    let deprecated = m.deprecated.is_some_and(|d| target >= d);
    if !removed && !deprecated {
        return;
    }
    let plural_present = m.plural.is_some_and(|p| holder.entry(p).is_some());
    let message = if removed {
        format!(
            "`{}` was removed in Argo Workflows {}; target is {target}, where the API server drops it{}",
            m.field,
            m.removed,
            m.plural.map(|p| format!(": use `{p}`")).unwrap_or_default()
        )
    } else {
        format!(
            "`{}` is deprecated since Argo Workflows {} and removed in {}{}",
            m.field,
            m.deprecated.unwrap_or(m.removed),
            m.removed,
            m.plural.map(|p| format!(": use `{p}`")).unwrap_or_default()
        )
    };
    let mut d = cx.diag(entry.key.span, message).with_severity(if removed {
        Severity::Error
    } else {
        Severity::Warning
    });
    if !m.advice.is_empty() {
        d = d.with_help(m.advice);
    }
    if let Some(plural) = m.plural {
        if plural_present {
            d = d.with_help(format!(
                "`{plural}` is already set: merge this value into it and delete `{}`",
                m.field
            ));
        } else if siblings_plural_ok && let Some(fix) = list_fix(cx.file, entry, plural) {
            d = d.with_fix(fix);
        }
    }
    cx.report(d);
}

fn synchronization(cx: &mut Context<'_>, holder: Option<&Node>) {
    if let Some(sync) = holder.and_then(|h| h.get("synchronization")) {
        check_entry(cx, sync, &MUTEX, true);
        check_entry(cx, sync, &SEMAPHORE, true);
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    if cx.manifest.kind == Kind::CronWorkflow
        && let Some(spec) = cx.manifest.spec()
    {
        check_entry(cx, spec, &SCHEDULE, true);
    }
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    check_entry(cx, spec.node, &POD_PRIORITY, false);
    synchronization(cx, Some(spec.node));
    let templates: Vec<_> = spec.templates().chain(spec.template_defaults()).collect();
    for t in templates {
        check_entry(cx, t.node, &TEMPLATE_PRIORITY, false);
        synchronization(cx, Some(t.node));
    }
}
