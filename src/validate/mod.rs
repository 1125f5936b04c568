//! Schema validation: each Argo document checked against the Argo API, every problem
//! reported once, at the exact key or value.
//!
//! Two validators share the reporting below:
//! - [`native`] (the default) walks the document along argolint's own model for the target
//!   release. Nothing is compiled or loaded, so a run pays only for the documents it checks.
//! - [`external`] runs a JSON Schema with the `jsonschema` crate: a schema given with
//!   `--schema FILE`, or (in tests) the schema argolint publishes, which the native walker
//!   must agree with.

pub mod external;
pub mod native;

pub use external::{SchemaValidator, model_validator};

use crate::api::{ArgoVersion, TypeDef, Versions};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::schema::{
    invalid_enum_value, invalid_type, invalid_value, missing_required_field, removed_field,
    unknown_field, unsupported_field, yaml11_implicit_type,
};
use crate::source::{Entry, Node};

/// Every schema problem of one Argo document of `kind`, judged against the model of `version`.
pub fn check(
    root: &Node,
    kind: crate::api::Kind,
    version: ArgoVersion,
    full_crds: bool,
) -> Vec<Diagnostic> {
    native::check(root, kind, version, full_crds)
}

pub use native::{Checked, check_reading};

/// Schema validation and the semantic rules sometimes see one problem twice (a bad podGC
/// `strategy` is also `invalid-pod-gc`, a container without `image` also `missing-image`). One diagnostic per problem: where an error of a rule starts at the same
/// place, an enum error keeps the schema's diagnostic (it lists the allowed values and
/// suggests the closest) and every other kind keeps the rule's, which says what the value
/// means to Argo.
pub fn merge_findings(schema: Vec<Diagnostic>, found: &mut Vec<Diagnostic>) {
    let same_problem = |s: &Diagnostic, r: &Diagnostic| {
        r.span.start == s.span.start
            && r.severity == Severity::Error
            && r.rule.category != crate::rules::Category::Schema
    };
    // Only these kinds of schema findings have counterparts among the rules; an unknown key
    // at the start of a template is its own problem even where a rule says the template
    // lacks a name.
    let may_repeat = |s: &Diagnostic| {
        use crate::rules::schema::{
            invalid_enum_value, invalid_type, invalid_value, missing_required_field,
        };
        [
            invalid_enum_value::META.code,
            invalid_type::META.code,
            invalid_value::META.code,
            missing_required_field::META.code,
        ]
        .contains(&s.rule.code)
    };
    for s in schema {
        if !may_repeat(&s) || !found.iter().any(|r| same_problem(&s, r)) {
            found.push(s);
        } else if s.rule.code == crate::rules::schema::invalid_enum_value::META.code {
            // The schema's finding lists the allowed values; a rule saying Argo refuses the
            // value keeps it an error.
            let mut s = s;
            if found.iter().any(|r| same_problem(&s, r)) {
                s.severity = Severity::Error;
            }
            found.retain(|r| !same_problem(&s, r));
            found.push(s);
        }
    }
}

/// How a value must be written, for [`bad_pattern`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form<'p> {
    Duration,
    Quantity,
    /// Another schema's pattern.
    Pattern(&'p str),
}

/// What a value is called in messages: the last key of its path with the list indices after
/// it (`` `args[0]` ``), or "the document".
pub(crate) fn value_name(path: &[String]) -> String {
    let Some(key_at) = path.iter().rposition(|s| s.parse::<usize>().is_err()) else {
        return match path.is_empty() {
            true => "the document".into(),
            false => format!("`{}`", describe_path(path)),
        };
    };
    let mut out = path[key_at].clone();
    for seg in &path[key_at + 1..] {
        out.push_str(&format!("[{seg}]"));
    }
    format!("`{out}`")
}

/// A path of keys and indices as a document path: `.spec.templates[1]`.
pub(crate) fn describe_path(path: &[String]) -> String {
    let mut out = String::new();
    for seg in path {
        if seg.parse::<usize>().is_ok() {
            out.push_str(&format!("[{seg}]"));
        } else {
            out.push('.');
            out.push_str(seg);
        }
    }
    out
}

