//! `invalid-resource-template`: a `resource` template with an unknown action, no manifest
//! (or two), a `manifestFrom` naming no input artifact, or a manifest that is not YAML.

use crate::diagnostic::Severity;
use crate::model::expr::scan_tags;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::callee::is_dynamic;
use super::key_span;

pub static META: RuleMeta = RuleMeta {
    code: "AL318",
    name: "invalid-resource-template",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A `resource` template has an unknown `action`, neither or both of `manifest` and `manifestFrom`, a `manifestFrom` artifact it does not declare, or a `manifest` that is not valid YAML.",
    docs: r#"
## What it does
For each `resource` template:

- `action` is one of `get`, `create`, `apply`, `delete`, `replace`, `patch` (or a `{{…}}`);
- for actions other than `get` and `delete`, exactly one of `manifest` and `manifestFrom`;
- `manifestFrom.artifact.name` names one of the template's input artifacts;
- `manifest` parses as YAML once `{{…}}` tags are replaced by placeholders.

## Why is this bad
Argo rejects the workflow ("resource.action must be one of…", "must be a valid yaml"); a
broken manifest is otherwise found only when `kubectl` fails inside the running pod.

## Example
```yaml
resource:
  action: apply
  manifest: |
    invalid-yaml-line
    kind: ConfigMap
```

## How to fix
Fix the action name; make the manifest valid YAML (check indentation inside the block).
"#,
};

const ACTIONS: [&str; 6] = ["get", "create", "apply", "delete", "replace", "patch"];

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for t in spec.templates() {
        let Some(r) = t.get("resource") else { continue };
        if r.as_map().is_none() {
            continue;
        }
        let tname = t.name().unwrap_or("?");
        let rkey = key_span(t.node, "resource").unwrap_or(r.span);
        let action = r.get("action").and_then(Node::as_str);
        if let (Some(a), Some(v)) = (action, r.get("action"))
            && !is_dynamic(a)
            && !ACTIONS.contains(&a)
        {
            let mut d = cx
                .diag(v.span, format!("`{a}` is not a resource action"))
                .with_help(format!("use one of {}", ACTIONS.join(", ")));
            if let Some(s) = crate::suggest::did_you_mean(a, &ACTIONS) {
                d = d
                    .with_help(format!("did you mean `{s}`?"))
                    .with_fix(super::replace_fix(v, a, s));
            }
            cx.report(d);
        }
        if action.is_none_or(str::is_empty) {
            let at = key_span(r, "action").unwrap_or(rkey);
            cx.report(
                cx.diag(at, format!("resource template `{tname}` has no `action`"))
                    .with_help(format!("set `action` to one of {}", ACTIONS.join(", "))),
            );
        }
        let needs_manifest = !matches!(action, Some("get" | "delete"));
        let manifest = r.get("manifest");
        let from = r.get("manifestFrom");
        if needs_manifest {
            match (manifest, from) {
                (None, None) => cx.report(
                    cx.diag(
                        rkey,
                        format!(
                            "resource template `{tname}` has neither `manifest` nor `manifestFrom`"
                        ),
                    )
                    .with_help("add the Kubernetes object to act on under `manifest`"),
                ),
                (Some(_), Some(_)) => cx.report(
                    cx.diag(
                        key_span(r, "manifestFrom").unwrap_or(rkey),
                        format!(
                            "resource template `{tname}` sets both `manifest` and `manifestFrom`"
                        ),
                    )
                    .with_label(
                        key_span(r, "manifest").unwrap_or(rkey),
                        "`manifest` is set here",
                    )
                    .with_help("keep one"),
                ),
                _ => {}
            }
        }
        if let Some(an) = from
            .and_then(|f| f.get("artifact"))
            .and_then(|a| a.get("name"))
            && let Some(name) = an.as_str()
            && !is_dynamic(name)
        {
            let declared = t
                .get("inputs")
                .map(|i| i.seq("artifacts"))
                .unwrap_or(&[])
                .iter()
                .any(|a| a.get("name").and_then(Node::as_str) == Some(name));
            if !declared {
                cx.report(
                    cx.diag(an.span, format!("`manifestFrom` names artifact `{name}`, which template `{tname}` does not declare in `inputs.artifacts`"))
                        .with_help(format!("declare `{name}` under `inputs.artifacts`")),
                );
            }
        }
        if let Some(m) = manifest
            && let Some(text) = m.as_str()
        {
            check_manifest(cx, m, text);
        }
    }
}

fn check_manifest(cx: &mut Context<'_>, node: &Node, text: &str) {
    let trimmed = text.trim();
    let scan = scan_tags(trimmed);
    if scan.unterminated.is_some() {
        return; // unclosed-template-tag reports it
    }
    if scan.tags.len() == 1 && scan.tags[0].start == 0 && scan.tags[0].end == trimmed.len() {
        return; // the whole manifest comes from a parameter
    }
    // Replace each outermost tag by a plain word of the same length so YAML sees a scalar.
    let mut owned = String::with_capacity(text.len());
    let scan = scan_tags(text);
    let mut at = 0;
    let mut outer: Vec<(usize, usize)> = scan.tags.iter().map(|t| (t.start, t.end)).collect();
    outer.sort_unstable();
    for (s, e) in outer {
        if s < at {
            continue;
        }
        owned.push_str(&text[at..s]);
        owned.push_str(&"x".repeat(e - s));
        at = e;
    }
    owned.push_str(&text[at..]);
    let parsed = crate::source::parse::parse_text(&owned);
    let broken = parsed.documents.iter().any(|d| d.broken)
        || parsed
            .problems
            .iter()
            .any(|p| p.kind == crate::source::parse::ProblemKind::Syntax);
    if broken {
        let msg = parsed
            .problems
            .iter()
            .find(|p| p.kind == crate::source::parse::ProblemKind::Syntax)
            .map(|p| p.message.clone())
            .unwrap_or_else(|| "it does not parse".into());
        cx.report(
            cx.diag(node.span, format!("the resource `manifest` is not valid YAML: {msg}"))
                .with_help("check the indentation inside the block; the manifest must be one Kubernetes object"),
        );
    }
}
