//! `unresolved-template-ref`: a `templateRef` or `workflowTemplateRef` whose target is not
//! found among the linted files (or is, without the template it names).

use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;
use crate::workspace::Resolution;

use super::callee::is_dynamic;
use super::calls;
use crate::workspace::TemplateRef;

pub static META: RuleMeta = RuleMeta {
    code: "AL303",
    name: "unresolved-template-ref",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A `templateRef` or `workflowTemplateRef` names a (Cluster)WorkflowTemplate, or a template inside one, that cannot be found.",
    docs: r#"
## What it does
Resolves every `templateRef` (of steps, DAG tasks and hooks) and every
`workflowTemplateRef` through the WorkflowTemplates and ClusterWorkflowTemplates of all
the files linted together, plus the folders given with `--templates DIR`:

- the referenced template exists, but not the template it names inside: an **error**
  ("WorkflowTemplate `ci` has no template `biuld`; did you mean `build`?");
- nothing of that name among the files: it may live in the cluster, so this follows
  `--external-refs ignore|warn|error` (default `warn`), one finding per reference;
- a WorkflowTemplate of that name exists, but in another namespace: Argo resolves a
  `templateRef` in the namespace of the workflow that refers to it (unset means the same
  default namespace), so the message says which namespaces differ;
- only a ClusterWorkflowTemplate exists for a reference without `clusterScope: true` (or
  the reverse): the message says to fix `clusterScope`.

References whose names are built from parameters (`{{…}}`) are resolved at run time and
skipped.

## Why is this bad
Argo cannot find the template when the workflow is submitted ("template reference
ci.biuld not found", "couldn't find workflow template"), or, for nested references, when
the step runs.

## Example
```yaml
- - name: build
    templateRef:
      name: ci-templates
      template: biuld
```

## How to fix
Correct the names; put the WorkflowTemplate in the same namespace as the workflows using
it (or make it a ClusterWorkflowTemplate referenced with `clusterScope: true`); lint the
files that define your templates together with the ones that use them, or point
`--templates` at them.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    if let Some(r) = spec.get("workflowTemplateRef") {
        check_ref(cx, r, false);
    }
    // Argo's validation does not resolve lifecycle hooks' references: a missing target
    // fails only when the hook fires, so it is a warning there.
    cx.capped(Severity::Warning, |cx| {
        for h in spec.get("hooks").and_then(Node::as_map).unwrap_or(&[]) {
            if let Some(r) = h.value.get("templateRef") {
                check_ref(cx, r, true);
            }
        }
    });
    for (_, step) in calls(spec) {
        if let Some(r) = step.get("templateRef") {
            check_ref(cx, r, true);
        }
        cx.capped(Severity::Warning, |cx| {
            for h in step.get("hooks").and_then(Node::as_map).unwrap_or(&[]) {
                if let Some(r) = h.value.get("templateRef") {
                    check_ref(cx, r, true);
                }
            }
        });
    }
}

fn kind_of(cluster: bool) -> &'static str {
    if cluster {
        "ClusterWorkflowTemplate"
    } else {
        "WorkflowTemplate"
    }
}

fn ns_text(ns: Option<&str>) -> String {
    match ns {
        Some(n) if !n.is_empty() => format!("namespace `{n}`"),
        _ => "no namespace".into(),
    }
}

