//! `argolint explain FIELD`: resolve a dotted field path and describe the field.
//!
//! Paths are written without list indices: `spec.templates.retryStrategy.backoff.maxDuration`.
//! They start at a document's root (a Workflow unless the path does not resolve there, in
//! which case the other kinds are tried, so `spec.workflowSpec...` finds CronWorkflow), at a
//! kind (`CronWorkflow.spec.schedules`) or at a type (`RetryStrategy.limit`). Map keys may be
//! written or left out (`spec.hooks.exit.template` or `spec.hooks.template`); `[0]` is ignored.

use std::fmt::Write;

use crate::api::{
    ArgoVersion, FieldDef, Kind, Origin, Shape, Ty, TypeDef, lookup_type, root_type,
    through_aliases,
};

/// What upstream's documentation leaves ambiguous, in our words: `(type, field, note)`.
pub static NOTES: &[(&str, &str, &str)] = &[
    (
        "Backoff",
        "maxDuration",
        "It is measured from the start of the FIRST attempt (not from the latest failure), and once set it replaces the `activeDeadlineSeconds` of retried pods with the time left, so a template deadline no longer limits each attempt the way you may expect.",
    ),
    (
        "Template",
        "activeDeadlineSeconds",
        "Applies to each pod (each retry attempt gets a fresh one), counted from when the pod starts, not from when the node was created; for a deadline on the whole node including pending time use `timeout`. With `retryStrategy.backoff.maxDuration` set, retried pods get the remaining max duration instead.",
    ),
    (
        "WorkflowSpec",
        "activeDeadlineSeconds",
        "Covers the whole workflow, retries and exit handlers included: when it expires, running pods are killed and the workflow fails even if a retry was about to succeed.",
    ),
    (
        "RetryStrategy",
        "limit",
        "Counts retries, not attempts: `limit: 3` allows four runs. A string such as `\"3\"` or a `{{...}}` expression is accepted.",
    ),
    (
        "Template",
        "timeout",
        "Only leaf templates (pods) honour it; on a steps or DAG template it has no effect. The clock starts when the node starts, pending time included.",
    ),
    (
        "Parameter",
        "value",
        "Parameters are stored in the workflow object, which Kubernetes limits to about 1.5 MB in total (and the controller may offload node status); keep values small and pass big data as artifacts.",
    ),
];

/// A resolved path: the field and the type that holds it.
#[derive(Debug)]
pub struct Resolved {
    /// The document kind the path was resolved from (`None` when it started at a type).
    pub kind: Option<Kind>,
    /// The path as resolved, without map keys and indices.
    pub path: String,
    pub parent: &'static TypeDef,
    pub field: &'static FieldDef,
}

fn field_of(t: &TypeDef, name: &str, v: ArgoVersion) -> Option<&'static FieldDef> {
    t.field_in(name, v).or_else(|| t.field(name))
}

fn walk(start: &'static TypeDef, segs: &[&str], v: ArgoVersion) -> Result<Resolved, String> {
    let mut t = through_aliases(start);
    let mut done: Vec<&str> = Vec::new();
    let mut i = 0;
    let mut last: Option<(&'static TypeDef, &'static FieldDef)> = None;
    while i < segs.len() {
        let seg = segs[i];
        let Some(f) = field_of(t, seg, v) else {
            let mut names = t.field_names(v);
            if names.is_empty() {
                names = t.all_fields().map(|f| f.name).collect();
            }
            let hint = crate::suggest::did_you_mean(seg, &names)
                .map(|s| format!(" Did you mean `{s}`?"))
                .unwrap_or_default();
            let at = if done.is_empty() {
                t.name.to_string()
            } else {
                done.join(".")
            };
            return Err(format!(
                "`{seg}` is not a field of {} (at `{at}`).{hint}",
                t.name
            ));
        };
        done.push(f.name);
        last = Some((t, f));
        i += 1;
        if i == segs.len() {
            break;
        }
        // Step into the field's type; a map may be followed by a key.
        let Some(next) = f.ty.target() else {
            return Err(format!(
                "`{}` is a {} and has no fields (`{}` cannot follow it).",
                done.join("."),
                f.ty.display(),
                segs[i]
            ));
        };
        let next = through_aliases(next);
        if matches!(f.ty, Ty::Map(_)) && field_of(next, segs[i], v).is_none() {
            i += 1; // a map key such as `exit` in `hooks.exit.template`
            if i == segs.len() {
                break;
            }
        }
        if matches!(next.shape, Shape::Any | Shape::FreeObject) {
            return Err(format!(
                "`{}` holds free-form content ({}); `{}` is not checked by the model.",
                done.join("."),
                next.name,
                segs[i]
            ));
        }
        t = next;
    }
    match last {
        Some((parent, field)) => Ok(Resolved {
            kind: None,
            path: done.join("."),
            parent,
            field,
        }),
        None => Err("empty field path".into()),
    }
}