/// The mapping at `path`, for messages: `` `.spec.templates[1]` `` or "the document".
pub(crate) fn describe_parent(path: &[String]) -> String {
    if path.is_empty() {
        return "the document".into();
    }
    format!("`{}`", describe_path(path))
}

/// A key the schema does not allow in the mapping at `path`. With the model type at hand
/// (argolint's own schema), a key that is a field of other releases is reported as such;
/// `None` when `removed-field` reports it with its migration.
pub(crate) fn unknown_key(
    model: Option<(&'static TypeDef, ArgoVersion)>,
    entry: &Entry,
    key: &str,
    allowed: &[&str],
    path: &[String],
) -> Option<Diagnostic> {
    if let Some((t, target)) = model
        && let Some(other) = other_release(t, target, entry, key)
    {
        return other;
    }
    if let Some((t, _)) = model
        && let Some(h) = crate::api::migration::habit(t, key)
    {
        let mut d = Diagnostic::new(
            &unknown_field::META,
            entry.key.span,
            format!(
                "unknown field `{key}` in {}: {}; in Argo use {}",
                describe_parent(path),
                h.origin,
                h.equivalent
            ),
        )
        .with_help(h.advice);
        if let Some(r) = h.rename {
            d = d.with_fix(Fix::unsafe_(
                format!("rename `{key}` to `{r}`"),
                vec![Edit::replace(entry.key.span, r)],
            ));
        }
        return Some(d);
    }
    let suggestion = crate::suggest::did_you_mean(key, allowed);
    let mut d = Diagnostic::new(
        &unknown_field::META,
        entry.key.span,
        match suggestion {
            Some(s) => format!("unknown field `{key}`: did you mean `{s}`?"),
            None => format!("unknown field `{key}` in {}", describe_parent(path)),
        },
    );
    if let Some(s) = suggestion {
        d = d.with_fix(Fix::unsafe_(
            format!("rename `{key}` to `{s}`"),
            vec![Edit::replace(entry.key.span, s)],
        ));
    } else if !allowed.is_empty() {
        let mut names = allowed.to_vec();
        names.sort_unstable();
        names.dedup();
        d = d.with_help(format!("fields allowed here: {}", names.join(", ")));
    }
    if d.help.is_none() {
        d = d.with_help("Kubernetes drops fields it does not know, silently");
    }
    Some(d)
}

/// An unknown key that is a field of `t` in other releases than the target: too new
/// (`unsupported-field`), or removed (`removed-field`, which reports the ones it has a
/// migration for itself). `Some(None)`: known, reported elsewhere.
fn other_release(
    t: &'static TypeDef,
    target: ArgoVersion,
    entry: &Entry,
    key: &str,
) -> Option<Option<Diagnostic>> {
    let versions = t
        .all_fields()
        .filter(|f| f.name == key)
        .fold(Versions::NONE, |acc, f| acc.union(f.versions));
    let (first, last) = (versions.first()?, versions.last()?);
    if first > target {
        return Some(Some(
            Diagnostic::new(
                &unsupported_field::META,
                entry.key.span,
                format!("`{key}` needs Argo Workflows {first}; target is {target}"),
            )
            .with_help(format!(
                "the {target} API server drops it silently; upgrade Argo and set `--argo-version {}` (or `argo-version` in .argolint.yaml), or leave the field out",
                first.to_string().trim_start_matches('v')
            )),
        ));
    }
    if last < target {
        if crate::api::migration::handles(t, key) {
            return Some(None);
        }
        return Some(Some(Diagnostic::new(
            &removed_field::META,
            entry.key.span,
            format!(
                "`{key}` was removed after Argo Workflows {last}; target is {target}, where the API server drops it"
            ),
        )));
    }
    // In releases before and after the target but not in it: say which.
    Some(Some(Diagnostic::new(
        &unsupported_field::META,
        entry.key.span,
        format!("`{key}` exists in Argo Workflows {versions}, not in the target {target}"),
    )))
}

/// A value of the wrong JSON type. Where a string is expected and the value is an unquoted
/// scalar that only YAML 1.1 (Kubernetes) reads as a boolean or number, the finding is
/// `yaml11-implicit-type` with a quoting fix.
pub(crate) fn wrong_type(
    node: &Node,
    path: &[String],
    expected: &str,
    found: &str,
    wants_string: bool,
) -> Diagnostic {
    let name = value_name(path);
    if wants_string && let Some(d) = yaml11_trap(node, &name) {
        return d;
    }
    Diagnostic::new(
        &invalid_type::META,
        node.span,
        format!("{name} must be {expected}, found {found}"),
    )
}

/// A value outside a closed set.
pub(crate) fn bad_enum(node: &Node, path: &[String], got: &str, allowed: &[&str]) -> Diagnostic {
    let d = Diagnostic::new(
        &invalid_enum_value::META,
        node.span,
        format!(
            "{} cannot be `{got}`: allowed values are {}",
            value_name(path),
            allowed.join(", ")
        ),
    );
    match crate::suggest::did_you_mean_unique(got, allowed) {
        // Only the value changes: safe when the suggestion is the one nearest value.
        Some((s, unique)) => {
            let edit = vec![Edit::rename_scalar(node, s)];
            let message = format!("replace `{got}` with `{s}`");
            d.with_help(format!("did you mean `{s}`?"))
                .with_fix(if unique {
                    Fix::safe(message, edit)
                } else {
                    Fix::unsafe_(message, edit)
                })
        }
        None => d,
    }
}

/// A string that does not have the form the field needs.
pub(crate) fn bad_pattern(node: &Node, path: &[String], form: Form<'_>, got: &str) -> Diagnostic {
    let (what, help) = match form {
        Form::Duration => (
            "a duration".to_string(),
            Some(
                "write whole seconds in a string (`\"30\"`) or a Go duration (`\"90s\"`, `\"1h30m\"`)",
            ),
        ),
        Form::Quantity => (
            "a Kubernetes quantity".to_string(),
            Some("write a number or a quantity such as `250m`, `1.5`, `512Mi`, `2Gi`"),
        ),
        Form::Pattern(p) => (format!("a value matching `{p}`"), None),
    };
    let d = Diagnostic::new(
        &invalid_value::META,
        node.span,
        format!("{} must be {what}, found `{got}`", value_name(path)),
    );
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// A required field left out of the mapping at `path` (in `root`). `None` where it is not a
/// problem: `templateDefaults` fills it in, or another rule reports it (a `schedules` missing
/// next to a `schedule` is `removed-field`'s finding).
pub(crate) fn missing_required(
    root: &Node,
    path: &[String],
    name: &str,
    model_type: Option<&'static TypeDef>,
) -> Option<Diagnostic> {
    if defaulted(root, path, name) {
        return None;
    }
    let node = locate(root, path);
    if let Some(t) = model_type
        && let Some(other) = crate::api::migration::replaced_by(t, name)
            .or_else(|| crate::api::migration::plural_of(t, name))
        && node.is_some_and(|n| n.get(other).is_some())
    {
        return None;
    }
    // Point at the key that holds the incomplete mapping, when there is one; at `kind` for
    // the document itself.
    let value_span = node.map_or(root.span, |n| n.span);
    let span = match path.split_last() {
        None => root.entry("kind").map_or(root.span, |en| en.key.span),
        Some((last, parent)) => locate(root, parent)
            .and_then(|p| p.entry(last))
            .map_or(value_span, |en| en.key.span),
    };
    Some(Diagnostic::new(
        &missing_required_field::META,
        span,
        format!(
            "{} is missing required field `{name}`",
            describe_parent(path)
        ),
    ))
}

/// An unquoted scalar that YAML 1.1 (Kubernetes) types as a boolean or number though it reads
/// as text (and YAML 1.2 agrees it is text, or reads another number).
pub(crate) fn yaml11_trap(node: &Node, name: &str) -> Option<Diagnostic> {
    use crate::source::tree::ScalarType;
    let s = node.as_scalar()?;
    if s.style != crate::source::ScalarStyle::Plain || node.flow {
        return None;
    }
    let y11 = s.yaml11_type();
    // The trap: YAML 1.1 gives another value than YAML 1.2 (`yes`, `0755`, `1_000`, `1e3`).
    if y11 == ScalarType::Str || y11 == ScalarType::Null || node.to_json() == node.to_json_k8s() {
        return None;
    }
    let what = match y11 {
        ScalarType::Bool(b) => format!("the boolean `{b}`"),
        _ => format!("the number {}", node.to_json_k8s()),
    };
    let quoted = crate::source::yaml_double_quoted(&s.value);
    Some(
        Diagnostic::new(
            &yaml11_implicit_type::META,
            node.span,
            format!(
                "{name} expects a string, but Kubernetes reads the unquoted `{}` as {what} (YAML 1.1)",
                s.value
            ),
        )
        .with_fix(Fix::safe(format!("quote it: {quoted}"), vec![Edit::replace(node.span, quoted)])),
    )
}

/// Whether a required field may be left out at `path` because `templateDefaults` fills it
/// in: inside `templateDefaults` itself (a partial template), or in a template whose
/// workflow's `templateDefaults` sets the same field.
fn defaulted(root: &Node, path: &[String], field: &str) -> bool {
    if path.iter().any(|s| s == "templateDefaults") {
        return true;
    }
    let Some(at) = path.iter().position(|s| s == "templates") else {
        return false;
    };
    if path.len() < at + 2 {
        return false;
    }
    let Some(defaults) = locate(root, &path[..at]).and_then(|spec| spec.get("templateDefaults"))
    else {
        return false;
    };
    let mut rest: Vec<&str> = path[at + 2..].iter().map(String::as_str).collect();
    rest.push(field);
    defaults.get_path(&rest).is_some()
}

/// The node at a path of keys and indices.
pub(crate) fn locate<'a>(root: &'a Node, path: &[String]) -> Option<&'a Node> {
    let mut node = root;
    for seg in path {
        node = match node.as_seq() {
            Some(items) => items.get(seg.parse::<usize>().ok()?)?,
            None => &node.entry(seg)?.value,
        };
    }
    Some(node)
}

