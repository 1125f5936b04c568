//! The default validator: walks a document along argolint's model of the target release and
//! reports what the published schema (`api::schema`) would reject, without building or
//! compiling any schema.
//!
//! It judges the Kubernetes view of the document (YAML 1.1 scalars, the last of duplicate
//! keys, `<<` merges applied), as the API server receives it. The rules per value type are
//! those `api::schema::ty_schema` writes down; `tests/it/native_validator.rs` runs both over the
//! upstream examples and thousands of mutants and requires the same findings at the same
//! places. Where the two differ on purpose, this one gives one finding per value: a value of
//! the wrong type is not also reported as outside the allowed set.

use super::{
    Form, bad_enum, bad_pattern, crd_violation, missing_required, unknown_key, wrong_type,
};
use std::collections::{HashMap, HashSet};

use crate::api::{ArgoVersion, CrdRule, FieldDef, Kind, Origin, Shape, Ty, TypeDef, root_type};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::tree::{ScalarType, go_parse_int};
use crate::source::{Entry, Node, Span};

/// Every schema problem of `root`, an Argo document of `kind`, against the model of `version`.
///
/// What is an error follows who rejects it. Decoding (what `argo lint` and the controller do
/// first, strictly): unknown fields and values of the wrong JSON type, quantities that do not
/// parse. The full CRDs (`full_crds`: the API server validates `spec`): required fields and
/// the CRDs' enums, patterns, bounds and counts. Kubernetes' own closed sets (a pod field
/// with a value the pod's validation refuses) fail the pod. Other problems (an Argo enum or
/// required field under the minimal CRDs, a duration nothing parses before the run) are
/// warnings. A `null` is never a problem: Go decodes it to the zero value and the API server
/// prunes it before validating.
pub fn check(root: &Node, kind: Kind, version: ArgoVersion, full_crds: bool) -> Vec<Diagnostic> {
    check_reading(root, kind, version, full_crds).findings
}

/// What [`check_reading`] finds, and how Argo reads keys that differ from a field's name only
/// in case.
pub struct Checked {
    pub findings: Vec<Diagnostic>,
    /// Keys inside a step body that Argo's lenient decoding reads as a field (the key's span
    /// and the field's name): a step's `vaLue` is its `value`.
    pub folded: Vec<(Span, &'static str)>,
}

/// [`check`], also saying which keys Argo reads as another field's (see [`Checked::folded`]).
pub fn check_reading(root: &Node, kind: Kind, version: ArgoVersion, full_crds: bool) -> Checked {
    let mut w = Walker {
        root,
        version,
        full_crds,
        path: Vec::new(),
        out: Vec::new(),
        folded: Vec::new(),
        field: None,
        in_step: 0,
    };
    w.object(root, root_type(kind), true);
    w.out.extend(nameless(root));
    w.out.sort_by_key(|d| d.span.start);
    Checked {
        findings: w.out,
        folded: w.folded,
    }
}

/// Every Kubernetes API server refuses to create an object with neither `metadata.name` nor
/// `metadata.generateName`, whatever CRDs it has ("name or generateName is required").
fn nameless(root: &Node) -> Option<Diagnostic> {
    let named = |key: &str| {
        root.get("metadata")
            .and_then(|m| m.get(key))
            .and_then(Node::as_str)
            .is_some_and(|s| !s.is_empty())
    };
    if named("name") || named("generateName") || root.as_map().is_none() {
        return None;
    }
    let at = root
        .entry("metadata")
        .map_or(crate::source::Span::empty(root.span.start as usize), |e| {
            e.key.span
        });
    Some(
        Diagnostic::new(
            &crate::rules::schema::missing_required_field::META,
            at,
            "`metadata` has neither `name` nor `generateName`: the API server refuses to create the object (\"name or generateName is required\")",
        )
        .with_help("add `generateName: my-workflow-` (a Workflow gets a fresh name each run) or `name: my-workflow`"),
    )
}

/// Deeper than any real manifest (the parser stops at 255 levels); a bound on the recursion.
const MAX_DEPTH: usize = 600;

#[derive(Clone, Copy)]
enum Seg<'n> {
    Key(&'n str),
    Index(usize),
}

struct Walker<'n> {
    root: &'n Node,
    version: ArgoVersion,
    full_crds: bool,
    /// How many step bodies the walk is inside (below a step's own keys).
    in_step: usize,
    /// The field whose value is being judged (its type and definition), for severities.
    field: Option<(&'static TypeDef, &'static FieldDef)>,
    /// Where the walk is, as keys and indices; turned into strings only for a finding.
    path: Vec<Seg<'n>>,
    out: Vec<Diagnostic>,
    folded: Vec<(Span, &'static str)>,
}

/// A value as JSON sees it after Kubernetes' YAML 1.1 decoding (`Node::to_json_k8s`).
enum Json<'n> {
    Null,
    Bool,
    Int,
    /// A float; `whole` when it has no fractional part (JSON Schema's `integer` accepts it).
    Float {
        whole: bool,
    },
    Str(&'n str),
    Seq(&'n [Node]),
    Map(&'n [Entry]),
}

impl Json<'_> {
    fn name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool => "a boolean",
            Json::Int => "an integer",
            Json::Float { .. } => "a number",
            Json::Str(_) => "a string",
            Json::Seq(_) => "a list",
            Json::Map(_) => "a mapping",
        }
    }

