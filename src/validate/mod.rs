//! Schema validation: each Argo document checked against a JSON Schema (ours, or one given
//! with `--schema`), every error mapped back to the exact key or value, one clear diagnostic
//! per problem.
//!
//! The schema is compiled once per process into a single validator that dispatches on `kind`
//! (so errors never come from a top-level `oneOf`). `anyOf`/`oneOf` failures inside are
//! reduced to the errors of the branch that came closest.

use std::sync::OnceLock;

use serde_json::Value;

use crate::api::ArgoVersion;
use crate::api::{TypeDef, Versions};
use crate::diagnostic::Diagnostic;
use crate::model::Kind;
use crate::rules::schema::{
    invalid_enum_value, invalid_type, invalid_value, missing_required_field, removed_field,
    unknown_field, unsupported_field, yaml11_implicit_type,
};
use crate::source::Node;

const BASE: &str = "urn:argolint:schema";

/// argolint's own schema for `version`, compiled on first use and kept for the process.
///
/// Compiling takes a few milliseconds; [`prewarm`] starts it on another thread while files
/// are read and parsed, and a caller that arrives before it is done waits for that one build.
pub fn model_validator(version: ArgoVersion) -> &'static SchemaValidator {
    static CACHE: [OnceLock<SchemaValidator>; ArgoVersion::ALL.len()] =
        [const { OnceLock::new() }; ArgoVersion::ALL.len()];
    let i = version.index().unwrap_or(ArgoVersion::ALL.len() - 1);
    CACHE[i].get_or_init(|| {
        let mut v = SchemaValidator::new(
            crate::api::schema::validation_schema(version),
            format!("argolint's model of Argo Workflows {version}"),
        )
        // The generated schema compiling is checked by tests; this cannot fail at run time.
        .expect("the model's schema compiles");
        v.version = Some(version);
        v
    })
}

/// Starts compiling [`model_validator`]`(version)` in the background.
pub fn prewarm(version: ArgoVersion) {
    std::thread::spawn(move || {
        model_validator(version);
    });
}

pub struct SchemaValidator {
    validator: jsonschema::Validator,
    /// The dispatching root, for looking up what a failing keyword's schema allows.
    root: Value,
    /// Where the schema came from, for messages.
    pub origin: String,
    /// The Argo release, when the schema is argolint's own: unknown keys that are fields of
    /// other releases are then reported as such.
    version: Option<ArgoVersion>,
}

impl std::fmt::Debug for SchemaValidator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SchemaValidator({})", self.origin)
    }
}

/// The definitions map of a schema (`definitions` or `$defs`) and its key.
fn definitions(schema: &Value) -> Option<(&'static str, &serde_json::Map<String, Value>)> {
    ["definitions", "$defs"]
        .into_iter()
        .find_map(|k| schema.get(k).and_then(Value::as_object).map(|m| (k, m)))
}

impl SchemaValidator {
    /// Builds a validator from a schema. When the schema defines the four kinds (as
    /// `Workflow` or `io.argoproj.workflow.v1alpha1.Workflow`), documents are dispatched on
    /// `kind` to their definition; otherwise the whole schema applies.
    pub fn new(schema: Value, origin: impl Into<String>) -> Result<SchemaValidator, String> {
        let mut root = schema;
        if let Some((key, defs)) = definitions(&root) {
            let mut branches = Vec::new();
            for kind in Kind::ALL {
                let name = kind.as_str();
                let found = defs
                    .keys()
                    .find(|k| *k == name || k.ends_with(&format!(".{name}")))
                    .cloned();
                if let Some(def) = found {
                    branches.push(serde_json::json!({
                        "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                        "then": {"$ref": format!("#/{key}/{def}")},
                    }));
                }
            }
            if !branches.is_empty()
                && let Some(obj) = root.as_object_mut()
            {
                for k in [
                    "oneOf",
                    "anyOf",
                    "allOf",
                    "$ref",
                    "type",
                    "properties",
                    "required",
                ] {
                    obj.remove(k);
                }
                obj.insert("allOf".into(), Value::Array(branches));
            }
        }
        let draft = match root.get("$schema").and_then(Value::as_str) {
            Some(s) if s.contains("2020-12") => jsonschema::Draft::Draft202012,
            Some(s) if s.contains("2019-09") => jsonschema::Draft::Draft201909,
            Some(s) if s.contains("draft-04") => jsonschema::Draft::Draft4,
            Some(s) if s.contains("draft-06") => jsonschema::Draft::Draft6,
            _ => jsonschema::Draft::Draft7,
        };
        let validator = jsonschema::options()
            .with_draft(draft)
            .with_base_uri(BASE)
            .should_validate_formats(false)
            .build(&root)
            .map_err(|e| format!("the schema does not compile: {e}"))?;
        Ok(SchemaValidator {
            validator,
            root,
            origin: origin.into(),
            version: None,
        })
    }