/// A value the full CRDs of `version` refuse: the API server rejects the whole object.
pub(crate) fn crd_violation(
    node: &Node,
    path: &[String],
    rule: crate::api::CrdRule,
    version: ArgoVersion,
) -> Diagnostic {
    use crate::api::CrdRule;
    let name = value_name(path);
    let (meta, what) = match rule {
        CrdRule::Enum(vs) => (
            &invalid_enum_value::META,
            format!("must be one of {}", vs.join(", ")),
        ),
        CrdRule::IntOrString => (&invalid_type::META, "must be an integer or a string".into()),
        CrdRule::Pattern(p) | CrdRule::ItemPattern(p) => {
            (&invalid_value::META, format!("must match `{p}`"))
        }
        CrdRule::Minimum(n) => (&invalid_value::META, format!("must be at least {n}")),
        CrdRule::Maximum(n) => (&invalid_value::META, format!("must be at most {n}")),
        CrdRule::MinItems(n) => (
            &invalid_value::META,
            format!("must have at least {n} items"),
        ),
        CrdRule::MaxItems(n) => (&invalid_value::META, format!("must have at most {n} items")),
        CrdRule::MinLength(n) => (
            &invalid_value::META,
            format!("must be at least {n} characters long"),
        ),
        CrdRule::MaxLength(n) => (
            &invalid_value::META,
            format!("must be at most {n} characters long"),
        ),
    };
    Diagnostic::new(meta, node.span, format!("{name} {what}")).with_help(format!(
        "the {version} CRDs (installed in full) make the API server reject the workflow; \
         with the minimal CRDs this is not checked on submission"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(segs: &[&str]) -> Vec<String> {
        segs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn values_are_named_by_their_key_and_indices() {
        assert_eq!(value_name(&p(&[])), "the document");
        assert_eq!(value_name(&p(&["spec", "parallelism"])), "`parallelism`");
        assert_eq!(
            value_name(&p(&["spec", "templates", "0", "container", "args", "1"])),
            "`args[1]`"
        );
        assert_eq!(value_name(&p(&["0", "1"])), "`[0][1]`");
        assert_eq!(
            describe_parent(&p(&["spec", "templates", "2"])),
            "`.spec.templates[2]`"
        );
    }
}