    fn is_integer(&self) -> bool {
        matches!(self, Json::Int | Json::Float { whole: true })
    }

    fn is_number(&self) -> bool {
        matches!(self, Json::Int | Json::Float { .. })
    }
}

fn json(node: &Node) -> Json<'_> {
    if let Some(items) = node.as_seq() {
        return Json::Seq(items);
    }
    if let Some(entries) = node.as_map() {
        return Json::Map(entries);
    }
    let Some(s) = node.as_scalar() else {
        return Json::Null;
    };
    let text: &str = &s.value;
    let without_underscores = || -> std::borrow::Cow<'_, str> {
        if text.contains('_') {
            text.replace('_', "").into()
        } else {
            text.into()
        }
    };
    // The same decisions as `Node::to_json_k8s`: a number that does not convert stays text.
    match s.yaml11_type() {
        ScalarType::Null => Json::Null,
        ScalarType::Bool(_) => Json::Bool,
        ScalarType::Int => match go_parse_int(&without_underscores()) {
            Some(_) => Json::Int,
            None => Json::Str(text),
        },
        ScalarType::Float => match without_underscores().parse::<f64>() {
            Ok(f) if f.is_finite() => Json::Float {
                whole: f.fract() == 0.0,
            },
            _ => Json::Str(text),
        },
        ScalarType::Str => Json::Str(text),
    }
}

/// Argo substitutes `{{...}}` before it reads a typed value, so such strings are accepted.
fn templated(s: &str) -> bool {
    s.contains("{{")
}

impl<'n> Walker<'n> {
    fn path_strings(&self) -> Vec<String> {
        self.path
            .iter()
            .map(|s| match s {
                Seg::Key(k) => k.to_string(),
                Seg::Index(i) => i.to_string(),
            })
            .collect()
    }

    fn wrong_type(&mut self, node: &Node, expected: &str, found: &Json<'_>, wants_string: bool) {
        let path = self.path_strings();
        self.out.push(wrong_type(
            node,
            &path,
            expected,
            found.name(),
            wants_string,
        ));
    }