    /// Reads a schema file (`--schema`).
    pub fn from_file(path: &std::path::Path) -> Result<SchemaValidator, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let schema: Value = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a JSON Schema: {e}", path.display()))?;
        SchemaValidator::new(schema, path.display().to_string())
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Every schema problem of one document.
    pub fn check(&self, root: &Node) -> Vec<Diagnostic> {
        let instance = root.to_json_k8s();
        // Most documents are valid: the yes/no answer is several times faster than
        // collecting errors.
        if self.validator.is_valid(&instance) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for e in self.validator.iter_errors(&instance) {
            self.collect(root, &e, &mut out, &mut seen);
        }
        out.sort_by_key(|d| d.span.start);
        out
    }

    fn collect(
        &self,
        root: &Node,
        e: &jsonschema::ValidationError<'_>,
        out: &mut Vec<Diagnostic>,
        seen: &mut std::collections::HashSet<(crate::source::Span, String)>,
    ) {
        use jsonschema::error::ValidationErrorKind as K;
        // Reduce anyOf/oneOf to the branch with the fewest problems.
        if let K::AnyOf { context } | K::OneOfNotValid { context } = e.kind()
            && let Some(best) = context.iter().min_by_key(|branch| branch.len())
        {
            for inner in best {
                self.collect(root, inner, out, seen);
            }
            return;
        }
        for d in self.diagnostics(root, e) {
            if seen.insert((d.span, d.message.clone())) {
                out.push(d);
            }
        }
    }

    /// The schema object that holds the failing keyword.
    fn keyword_parent(&self, e: &jsonschema::ValidationError<'_>) -> Option<&Value> {
        let uri = e.absolute_keyword_location()?;
        let fragment = uri.fragment()?.as_str();
        let pointer = percent_decode(fragment);
        let parent = pointer.rsplit_once('/').map(|(p, _)| p.to_string())?;
        self.root.pointer(&parent)
    }

