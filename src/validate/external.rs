//! Validation against a JSON Schema with the `jsonschema` crate: a schema given with
//! `--schema FILE` (a patched Argo build), and in tests the schema argolint publishes.
//!
//! The schema is compiled once per process into a single validator that dispatches on `kind`
//! (so errors never come from a top-level `oneOf`). `anyOf`/`oneOf` failures inside are
//! reduced to the errors of the branch that came closest. Errors are reported through the
//! same builders as the native validator, so both speak alike.

use std::sync::OnceLock;

use serde_json::Value;

use super::{Form, bad_enum, bad_pattern, locate, missing_required, unknown_key, wrong_type};
use crate::api::ArgoVersion;
use crate::api::TypeDef;
use crate::diagnostic::Diagnostic;
use crate::model::Kind;
use crate::rules::schema::unknown_field;
use crate::source::Node;

const BASE: &str = "urn:argolint:schema";

/// argolint's published schema for `version` under `jsonschema`, compiled on first use and
/// kept for the process. `check` does not use it (the native walker needs no compiling); it
/// is the reference the native validator is tested against.
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

impl crate::settings::ExternalSchema for SchemaValidator {
    fn check(&self, root: &Node) -> Vec<Diagnostic> {
        SchemaValidator::check(self, root)
    }
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
        // Reduce anyOf/oneOf to the branch with the fewest problems; a value that is not
        // null has nothing to learn from the `null` branch argolint's schemas add to fields.
        let only_null = |branch: &&Vec<jsonschema::ValidationError<'_>>| {
            branch.len() == 1
                && matches!(branch[0].kind(), K::Type { kind } if format!("{kind:?}").contains("Null"))
        };
        if let K::AnyOf { context } | K::OneOfNotValid { context } = e.kind()
            && let Some(best) = context
                .iter()
                .filter(|b| !only_null(b))
                .min_by_key(|branch| branch.len())
                .or_else(|| context.iter().min_by_key(|branch| branch.len()))
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
        let at = node.unwrap_or(root);
        let model = self
            .version
            .and_then(|v| self.model_type(e).map(|t| (t, v)));
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
                let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
                // One diagnostic per unknown key, at the key.
                return unexpected
                    .iter()
                    .filter_map(|key| {
                        let entry = parent.entry(key)?;
                        unknown_key(model, entry, key, &allowed, &path)
                    })
                    .collect();
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
                let expected = expected_type
                    .map(type_names)
                    .unwrap_or_else(|| "another type".into());
                wrong_type(at, &path, &expected, json_type(e.instance()), wants_string)
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
                let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
                let got = e
                    .instance()
                    .as_str()
                    .map_or(e.instance().to_string(), str::to_string);
                bad_enum(at, &path, &got, &allowed)
            }
            K::Required { property } => {
                let name = property.as_str().unwrap_or("?");
                match missing_required(root, &path, name, model.map(|(t, _)| t)) {
                    Some(d) => d,
                    None => return Vec::new(),
                }
            }
            K::FalseSchema => Diagnostic::new(
                &unknown_field::META,
                node.and_then(|_| {
                    let parent = locate(root, &path[..path.len().saturating_sub(1)])?;
                    parent.entry(path.last()?).map(|en| en.key.span)
                })
                .unwrap_or(at.span),
                format!("{} is not allowed here", super::value_name(&path)),
            ),
            K::Pattern { pattern } => {
                use crate::api::schema::{DURATION_PATTERN, QUANTITY_PATTERN};
                let got = e
                    .instance()
                    .as_str()
                    .map_or(e.instance().to_string(), str::to_string);
                let form = if pattern == DURATION_PATTERN {
                    Form::Duration
                } else if pattern == QUANTITY_PATTERN {
                    Form::Quantity
                } else {
                    Form::Pattern(pattern)
                };
                bad_pattern(at, &path, form, &got)
            }
            _ => Diagnostic::new(
                &crate::rules::schema::invalid_value::META,
                at.span,
                format!("{}: {e}", super::value_name(&path)),
            ),
        };
        vec![d]
    }
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
        // Every field of argolint's schemas also allows null (an empty value); saying so in
        // each message would only add noise.
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .filter(|s| *s != "null" || a.len() == 1)
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