    /// A value that must be an object of type `t`.
    fn object(&mut self, node: &'n Node, t: &'static TypeDef, is_root: bool) {
        if self.path.len() > MAX_DEPTH {
            return;
        }
        if matches!(json(node), Json::Null) {
            return;
        }
        match t.shape {
            Shape::Object => {}
            Shape::FreeObject => {
                let j = json(node);
                if !matches!(j, Json::Map(_)) {
                    self.wrong_type(node, "a mapping", &j, false);
                }
                return;
            }
            Shape::Any => return,
            Shape::Alias(ty) => return self.value(node, &ty, &[]),
        }
        let entries = match json(node) {
            Json::Map(entries) => entries,
            other => return self.wrong_type(node, "a mapping", &other, false),
        };
        let v = self.version;
        let shadowed = shadowed_keys(entries);
        // Built on the first key that needs them: the exact keys, and the last entry of each
        // key compared ignoring ASCII case.
        let mut keys: Option<(HashSet<&str>, HashMap<String, usize>)> = None;
        for (i, entry) in entries.iter().enumerate() {
            let Some(key) = entry.key_str() else { continue };
            // The last of duplicate keys is what Kubernetes keeps (and what is judged).
            if shadowed[i] {
                continue;
            }
            match t.field_in(key, v) {
                Some(field) => {
                    // Argo decodes what lies below a step's own keys leniently (unknown
                    // keys dropped, names matched ignoring case).
                    let step = t.name == "WorkflowStep";
                    self.in_step += usize::from(step);
                    self.path.push(Seg::Key(key));
                    self.field(&entry.value, t, field);
                    self.path.pop();
                    self.in_step -= usize::from(step);
                }
                None => {
                    let allowed: Vec<&str> = t.fields_in(v).map(|f| f.name).collect();
                    let path = self.path_strings();
                    let lenient = self.in_step > 0 && !self.full_crds;
                    // Go's JSON decoding matches a key to a field ignoring case when no key
                    // is the field's exact name; the last such key is the one kept.
                    let folded = lenient
                        .then(|| {
                            let (exact, last_folded) = keys.get_or_insert_with(|| {
                                let exact = entries.iter().filter_map(|e| e.key_str()).collect();
                                let last = entries
                                    .iter()
                                    .enumerate()
                                    .filter_map(|(i, e)| {
                                        Some((e.key_str()?.to_ascii_lowercase(), i))
                                    })
                                    .collect();
                                (exact, last)
                            });
                            t.fields_in(v).find(|f| {
                                f.name.eq_ignore_ascii_case(key)
                                    && !exact.contains(f.name)
                                    && last_folded
                                        .get(&f.name.to_ascii_lowercase())
                                        .is_none_or(|&last| last <= i)
                            })
                        })
                        .flatten();
                    if let Some(field) = folded {
                        self.folded.push((entry.key.span, field.name));
                        self.in_step += 1;
                        self.path.push(Seg::Key(key));
                        self.field(&entry.value, t, field);
                        self.path.pop();
                        self.in_step -= 1;
                    }
                    self.out
                        .extend(unknown_key(Some((t, v)), entry, key, &allowed, &path).map(
                            |mut d| {
                                if lenient && d.rule.name == "unknown-field" {
                                    d.severity = Severity::Warning;
                                    d.help = Some(if let Some(f) = folded {
                                        format!(
                                            "a warning: inside a step, Argo v3 matches keys \
                                             ignoring case and reads this one as `{}`; the full \
                                             CRDs reject it",
                                            f.name
                                        )
                                    } else {
                                        "a warning: inside a step, Argo decodes leniently and \
                                         drops unknown keys without a word; the full CRDs \
                                         reject it"
                                            .into()
                                    });
                                }
                                d
                            },
                        ));
                }
            }
        }
        // Only the full CRDs require fields (after the API server pruned nulls); what the
        // controller requires, the validation rules check.
        if !self.full_crds && !is_root {
            return;
        }
        let present = |name: &str| {
            entries
                .iter()
                .any(|e| e.key_str() == Some(name) && !matches!(json(&e.value), Json::Null))
        };
        let envelope: &[&str] = if is_root {
            // `metadata` is judged by `nameless`: what the API server needs is a name.
            &["apiVersion", "kind", "spec"]
        } else {
            &[]
        };
        let full = self.full_crds;
        let required = t
            .fields_in(v)
            .filter(|f| full && f.is_required_in(v))
            .map(|f| f.name)
            .chain(envelope.iter().copied());
        let mut seen: Vec<&str> = Vec::new();
        for name in required {
            if present(name) || seen.contains(&name) {
                continue;
            }
            seen.push(name);
            let path = self.path_strings();
            self.out
                .extend(missing_required(self.root, &path, name, Some(t)));
        }
    }

    fn field(&mut self, node: &'n Node, t: &'static TypeDef, field: &'static FieldDef) {
        let outer = self.field.replace((t, field));
        let before = self.out.len();
        self.value(node, &field.ty, field.enum_values);
        if self.full_crds && self.out.len() == before {
            self.crd_rules(node, t, field);
        }
        self.field = outer;
    }