    /// The model type whose definition holds the failing keyword (our schema only).
    fn model_type(&self, e: &jsonschema::ValidationError<'_>) -> Option<&'static TypeDef> {
        self.version?;
        let uri = e.absolute_keyword_location()?;
        let pointer = percent_decode(uri.fragment()?.as_str());
        let id = pointer.strip_prefix("/definitions/")?.split('/').next()?;
        crate::api::lookup_type(id)
    }

    /// An unknown key that is a field of `t` in other releases than the target: too new
    /// (`unsupported-field`), or removed (`removed-field`, which reports the ones it has a
    /// migration for itself). `Some(None)`: known, reported elsewhere.
    fn other_release(
        &self,
        t: &'static TypeDef,
        entry: &crate::source::Entry,
        key: &str,
    ) -> Option<Option<Diagnostic>> {
        let target = self.version?;
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
            if removed_field::handles(t, key) {
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

    fn resolve<'v>(&'v self, mut schema: &'v Value) -> &'v Value {
        for _ in 0..16 {
            match schema.get("$ref").and_then(Value::as_str) {
                Some(r) => match r.strip_prefix('#').and_then(|p| self.root.pointer(p)) {
                    Some(t) => schema = t,
                    None => break,
                },
                None => break,
            }
        }
        schema
    }

    fn diagnostics(&self, root: &Node, e: &jsonschema::ValidationError<'_>) -> Vec<Diagnostic> {
        use jsonschema::error::ValidationErrorKind as K;
        let path: Vec<String> = e
            .instance_path()
            .as_str()
            .split('/')
            .skip(1)
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect();
        let node = locate(root, &path);
        let value_span = node.map_or(root.span, |n| n.span);
        let where_ = if path.is_empty() {
            "the document".to_string()
        } else {
            format!("`{}`", path.last().map(String::as_str).unwrap_or(""))
        };
        let d = match e.kind() {
            K::AdditionalProperties { unexpected } | K::UnevaluatedProperties { unexpected } => {
                let Some(parent) = node else {
                    return Vec::new();
                };
                let allowed: Vec<String> = self
                    .keyword_parent(e)
                    .map(|s| self.resolve(s))
                    .and_then(|s| s.get("properties"))
                    .and_then(Value::as_object)
                    .map(|p| p.keys().cloned().collect())
                    .unwrap_or_default();
                let allowed_refs: Vec<&str> = allowed.iter().map(String::as_str).collect();
                // One diagnostic per unknown key, at the key.
                let mut found = Vec::new();
                let model_type = self.model_type(e);
                for key in unexpected {
                    let Some(entry) = parent.entry(key) else {
                        continue;
                    };
                    if let Some(t) = model_type
                        && let Some(other) = self.other_release(t, entry, key)
                    {
                        found.extend(other);
                        continue;
                    }
                    let suggestion = crate::suggest::did_you_mean(key, &allowed_refs);
                    let mut d = Diagnostic::new(
                        &unknown_field::META,
                        entry.key.span,
                        match suggestion {
                            Some(s) => format!("unknown field `{key}`: did you mean `{s}`?"),
                            None => format!("unknown field `{key}` in {}", describe_parent(&path)),
                        },
                    );
                    if let Some(s) = suggestion {
                        d = d.with_fix(crate::diagnostic::Fix {
                            message: format!("rename `{key}` to `{s}`"),
                            edits: vec![crate::diagnostic::Edit {
                                span: entry.key.span,
                                replacement: s.to_string(),
                            }],
                            safe: false,
                        });
                    } else if !allowed.is_empty() {
                        d = d.with_help(format!("fields allowed here: {}", allowed.join(", ")));
                    }
                    if d.help.is_none() {
                        d = d.with_help("Kubernetes drops fields it does not know, silently");
                    }
                    found.push(d);
                }
                return found;
            }
            K::Type { .. } => {
                let expected_type = self
                    .keyword_parent(e)
                    .map(|s| self.resolve(s))
                    .and_then(|s| s.get("type"));
                let wants_string = expected_type.is_some_and(|t| match t {
                    Value::String(s) => s == "string",
                    Value::Array(a) => a.iter().any(|x| x == "string"),
                    _ => false,
                });
                if wants_string && let Some(d) = node.and_then(|n| yaml11_trap(n, &where_)) {
                    return vec![d];
                }
                let expected = expected_type
                    .map(type_names)
                    .unwrap_or_else(|| "another type".into());
                Diagnostic::new(
                    &invalid_type::META,
                    value_span,
                    format!(
                        "{where_} must be {expected}, found {}",
                        json_type(e.instance())
                    ),
                )
            }
            K::Enum { options } => {
                let allowed: Vec<String> = options
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|v| v.as_str().map_or(v.to_string(), |s| s.to_string()))
                            .collect()
                    })
                    .unwrap_or_default();
                let got = e
                    .instance()
                    .as_str()
                    .map_or(e.instance().to_string(), str::to_string);
                let refs: Vec<&str> = allowed.iter().map(String::as_str).collect();
                let mut d = Diagnostic::new(
                    &invalid_enum_value::META,
                    value_span,
                    format!(
                        "{where_} cannot be `{got}`: allowed values are {}",
                        allowed.join(", ")
                    ),
                );
                if let Some(s) = crate::suggest::did_you_mean(&got, &refs) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                d
            }
            K::Required { property } => {
                let name = property.as_str().unwrap_or("?");
                if defaulted(root, &path, name) {
                    return Vec::new();
                }
                // `schedules` missing next to a `schedule` is `removed-field`'s finding, and
                // `schedule` missing next to a too new `schedules` is `unsupported-field`'s.
                if let Some(t) = self.model_type(e)
                    && let Some(other) = removed_field::replaced_by(t, name)
                        .or_else(|| removed_field::plural_of(t, name))
                    && node.is_some_and(|n| n.get(other).is_some())
                {
                    return Vec::new();
                }
                // Point at the key that holds the incomplete mapping, when there is one.
                let span = match path.len() {
                    0 => root.span,
                    _ => {
                        let parent = locate(root, &path[..path.len() - 1]);
                        parent
                            .and_then(|p| p.entry(path.last()?))
                            .map_or(value_span, |en| en.key.span)
                    }
                };
                let span = if path.is_empty() {
                    root.entry("kind").map_or(span, |en| en.key.span)
                } else {
                    span
                };
                Diagnostic::new(
                    &missing_required_field::META,
                    span,
                    format!(
                        "{} is missing required field `{name}`",
                        describe_parent(&path)
                    ),
                )
            }
            K::FalseSchema => Diagnostic::new(
                &unknown_field::META,
                node.and_then(|_| {
                    let parent = locate(root, &path[..path.len().saturating_sub(1)])?;
                    parent.entry(path.last()?).map(|en| en.key.span)
                })
                .unwrap_or(value_span),
                format!("{where_} is not allowed here"),
            ),
            K::Pattern { pattern } => {
                use crate::api::schema::{DURATION_PATTERN, QUANTITY_PATTERN};
                let got = e
                    .instance()
                    .as_str()
                    .map_or(e.instance().to_string(), str::to_string);
                let (what, help) = if pattern == DURATION_PATTERN {
                    (
                        "a duration".to_string(),
                        Some(
                            "write whole seconds in a string (`\"30\"`) or a Go duration (`\"90s\"`, `\"1h30m\"`)",
                        ),
                    )
                } else if pattern == QUANTITY_PATTERN {
                    (
                        "a Kubernetes quantity".to_string(),
                        Some("write a number or a quantity such as `250m`, `1.5`, `512Mi`, `2Gi`"),
                    )
                } else {
                    (format!("a value matching `{pattern}`"), None)
                };
                let d = Diagnostic::new(
                    &invalid_value::META,
                    value_span,
                    format!("{where_} must be {what}, found `{got}`"),
                );
                match help {
                    Some(h) => d.with_help(h),
                    None => d,
                }
            }
            _ => Diagnostic::new(&invalid_value::META, value_span, format!("{where_}: {e}")),
        };
        vec![d]
    }
}