/// `template_ref`: a step's `templateRef` (name + template) rather than a
/// `workflowTemplateRef` (name only).
fn check_ref<'a>(cx: &mut Context<'a>, r: &'a Node, template_ref: bool) {
    if r.is_null() {
        return;
    }
    let name_node = r.get("name");
    let name = name_node.and_then(Node::as_str);
    if !template_ref && name.is_none_or(str::is_empty) {
        // Argo looks the template up by an empty name, which nothing has.
        let at = r.span;
        cx.report(
            cx.diag(at, "`workflowTemplateRef` names no template: it has no `name`")
                .with_help("set `name:` to the WorkflowTemplate (or, with `clusterScope: true`, the ClusterWorkflowTemplate) to run"),
        );
        return;
    }
    let (Some(name_node), Some(name)) = (name_node, name) else {
        return;
    };
    if name.is_empty() || is_dynamic(name) {
        return;
    }
    let template = r.get("template");
    let tname = template.and_then(Node::as_str);
    if template_ref && (tname.is_none_or(str::is_empty) || tname.is_some_and(is_dynamic)) {
        return;
    }
    let reference = TemplateRef::of(r);
    let cluster = reference.cluster_scope;
    let ns = cx.manifest.namespace();
    let external = cx.settings.external_refs.severity();
    let what = kind_of(cluster);
    match cx.workspace.resolve_ref(&reference, &cx.manifest) {
        Resolution::Found(def) => {
            let (Some(tnode), Some(tname)) = (template, tname) else {
                return;
            };
            if def.template(tname).is_some() {
                return;
            }
            let names: Vec<&str> = def
                .manifest
                .workflow_spec()
                .map(|s| s.templates().filter_map(|t| t.name()).collect())
                .unwrap_or_default();
            let mut d = cx.diag(
                tnode.span,
                format!("{} has no template `{tname}`", def.describe()),
            );
            d = match crate::suggest::did_you_mean(tname, &names) {
                Some(s) => d
                    .with_help(format!(
                        "did you mean `{s}`? ({} is defined at {})",
                        def.describe(),
                        def.location()
                    ))
                    .with_fix(super::replace_fix(tnode, tname, s)),
                None => d.with_help(format!(
                    "{} is defined at {}",
                    def.describe(),
                    def.location()
                )),
            };
            cx.report(d);
        }
        Resolution::OtherNamespace(defs) => {
            let Some(sev) = external else { return };
            let found: Vec<String> = defs
                .iter()
                .map(|d| format!("{} ({})", ns_text(d.namespace), d.location()))
                .collect();
            let here = match cx.manifest.kind {
                Kind::CronWorkflow => "CronWorkflow",
                Kind::WorkflowTemplate => "WorkflowTemplate",
                _ => "Workflow",
            };
            cx.report(
                cx.diag(name_node.span,
                    format!(
                        "WorkflowTemplate `{name}` is not in this {here}'s namespace ({}): the linted files define it in {}",
                        ns_text(ns),
                        found.join(", ")
                    ),
                )
                .with_severity(sev)
                .with_help("Argo resolves a WorkflowTemplate in the namespace of the workflow that refers to it; give both the same `metadata.namespace`, or use a ClusterWorkflowTemplate with `clusterScope: true`"),
            );
        }
        Resolution::OtherScope(def) => {
            let Some(sev) = external else { return };
            let fix = if cluster {
                "remove `clusterScope: true` to refer to the WorkflowTemplate"
            } else {
                "add `clusterScope: true` to refer to the ClusterWorkflowTemplate"
            };
            let at = r
                .entry("clusterScope")
                .map_or(name_node.span, |e| e.key.span);
            let at = if cluster { at } else { name_node.span };
            cx.report(
                cx.diag(at,
                    format!(
                        "no {what} `{name}` among the linted files, but there is a {} of that name ({})",
                        def.manifest.kind,
                        def.location()
                    ),
                )
                .with_severity(sev)
                .with_help(fix),
            );
        }
        Resolution::Missing => {
            let Some(sev) = external else { return };
            let mut names: Vec<&str> = cx
                .workspace
                .all()
                .filter(|d| (d.manifest.kind == Kind::ClusterWorkflowTemplate) == cluster)
                .map(|d| d.name)
                .collect();
            names.sort_unstable();
            let mut d = cx
                .diag(
                    name_node.span,
                    format!("{what} `{name}` is not among the linted files"),
                )
                .with_severity(sev);
            d = match crate::suggest::did_you_mean(name, &names) {
                Some(s) => d
                    .with_help(format!("did you mean `{s}`?"))
                    .with_fix(super::replace_fix(name_node, name, s)),
                None => d.with_help(
                    "if it lives in the cluster, nothing is wrong (`--external-refs ignore` silences this); otherwise lint the file that defines it too, or add its folder with `--templates DIR`",
                ),
            };
            cx.report(d);
        }
    }
}