/// Resolve a dotted path to a field.
pub fn resolve(path: &str, v: ArgoVersion) -> Result<Resolved, String> {
    let cleaned: Vec<String> = path
        .trim()
        .split('.')
        .map(|s| match s.find('[') {
            Some(i) => s[..i].to_string(),
            None => s.to_string(),
        })
        .filter(|s| !s.is_empty())
        .collect();
    let segs: Vec<&str> = cleaned.iter().map(String::as_str).collect();
    let Some(first) = segs.first() else {
        return Err("empty field path; try `spec.templates.retryStrategy`".into());
    };
    if let Ok(kind) = first.parse::<Kind>() {
        if segs.len() == 1 {
            return Err(format!(
                "`{kind}` is a kind; name one of its fields, e.g. `{kind}.spec`"
            ));
        }
        return walk(root_type(kind), &segs[1..], v).map(|r| Resolved {
            kind: Some(kind),
            ..r
        });
    }
    if first.starts_with(|c: char| c.is_ascii_uppercase())
        && let Some(t) = lookup_type(first)
    {
        if segs.len() == 1 {
            return Err(format!(
                "`{}` is a type; name one of its fields, e.g. `{}.{}`",
                t.name,
                t.name,
                t.all_fields().next().map_or("…", |f| f.name)
            ));
        }
        return walk(t, &segs[1..], v);
    }
    let mut first_err = None;
    for kind in Kind::ALL {
        match walk(root_type(kind), &segs, v) {
            Ok(r) => {
                return Ok(Resolved {
                    kind: Some(kind),
                    ..r
                });
            }
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    Err(first_err.unwrap_or_default())
}

/// Rules that look at `field` of `parent` (each rule's [`RuleMeta::fields`]), by name.
///
/// [`RuleMeta::fields`]: crate::rule::RuleMeta::fields
pub fn risk_rules(parent: &TypeDef, field: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for meta in crate::rules::all() {
        let looks = meta.fields.iter().any(|entry| {
            entry.split_once('.').is_some_and(|(ty, f)| {
                f == field && (ty == parent.name || parent.embeds == Some(ty))
            })
        });
        if looks {
            out.push(meta.name);
        }
    }
    out
}

/// What upstream leaves ambiguous about `field` of `parent`, if we have a note.
pub fn note(parent: &TypeDef, field: &str) -> Option<&'static str> {
    NOTES
        .iter()
        .find(|(t, f, _)| *t == parent.name && *f == field)
        .map(|(_, _, n)| *n)
}

/// Everything argolint knows about one field, ready to render as text (`argolint explain`)
/// or Markdown (the language server's hover).
#[derive(Debug, Clone)]
pub struct FieldDoc {
    /// Where the field is: `Workflow spec.templates.retryStrategy` or a document path.
    pub title: String,
    /// The type holding the field (`Backoff`), where it comes from, and its upstream id.
    pub parent: &'static str,
    pub origin: &'static str,
    pub parent_id: &'static str,
    /// The value type, with how to write it and what an alias stands for.
    pub ty: String,
    /// Allowed values (`""` for the empty string); empty when the set is open.
    pub allowed: Vec<String>,
    pub default: Option<&'static str>,
    /// `yes`, `no`, or "no in this version (required in other versions)".
    pub required: &'static str,
    /// The releases with the field, and whether the target is one of them.
    pub versions: String,
    pub in_target: bool,
    pub target: ArgoVersion,
    pub deprecated: Option<&'static str>,
    /// The rules that look at the field.
    pub rules: Vec<&'static str>,
    /// Our description; empty for Kubernetes fields we do not describe.
    pub description: &'static str,
    /// What upstream leaves unsaid.
    pub note: Option<&'static str>,
    /// The fields of the value's object type in the target, if it is an object.
    pub child_type: Option<&'static str>,
    pub children: Vec<&'static str>,
}

impl FieldDoc {
    /// The documentation of `field` of `parent` for target `version`, under `title`.
    pub fn new(
        title: impl Into<String>,
        parent: &'static TypeDef,
        field: &'static FieldDef,
        version: ArgoVersion,
    ) -> FieldDoc {
        let f = field;
        let mut ty = f.ty.display();
        if let Some(help) = f.ty.value_help() {
            let _ = write!(ty, ": {help}");
        }
        if let Some(t) = f.ty.target()
            && let Shape::Alias(inner) = t.shape
        {
            let _ = write!(ty, " (each {} is {})", t.name, inner.display());
        }
        let required = if f.is_required_in(version) {
            "yes"
        } else if !f.required.is_empty() {
            "no in this version (required in other versions)"
        } else {
            "no"
        };
        let (child_type, children) = match f.ty.target().map(through_aliases) {
            Some(t) if t.shape == Shape::Object => (Some(t.name), t.field_names(version)),
            _ => (None, Vec::new()),
        };
        FieldDoc {
            title: title.into(),
            parent: parent.name,
            origin: match parent.origin {
                Origin::Argo => "Argo",
                Origin::Kubernetes => "Kubernetes",
            },
            parent_id: parent.id,
            ty,
            allowed: f
                .enum_values
                .iter()
                .map(|v| {
                    if v.is_empty() {
                        "\"\"".to_string()
                    } else {
                        (*v).to_string()
                    }
                })
                .collect(),
            default: f.default,
            required,
            versions: f.versions.to_string(),
            in_target: f.exists_in(version),
            target: version,
            deprecated: f.deprecated,
            rules: risk_rules(parent, f.name),
            description: f.description,
            note: note(parent, f.name),
            child_type,
            children,
        }
    }

    /// Plain text, as `argolint explain` prints it.
    pub fn render_text(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "{}", self.title);
        let _ = writeln!(
            o,
            "  field of:   {} ({}, {})",
            self.parent, self.origin, self.parent_id
        );
        let _ = writeln!(o, "  type:       {}", self.ty);
        if !self.allowed.is_empty() {
            let _ = writeln!(
                o,
                "  allowed:    {} (or a `{{{{...}}}}` expression)",
                self.allowed.join(" | ")
            );
        }
        let _ = writeln!(o, "  default:    {}", self.default.unwrap_or("none"));
        let _ = writeln!(o, "  required:   {}", self.required);
        let _ = writeln!(
            o,
            "  versions:   {} ({})",
            self.versions,
            self.in_target_text()
        );
        if let Some(why) = self.deprecated {
            let _ = writeln!(o, "  deprecated: {why}");
        }
        let _ = writeln!(
            o,
            "  risk rules: {}",
            if self.rules.is_empty() {
                "none".to_string()
            } else {
                self.rules.join(", ")
            }
        );
        o.push('\n');
        if self.description.is_empty() {
            o.push_str("  (Kubernetes field; see the Kubernetes API reference for details.)\n");
        } else {
            let _ = writeln!(o, "  {}", self.description);
        }
        if let Some(n) = self.note {
            let _ = writeln!(o, "\n  What upstream leaves unsaid: {n}");
        }
        if let Some(t) = self.child_type
            && !self.children.is_empty()
        {
            let _ = writeln!(o, "\n  fields of {t}: {}", self.children.join(", "));
        }
        o
    }

    /// Markdown, for an editor's hover: the same facts as [`FieldDoc::render_text`].
    pub fn render_markdown(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(
            o,
            "**`{}`** · {} field of `{}`\n",
            self.title, self.origin, self.parent
        );
        let _ = writeln!(o, "- **type:** {}", self.ty);
        if !self.allowed.is_empty() {
            let vals: Vec<String> = self.allowed.iter().map(|v| format!("`{v}`")).collect();
            let _ = writeln!(
                o,
                "- **allowed:** {} (or a `{{{{...}}}}` expression)",
                vals.join(" · ")
            );
        }
        if let Some(d) = self.default {
            let _ = writeln!(o, "- **default:** `{d}`");
        }
        if self.required != "no" {
            let _ = writeln!(o, "- **required:** {}", self.required);
        }
        let _ = writeln!(
            o,
            "- **versions:** {} ({})",
            self.versions,
            self.in_target_text()
        );
        if let Some(why) = self.deprecated {
            let _ = writeln!(o, "- **deprecated:** {why}");
        }
        if !self.rules.is_empty() {
            let rules: Vec<String> = self
                .rules
                .iter()
                .map(|r| format!("[`{r}`]({})", crate::rule::url(r)))
                .collect();
            let _ = writeln!(o, "- **rules:** {}", rules.join(", "));
        }
        o.push('\n');
        if self.description.is_empty() {
            o.push_str("Kubernetes field; see the Kubernetes API reference for details.\n");
        } else {
            let _ = writeln!(o, "{}", self.description);
        }
        if let Some(n) = self.note {
            let _ = writeln!(o, "\n**What upstream leaves unsaid:** {n}");
        }
        if let Some(t) = self.child_type
            && !self.children.is_empty()
        {
            let _ = writeln!(o, "\nFields of `{t}`: {}", self.children.join(", "));
        }
        o
    }

    fn in_target_text(&self) -> String {
        if self.in_target {
            format!("present in target {}", self.target)
        } else {
            format!("NOT in target {}", self.target)
        }
    }
}