/// An unquoted scalar that YAML 1.1 (Kubernetes) types as a boolean or number though it reads
/// as text (and YAML 1.2 agrees it is text, or reads another number).
fn yaml11_trap(node: &Node, where_: &str) -> Option<Diagnostic> {
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
    let quoted = format!("\"{}\"", s.value.replace('\\', "\\\\").replace('"', "\\\""));
    Some(
        Diagnostic::new(
            &yaml11_implicit_type::META,
            node.span,
            format!(
                "{where_} expects a string, but Kubernetes reads the unquoted `{}` as {what} (YAML 1.1)",
                s.value
            ),
        )
        .with_fix(crate::diagnostic::Fix {
            message: format!("quote it: {quoted}"),
            edits: vec![crate::diagnostic::Edit {
                span: node.span,
                replacement: quoted,
            }],
            safe: true,
        }),
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

/// A JSON path as a document path: `.spec.templates[1]`.
fn describe_parent(path: &[String]) -> String {
    if path.is_empty() {
        return "the document".into();
    }
    let mut out = String::new();
    for seg in path {
        if seg.parse::<usize>().is_ok() {
            out.push_str(&format!("[{seg}]"));
        } else {
            out.push('.');
            out.push_str(seg);
        }
    }
    format!("`{out}`")
}

fn type_names(t: &Value) -> String {
    let one = |s: &str| match s {
        "object" => "a mapping".to_string(),
        "array" => "a list".to_string(),
        "string" => "a string".to_string(),
        "integer" => "an integer".to_string(),
        "number" => "a number".to_string(),
        "boolean" => "a boolean".to_string(),
        "null" => "null".to_string(),
        other => other.to_string(),
    };
    match t {
        Value::String(s) => one(s),
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .map(one)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "another type".into(),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// The node at a JSON path of keys and indices.
fn locate<'a>(root: &'a Node, path: &[String]) -> Option<&'a Node> {
    let mut node = root;
    for seg in path {
        node = match node.as_seq() {
            Some(items) => items.get(seg.parse::<usize>().ok()?)?,
            None => &node.entry(seg)?.value,
        };
    }
    Some(node)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