    /// The constraints the full CRDs put on this field (checked once its type is right).
    fn crd_rules(&mut self, node: &'n Node, t: &'static TypeDef, field: &'static FieldDef) {
        for rule in crate::api::crd_rules(t.name, field.name, self.version) {
            let j = json(node);
            let broken = match (rule, &j) {
                (CrdRule::Enum(vs), Json::Str(s)) => {
                    field.enum_values.is_empty() && !vs.contains(s)
                }
                (CrdRule::Pattern(p), Json::Str(s)) => !crate::api::crd_pattern_matches(p, s),
                // As the API server reads it (YAML 1.1: `0755` is 493).
                (CrdRule::Minimum(n), _) => {
                    node.to_json_k8s().as_f64().is_some_and(|x| x < n as f64)
                }
                (CrdRule::Maximum(n), _) => {
                    node.to_json_k8s().as_f64().is_some_and(|x| x > n as f64)
                }
                (CrdRule::MinItems(n), Json::Seq(items)) => (items.len() as u64) < n,
                (CrdRule::MaxItems(n), Json::Seq(items)) => (items.len() as u64) > n,
                (CrdRule::MinLength(n), Json::Str(s)) => (s.chars().count() as u64) < n,
                (CrdRule::MaxLength(n), Json::Str(s)) => (s.chars().count() as u64) > n,
                (CrdRule::ItemPattern(p), Json::Seq(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Json::Str(s) = json(item)
                            && !crate::api::crd_pattern_matches(p, s)
                        {
                            self.path.push(Seg::Index(i));
                            let path = self.path_strings();
                            self.path.pop();
                            let pattern = CrdRule::Pattern(p);
                            self.out
                                .push(crd_violation(item, &path, pattern, self.version));
                        }
                    }
                    false
                }
                _ => false,
            };
            if broken {
                let path = self.path_strings();
                self.out
                    .push(crd_violation(node, &path, rule, self.version));
            }
        }
    }

    /// Whether the full CRDs of the target take an integer or a string for the current field.
    fn crd_int_or_string(&self) -> bool {
        self.field.is_some_and(|(t, f)| {
            crate::api::crd_rules(t.name, f.name, self.version)
                .any(|r| matches!(r, CrdRule::IntOrString))
        })
    }

    /// Whether the full CRDs of the target list the current field's values.
    fn crd_enum(&self) -> bool {
        self.field.is_some_and(|(t, f)| {
            crate::api::crd_rules(t.name, f.name, self.version)
                .any(|r| matches!(r, CrdRule::Enum(_)))
        })
    }