/// Describe the field at `path` for target `version`: type, allowed values, default,
/// versions, description, what upstream leaves ambiguous, and the risk rules that look at it.
pub fn explain(path: &str, version: ArgoVersion) -> Result<String, String> {
    let r = resolve(path, version)?;
    let root = r.kind.map(|k| k.as_str()).unwrap_or("");
    let title = format!(
        "{}{}{}",
        root,
        if root.is_empty() { "" } else { " " },
        r.path
    );
    Ok(FieldDoc::new(title, r.parent, r.field, version).render_text())
}

/// Every field path of the four kinds in `version`, as `Kind.path` strings, without
/// descending into a type already on the path (templates nest templates).
pub fn all_field_paths(version: ArgoVersion) -> Vec<String> {
    fn visit(
        t: &'static TypeDef,
        prefix: &str,
        stack: &mut Vec<&'static str>,
        v: ArgoVersion,
        out: &mut Vec<String>,
    ) {
        let t = through_aliases(t);
        if t.shape != Shape::Object || stack.contains(&t.id) {
            return;
        }
        stack.push(t.id);
        for f in t.fields_in(v) {
            let p = format!("{prefix}.{}", f.name);
            out.push(p.clone());
            if let Some(next) = f.ty.target() {
                visit(next, &p, stack, v, out);
            }
        }
        stack.pop();
    }
    let mut out = Vec::new();
    for k in Kind::ALL {
        visit(root_type(k), k.as_str(), &mut Vec::new(), version, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const V: ArgoVersion = ArgoVersion::LATEST;

    #[test]
    fn explains_max_duration_with_its_trap_and_rule() {
        let e = explain("spec.templates.retryStrategy.backoff.maxDuration", V).unwrap();
        assert!(
            e.starts_with("Workflow spec.templates.retryStrategy.backoff.maxDuration"),
            "{e}"
        );
        assert!(e.contains("field of:   Backoff"), "{e}");
        assert!(e.contains("type:       Duration"), "{e}");
        assert!(e.contains("FIRST attempt"), "{e}");
        assert!(
            e.contains("risk rules: retry-max-duration-overrides-deadline"),
            "{e}"
        );
    }

    #[test]
    fn resolves_from_kinds_types_and_cron_paths() {
        let r = resolve(
            "CronWorkflow.spec.workflowSpec.templates.container.image",
            V,
        )
        .unwrap();
        assert_eq!(r.kind, Some(Kind::CronWorkflow));
        assert_eq!(r.parent.name, "Container");
        let r = resolve("spec.workflowSpec.entrypoint", V).unwrap();
        assert_eq!(r.kind, Some(Kind::CronWorkflow));
        let r = resolve("RetryStrategy.limit", V).unwrap();
        assert_eq!(
            (r.kind, r.parent.name, r.field.name),
            (None, "RetryStrategy", "limit")
        );
        let r = resolve("spec.templates[0].steps.template", V).unwrap();
        assert_eq!(r.parent.name, "WorkflowStep");
        let r = resolve("spec.hooks.exit.template", V).unwrap();
        assert_eq!(r.parent.name, "LifecycleHook");
        let r = resolve("spec.hooks.template", V).unwrap();
        assert_eq!(r.parent.name, "LifecycleHook");
        let r = resolve("spec.templates.script.image", V).unwrap();
        assert_eq!(r.parent.name, "ScriptTemplate");
        // No release's full CRDs require it everywhere a script can be.
        assert!(!r.field.is_required_in(V));
    }

    #[test]
    fn rejects_unknown_fields_with_a_suggestion() {
        let e = resolve("spec.templates.retryStratgy.limit", V).unwrap_err();
        assert!(e.contains("Did you mean `retryStrategy`?"), "{e}");
        let e = resolve("spec.entrypoint.x", V).unwrap_err();
        assert!(e.contains("has no fields"), "{e}");
        assert!(resolve("", V).is_err());
        assert!(resolve("Workflow", V).is_err());
        assert!(
            resolve("spec.templates.plugin.hello", V)
                .unwrap_err()
                .contains("free-form")
        );
    }

    #[test]
    fn fields_of_other_versions_are_explained_with_a_warning() {
        let e = explain("CronWorkflow.spec.schedule", ArgoVersion::V4_1).unwrap();
        assert!(e.contains("NOT in target v4.1"), "{e}");
        assert!(e.contains("deprecated:"), "{e}");
        let e = explain("CronWorkflow.spec.schedule", ArgoVersion::V3_5).unwrap();
        assert!(e.contains("present in target v3.5"), "{e}");
        assert!(e.contains("required:   yes"), "{e}");
    }

    #[test]
    fn risk_rules_reach_container_like_types() {
        let e = explain("spec.templates.script.resources", V).unwrap();
        assert!(
            e.contains("missing-resource-requests, missing-memory-limit"),
            "{e}"
        );
        let e = explain("spec.templates.sidecars.lifecycle", V).unwrap();
        assert!(e.contains("container-lifecycle-hook"), "{e}");
        let e = explain("spec.arguments.parameters.value", V).unwrap();
        assert!(e.contains("oversized-parameter"), "{e}");
        let e = explain("spec.templates.container.image", V).unwrap();
        assert!(e.contains("image-not-pinned"), "{e}");
        let e = explain("spec.templates.container.workingDir", V).unwrap();
        assert!(e.contains("risk rules: none"), "{e}");
        let e = explain("spec.templates.securityContext.runAsUser", V).unwrap();
        assert!(e.contains("run-as-root"), "{e}");
        // Every rule's `fields` entry names a field of the model (a typo would make the rule
        // silently vanish from `explain`).
        for meta in crate::rules::all() {
            for entry in meta.fields {
                let (ty, f) = entry.split_once('.').unwrap_or((entry, ""));
                assert!(
                    crate::api::lookup_field(ty, f).is_some(),
                    "{}: `{entry}` is not a field of the model",
                    meta.name
                );
            }
        }
        for (ty, f, _) in NOTES {
            assert!(crate::api::lookup_field(ty, f).is_some(), "{ty}.{f}");
        }
    }
}

#[cfg(test)]
mod walk_tests {
    use super::*;

    /// Every field path of the model, in every version, explains without error, and
    /// resolves to the field it was built from.
    #[test]
    fn every_field_path_explains() {
        let mut total = 0;
        for v in ArgoVersion::ALL {
            let paths = all_field_paths(v);
            assert!(paths.len() > 1000, "{v}: only {} paths", paths.len());
            for p in &paths {
                let text = explain(p, v).unwrap_or_else(|e| panic!("{v} {p}: {e}"));
                let first = text.lines().next().unwrap_or("");
                assert_eq!(first, p.replacen('.', " ", 1), "{v}");
                assert!(text.contains(&format!("present in target {v}")), "{p}");
            }
            total += paths.len();
        }
        eprintln!(
            "explained {total} field paths across {} versions",
            ArgoVersion::ALL.len()
        );
    }
}
