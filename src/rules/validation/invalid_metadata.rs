//! `invalid-metadata`: object metadata, and the metadata Argo copies onto workflows and pods,
//! that Kubernetes' API server rejects (names, namespace, label keys and values, annotation
//! keys and size).

use crate::api::k8s_names;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::model::Kind;
use crate::rules::helpers::templated;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL333",
    name: "invalid-metadata",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "The object's name, generateName, namespace, labels or annotations break Kubernetes' rules, so the API server rejects it.",
    docs: r#"
## What it does
Checks the metadata the Kubernetes API server validates on every object, whatever CRDs are
installed:

- `metadata.name` must be a DNS-1123 subdomain: lowercase letters, digits, `-` and `.`,
  starting and ending with a letter or digit (its length is `name-too-long`'s);
- `metadata.generateName` must make such a name once the server appends five random
  characters (it keeps the first 58 characters);
- `metadata.namespace` must be a DNS-1123 label (at most 63 characters; ignored on a
  ClusterWorkflowTemplate, which has none);
- label keys and annotation keys must be qualified names: an optional DNS-1123 subdomain
  prefix and `/`, then at most 63 letters, digits, `-`, `_` and `.`, starting and ending
  with a letter or digit (case does not matter in annotation keys);
- label values must be empty or at most 63 such characters;
- annotations may hold at most 256 KiB (keys and values together).

Values with `{{…}}` are left alone. The metadata Argo copies onto workflows and pods is
`invalid-copied-metadata`'s.

Kubernetes' rules: `ValidateObjectMetaAccessor` (apimachinery `pkg/api/validation`) with
`NameIsDNSSubdomain` for the name and generateName, `ValidateNamespaceName`,
`ValidateLabels` (`IsQualifiedName`, `IsValidLabelValue`) and `ValidateAnnotations`
(`IsQualifiedName` on the lowercased key, `TotalAnnotationSizeLimitB`).

## Why is this bad
`kubectl apply` and `argo submit` fail ("metadata.name: Invalid value: … a lowercase RFC
1123 subdomain must consist of …"), whatever Argo release and CRDs the cluster has.

A `name` ending in `-` is usually meant as a `generateName`.

## Example
```yaml
kind: Workflow
metadata:
  name: create-all-overviews-
  labels:
    team name: data
```

## How to fix
Use lowercase names with `-` (`create-all-overviews`), or `generateName:` for a prefix;
write label keys as `prefix/name` without spaces (`team-name`).
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(md) = cx.manifest.metadata() else {
        return;
    };
    object_names(cx, md);
    let whose = format!("the {}", cx.manifest.kind);
    labels_and_annotations(cx, md, &whose);
}

fn object_names(cx: &mut Context<'_>, md: &Node) {
    let kind = cx.manifest.kind;
    let generate = md.get("generateName");
    if let Some(n) = md.get("name")
        && let Some(name) = n.as_str()
        && !name.is_empty()
        && !templated(name)
        && !k8s_names::is_dns1123_subdomain_shape(name)
    {
        let problem = k8s_names::SUBDOMAIN_RULE;
        let mut d = cx.diag(
            n.span,
            format!("`metadata.name` `{name}` is not a valid name: it {problem}; the API server rejects the {kind}"),
        );
        let trimmed = name.trim_end_matches('-');
        let key = md.entry("name").map(|e| e.key.span);
        if name.ends_with('-')
            && generate.is_none()
            && k8s_names::generate_name(name).is_none()
            && let Some(key) = key
        {
            if kind == Kind::Workflow {
                d = d
                    .with_help(format!("a name ending in `-` is a prefix: write `generateName: {name}` for a name made unique at each submission"))
                    .with_fix(Fix::safe(
                        "make it a `generateName`",
                        vec![Edit::replace(key, "generateName")],
                    ));
            } else {
                d = d.with_help(format!("remove the trailing `-`: `{trimmed}`"));
            }
        } else if let Some(s) = suggest_subdomain(name) {
            d = d.with_help(format!("for example `{s}`"));
        }
        cx.report(d);
    }
    if let Some(n) = generate
        && let Some(g) = n.as_str()
        && !templated(g)
        && let Some(problem) = k8s_names::generate_name(g)
    {
        let mut d = cx.diag(
            n.span,
            format!("`metadata.generateName` `{g}` is not a valid prefix: it {problem}; the API server rejects the {kind}"),
        );
        if let Some(s) = suggest_subdomain(g.trim_end_matches('-')) {
            d = d.with_help(format!("for example `{s}-`"));
        }
        cx.report(d);
    }
    if kind != Kind::ClusterWorkflowTemplate
        && let Some(n) = md.get("namespace")
        && let Some(ns) = n.as_str()
        && !ns.is_empty()
        && !templated(ns)
        && let Some(problem) = k8s_names::dns1123_label(ns)
    {
        cx.report(cx.diag(
            n.span,
            format!("`metadata.namespace` `{ns}` is not a valid namespace: it {problem}; the API server rejects the {kind}"),
        ));
    }
}

/// A lowercase DNS-1123 subdomain close to `s`, when one is obvious.
fn suggest_subdomain(s: &str) -> Option<String> {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let t = mapped.trim_matches(|c| c == '-' || c == '.').to_string();
    (t != s && !t.is_empty() && k8s_names::dns1123_subdomain(&t).is_none()).then_some(t)
}

/// Checks the `labels`, `labelsFrom` keys and `annotations` of a metadata block; `whose` says
/// where they end up ("the Workflow", "the pods of template `x`").
pub(super) fn labels_and_annotations(cx: &mut Context<'_>, node: &Node, whose: &str) {
    for (field, what) in [("labels", "label"), ("labelsFrom", "label")] {
        for e in node.get(field).and_then(Node::as_map).unwrap_or(&[]) {
            let Some(k) = e.key_str() else { continue };
            if templated(k) {
                continue;
            }
            if let Some(p) = k8s_names::qualified_name(k) {
                cx.report(cx.diag(
                    e.key.span,
                    format!(
                        "{what} key `{k}` of {whose} is invalid: it {p}; Kubernetes rejects it"
                    ),
                ));
            }
            if field != "labels" {
                continue;
            }
            let Some(v) = e.value.as_str() else { continue };
            if templated(v) || e.value.is_null() {
                continue;
            }
            if let Some(p) = k8s_names::label_value(v) {
                cx.report(cx.diag(
                    e.value.span,
                    format!("label value `{v}` (key `{k}`) of {whose} is invalid: it {p}; Kubernetes rejects it"),
                ));
            }
        }
    }
    let Some(entries) = node.get("annotations").and_then(Node::as_map) else {
        return;
    };
    let mut size = 0usize;
    for e in entries {
        let Some(k) = e.key_str() else { continue };
        size += k.len() + e.value.as_str().map_or(0, str::len);
        if templated(k) {
            continue;
        }
        if let Some(p) = k8s_names::annotation_key(k) {
            cx.report(cx.diag(
                e.key.span,
                format!(
                    "annotation key `{k}` of {whose} is invalid: it {p}; Kubernetes rejects it"
                ),
            ));
        }
    }
    if size > k8s_names::ANNOTATIONS_MAX_BYTES
        && let Some(key) = node.entry("annotations").map(|e| e.key.span)
    {
        cx.report(
            cx.diag(
                key,
                format!(
                    "the annotations of {whose} hold {size} bytes; Kubernetes allows at most {} (256 KiB)",
                    k8s_names::ANNOTATIONS_MAX_BYTES
                ),
            )
            .with_help("keep large data in a ConfigMap or an artifact"),
        );
    }
}