    /// How much a value outside a field's closed set matters: an error where the API server
    /// (full CRDs with that enum) or Kubernetes' pod validation refuses it, else a warning.
    fn enum_severity(&self) -> Severity {
        let Some((t, _)) = self.field else {
            return Severity::Error;
        };
        if t.origin == Origin::Kubernetes || (self.full_crds && self.crd_enum()) {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    fn bad_enum(&mut self, node: &Node, got: &str, enums: &[&str]) {
        let path = self.path_strings();
        let mut d = bad_enum(node, &path, got, enums);
        if self.enum_severity() == Severity::Warning {
            d.severity = Severity::Warning;
            let why = "a warning: with the minimal CRDs nothing checks this value when the \
                       workflow is submitted; Argo fails or ignores it when it gets to it";
            d.help = Some(match d.help.take() {
                Some(h) => format!("{h} ({why})"),
                None => why.to_string(),
            });
        }
        self.out.push(d);
    }

    /// A value of type `ty`; `enums` is the closed set of the field (for strings, also for
    /// the strings inside lists and maps of them).
    fn value(&mut self, node: &'n Node, ty: &Ty, enums: &'static [&'static str]) {
        if self.path.len() > MAX_DEPTH {
            return;
        }
        let j = json(node);
        // Go decodes a null to the zero value; the API server prunes it first.
        if matches!(j, Json::Null) {
            return;
        }
        match ty {
            Ty::String if !enums.is_empty() => match j {
                Json::Str(s) if enums.contains(&s) => {}
                // Argo substitutes the tag before it reads the value, but the API server checks
                // the full CRDs' enum on the text as written.
                Json::Str(s) if templated(s) && !(self.full_crds && self.crd_enum()) => {}
                Json::Str(s) => self.bad_enum(node, s, enums),
                // An unquoted `yes` where `yes` is allowed: quoting is the fix. Any other
                // scalar is simply not one of the values.
                Json::Bool | Json::Int | Json::Float { .. } | Json::Null => {
                    let text = node.as_str().unwrap_or("");
                    if enums.contains(&text) {
                        self.wrong_type(node, "a string", &j, true);
                    } else {
                        // Not a string at all: decoding fails whatever the CRDs.
                        let path = self.path_strings();
                        self.out.push(bad_enum(node, &path, text, enums));
                    }
                }
                _ => self.wrong_type(node, "a string", &j, true),
            },
            Ty::String | Ty::Bytes => {
                if !matches!(j, Json::Str(_)) {
                    self.wrong_type(node, "a string", &j, true);
                }
            }
            Ty::Bool => {
                if !matches!(j, Json::Bool) {
                    self.wrong_type(node, "a boolean", &j, false);
                }
            }
            // Argo substitutes the tag before it reads the number; the full CRDs type the
            // field as a number and refuse the text.
            Ty::Int => match j {
                Json::Str(s) if templated(s) && (!self.full_crds || self.crd_int_or_string()) => {}
                _ if j.is_integer() => {}
                _ => self.wrong_type(node, "an integer", &j, false),
            },
            Ty::Number => match j {
                Json::Str(s) if templated(s) && (!self.full_crds || self.crd_int_or_string()) => {}
                _ if j.is_number() => {}
                _ => self.wrong_type(node, "a number", &j, false),
            },
            Ty::IntOrString => {
                if !(j.is_integer() || matches!(j, Json::Str(_))) {
                    self.wrong_type(node, "an integer or a string", &j, true);
                }
            }
            Ty::Quantity => match j {
                Json::Str(s) if !is_quantity(s) => {
                    let path = self.path_strings();
                    self.out.push(bad_pattern(node, &path, Form::Quantity, s));
                }
                Json::Str(_) => {}
                // The full CRDs take an integer or a string; a fraction must be written as a
                // string (`"3.5"`, or `3500m`).
                Json::Float { whole: false } if self.full_crds => {
                    self.wrong_type(node, "an integer or a string", &j, true);
                }
                _ if j.is_number() => {}
                _ => self.wrong_type(node, "a number or a string", &j, true),
            },
            // Argo reads durations only when it uses them, so a bad one is not rejected on
            // submission (`invalid-duration` says what happens at run time).
            Ty::Duration => match j {
                Json::Str(s) if !is_duration(s) => {
                    let path = self.path_strings();
                    let d = bad_pattern(node, &path, Form::Duration, s);
                    self.out.push(d.with_severity(Severity::Warning));
                }
                Json::Str(_) => {}
                _ => self.wrong_type(node, "a string", &j, true),
            },
            Ty::Time => {
                if !matches!(j, Json::Str(_) | Json::Null) {
                    self.wrong_type(node, "a string or null", &j, true);
                }
            }
            // The full CRDs type it as a string; Argo's own decoding also takes numbers and
            // booleans.
            Ty::AnyString if self.full_crds => {
                if !matches!(j, Json::Str(_)) {
                    self.wrong_type(node, "a string", &j, true);
                }
            }
            // Argo's decoding turns numbers and booleans into text and drops anything else,
            // silently: the value becomes empty.
            Ty::AnyString => {
                if !matches!(j, Json::Str(_) | Json::Bool) && !j.is_number() {
                    self.wrong_type(node, "a string or a number or a boolean", &j, true);
                    if let Some(d) = self.out.last_mut() {
                        d.severity = Severity::Warning;
                        d.help = Some(
                            "a warning: Argo accepts it but drops the value (it becomes empty); \
                             the full CRDs reject it"
                                .into(),
                        );
                    }
                }
            }
            Ty::Any => {}
            Ty::Ref(t) => self.object(node, t, false),
            Ty::Array(inner) => match j {
                Json::Seq(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.path.push(Seg::Index(i));
                        self.value(item, inner, enums);
                        self.path.pop();
                    }
                }
                _ => self.wrong_type(node, "a list", &j, false),
            },
            Ty::Map(inner) => match j {
                Json::Map(entries) => {
                    let shadowed = shadowed_keys(entries);
                    for (i, entry) in entries.iter().enumerate() {
                        let Some(key) = entry.key_str() else { continue };
                        if shadowed[i] {
                            continue;
                        }
                        self.path.push(Seg::Key(key));
                        self.value(&entry.value, inner, enums);
                        self.path.pop();
                    }
                }
                _ => self.wrong_type(node, "a mapping", &j, false),
            },
        }
    }
}

/// For each entry of a mapping, whether a later entry has the same key (Kubernetes keeps the
/// last of duplicate keys). One pass from the end.
fn shadowed_keys(entries: &[Entry]) -> Vec<bool> {
    let mut seen: HashSet<&str> = HashSet::with_capacity(entries.len());
    let mut out = vec![false; entries.len()];
    for (i, e) in entries.iter().enumerate().rev() {
        if let Some(k) = e.key_str() {
            out[i] = !seen.insert(k);
        }
    }
    out
}

/// `api::schema::QUANTITY_PATTERN`: a Kubernetes quantity, or any text with `{{`.
pub fn is_quantity(s: &str) -> bool {
    if templated(s) {
        return true;
    }
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let Some(after_number) = decimal(b, i) else {
        return false;
    };
    i = after_number;
    let rest = &b[i..];
    match rest {
        [] => true,
        [b'K' | b'M' | b'G' | b'T' | b'P' | b'E', b'i'] => true,
        [b'n' | b'u' | b'm' | b'k' | b'M' | b'G' | b'T' | b'P' | b'E'] => true,
        [b'e' | b'E', exp @ ..] => {
            let exp = exp
                .strip_prefix(b"+")
                .or(exp.strip_prefix(b"-"))
                .unwrap_or(exp);
            !exp.is_empty() && exp.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// `[0-9]+(\.[0-9]*)?|\.[0-9]+` starting at `i`: where it ends.
fn decimal(b: &[u8], mut i: usize) -> Option<usize> {
    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    i += digits;
    if b.get(i) == Some(&b'.') {
        let frac = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 && frac == 0 {
            return None;
        }
        return Some(i + 1 + frac);
    }
    (digits > 0).then_some(i)
}

/// `api::schema::DURATION_PATTERN`: whole seconds, a Go duration (with `d` for days), or any
/// text with `{{`.
pub fn is_duration(s: &str) -> bool {
    if templated(s) {
        return true;
    }
    let b = s.as_bytes();
    if !b.is_empty() && b.iter().all(u8::is_ascii_digit) {
        return true;
    }
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let mut units = 0;
    while i < b.len() {
        let Some(end) = decimal(b, i) else {
            return false;
        };
        i = end;
        let unit = ["ns", "us", "µs", "μs", "ms", "s", "m", "h", "d"]
            .iter()
            .filter(|u| b[i..].starts_with(u.as_bytes()))
            .map(|u| u.len())
            .max();
        // `m` and `ms`: the longer unit when both match (the pattern backtracks to the
        // same effect).
        let Some(len) = unit else { return false };
        i += len;
        units += 1;
    }
    units > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_follow_the_schema_pattern() {
        for ok in [
            "1",
            "250m",
            "1.5",
            "1.",
            ".5",
            "512Mi",
            "2Gi",
            "1e3",
            "1E-3",
            "-1",
            "+2k",
            "3Ei",
            "4E",
            "1E+2",
            "{{inputs.parameters.cpu}}",
        ] {
            assert!(is_quantity(ok), "{ok}");
        }
        for bad in [
            "", "1 core", "1Gb", "Mi", "5e", ".", "1.5.5", "1e", "1ki", "1KI", "m", "1mi", "1e3Mi",
        ] {
            assert!(!is_quantity(bad), "{bad}");
        }
    }

    #[test]
    fn durations_follow_the_schema_pattern() {
        for ok in [
            "30", "0", "90s", "1h30m", "1.5h", "2d", "10ms", "5µs", "-1s", "+2m", ".5s", "1.s",
            "x{{a}}",
        ] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in [
            "", "1 day", "5min", "1d2", "s", "-30", "1.5", "h1", "1hh", "1H", ".s", "+",
        ] {
            assert!(!is_duration(bad), "{bad}");
        }
    }

    /// Every string of up to four characters over an alphabet of the characters that
    /// matter: the hand-written matchers accept exactly what the schema's regular
    /// expressions accept (as `jsonschema` runs them).
    #[test]
    fn matchers_equal_the_schema_patterns_exhaustively() {
        use crate::api::schema::{DURATION_PATTERN, QUANTITY_PATTERN};
        let quantity =
            jsonschema::validator_for(&serde_json::json!({"pattern": QUANTITY_PATTERN})).unwrap();
        let duration =
            jsonschema::validator_for(&serde_json::json!({"pattern": DURATION_PATTERN})).unwrap();
        let alphabet: Vec<char> = "01.eE+-mMiKnsh d{µ".chars().collect();
        let mut words = vec![String::new()];
        let mut checked = 0;
        for _ in 0..4 {
            let mut next = Vec::with_capacity(words.len() * alphabet.len());
            for w in &words {
                for c in &alphabet {
                    let mut s = w.clone();
                    s.push(*c);
                    let v = serde_json::Value::String(s.clone());
                    assert_eq!(is_quantity(&s), quantity.is_valid(&v), "quantity {s:?}");
                    assert_eq!(is_duration(&s), duration.is_valid(&v), "duration {s:?}");
                    checked += 1;
                    next.push(s);
                }
            }
            words = next;
        }
        assert!(checked > 100_000, "{checked}");
    }
}
