//! The vocabulary of the model: types, fields, value types and version sets.
//!
//! Everything here is `'static` data built at compile time (no start-up work): Argo types are
//! written by hand in [`super::argo`], Kubernetes types are generated facts in [`super::facts`].

use std::fmt;

use super::ArgoVersion;

/// A set of modelled Argo release lines; bit `i` is [`ArgoVersion::ALL`]`[i]`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Versions(pub u8);

impl Versions {
    /// No version.
    pub const NONE: Versions = Versions(0);
    /// Every modelled version.
    pub const ALL: Versions = Versions((1u8 << ArgoVersion::ALL.len()) - 1);

    /// Only `v`.
    pub const fn only(v: ArgoVersion) -> Versions {
        match v.index() {
            Some(i) => Versions(1 << i),
            None => Versions::NONE,
        }
    }

    /// `v` and every later modelled version.
    pub const fn since(v: ArgoVersion) -> Versions {
        match v.index() {
            Some(i) => Versions(Versions::ALL.0 & !((1u8 << i) - 1)),
            None => Versions::NONE,
        }
    }

    /// Every modelled version up to and including `v`.
    pub const fn until(v: ArgoVersion) -> Versions {
        match v.index() {
            Some(i) => Versions(Versions::ALL.0 & ((1u8 << (i + 1)) - 1)),
            None => Versions::NONE,
        }
    }

    pub const fn intersect(self, other: Versions) -> Versions {
        Versions(self.0 & other.0)
    }

    pub const fn union(self, other: Versions) -> Versions {
        Versions(self.0 | other.0)
    }

    pub const fn contains(self, v: ArgoVersion) -> bool {
        match v.index() {
            Some(i) => self.0 & (1 << i) != 0,
            None => false,
        }
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The versions in the set, oldest first.
    pub fn iter(self) -> impl Iterator<Item = ArgoVersion> {
        ArgoVersion::ALL
            .into_iter()
            .filter(move |v| self.contains(*v))
    }

    /// Oldest version in the set.
    pub fn first(self) -> Option<ArgoVersion> {
        self.iter().next()
    }

    /// Newest version in the set.
    pub fn last(self) -> Option<ArgoVersion> {
        self.iter().last()
    }
}

/// Human form: `all modelled (v3.4–v4.1)`, `v3.6+`, `v3.4–v3.7`, or a list.
impl fmt::Display for Versions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let vs: Vec<ArgoVersion> = self.iter().collect();
        let (Some(first), Some(last)) = (vs.first(), vs.last()) else {
            return f.write_str("none");
        };
        let all = ArgoVersion::ALL;
        let contiguous = {
            let a = first.index().unwrap_or(0);
            let b = last.index().unwrap_or(0);
            b + 1 - a == vs.len()
        };
        if *self == Versions::ALL {
            write!(f, "all modelled ({first}–{last})")
        } else if !contiguous {
            let list: Vec<String> = vs.iter().map(|v| v.to_string()).collect();
            f.write_str(&list.join(", "))
        } else if *last == all[all.len() - 1] {
            write!(f, "{first}+")
        } else if first == last {
            write!(f, "{first} only")
        } else {
            write!(f, "{first}–{last}")
        }
    }
}

impl fmt::Debug for Versions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Versions({self})")
    }
}

/// Where a type comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `io.argoproj.workflow.v1alpha1.*`: hand-written in [`super::argo`].
    Argo,
    /// `io.k8s.*`: generated facts in [`super::facts`].
    Kubernetes,
}

/// The value type of a field.
#[derive(Clone, Copy)]
pub enum Ty {
    /// Any string.
    String,
    /// `true` / `false`.
    Bool,
    /// A whole number.
    Int,
    /// Any number.
    Number,
    /// Kubernetes IntOrString: an integer or a string (`8080`, `"http"`, `"50%"`).
    IntOrString,
    /// Kubernetes resource quantity: a number or a string such as `500m`, `1.5Gi`, `2e3`.
    Quantity,
    /// Argo duration: a string holding whole seconds (`"30"`) or a Go duration (`"90s"`, `"1h30m"`).
    Duration,
    /// RFC 3339 timestamp (`2024-01-31T12:00:00Z`); written by controllers, rarely by users.
    Time,
    /// Base64-encoded bytes.
    Bytes,
    /// Argo AnyString: a string, number or boolean; Argo keeps it as text.
    AnyString,
    /// Any JSON value at all.
    Any,
    /// An object of the given type.
    Ref(&'static TypeDef),
    /// A list of values.
    Array(&'static Ty),
    /// An object with arbitrary keys and values of the given type.
    Map(&'static Ty),
}

impl Ty {
    /// The object type reached through any lists and maps (`[Template]` → `Template`).
    pub fn target(&self) -> Option<&'static TypeDef> {
        match self {
            Ty::Ref(t) => Some(t),
            Ty::Array(inner) | Ty::Map(inner) => inner.target(),
            _ => None,
        }
    }

    /// Short spelling used in docs and messages: `string`, `[Parameter]`, `map[string]string`.
    pub fn display(&self) -> String {
        match self {
            Ty::String => "string".into(),
            Ty::Bool => "boolean".into(),
            Ty::Int => "integer".into(),
            Ty::Number => "number".into(),
            Ty::IntOrString => "IntOrString".into(),
            Ty::Quantity => "Quantity".into(),
            Ty::Duration => "Duration".into(),
            Ty::Time => "Time".into(),
            Ty::Bytes => "bytes (base64 string)".into(),
            Ty::AnyString => "AnyString".into(),
            Ty::Any => "any".into(),
            Ty::Ref(t) => t.name.into(),
            Ty::Array(inner) => format!("[{}]", inner.display()),
            Ty::Map(inner) => format!("map[string]{}", inner.display()),
        }
    }

    /// One sentence on how to write a value of this type (scalars only).
    pub fn value_help(&self) -> Option<&'static str> {
        Some(match self {
            Ty::IntOrString => {
                "an integer, or a string (a name, a percentage or a `{{...}}` expression)"
            }
            Ty::Quantity => {
                "a number or a Kubernetes quantity string: `250m` (millicores), `1.5`, `512Mi`, `2Gi`, `1e3`"
            }
            Ty::Duration => {
                "a string: whole seconds (`\"30\"`) or a duration with units (`\"90s\"`, `\"5m\"`, `\"1h30m\"`); quote it"
            }
            Ty::Time => "an RFC 3339 timestamp such as `2024-01-31T12:00:00Z`",
            Ty::AnyString => "a string, number or boolean; Argo treats it as text",
            Ty::Any => "any value: string, number, boolean, list or object",
            Ty::Bytes => "base64-encoded bytes in a string",
            _ => return None,
        })
    }
}

impl PartialEq for Ty {
    fn eq(&self, other: &Ty) -> bool {
        match (self, other) {
            (Ty::Ref(a), Ty::Ref(b)) => a.id == b.id,
            (Ty::Array(a), Ty::Array(b)) | (Ty::Map(a), Ty::Map(b)) => a == b,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

impl fmt::Debug for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// What a type's values look like.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// An object with the listed fields and no others.
    Object,
    /// An object with arbitrary content (e.g. a plugin's configuration).
    FreeObject,
    /// Any JSON value (e.g. an item of `withItems`).
    Any,
    /// Another name for a value type (e.g. `ParallelSteps` = `[WorkflowStep]`).
    Alias(Ty),
}

/// One field of a type.
#[derive(Clone, Copy, Debug)]
pub struct FieldDef {
    /// The key as written in YAML (`retryStrategy`).
    pub name: &'static str,
    pub ty: Ty,
    /// Argo versions in which the field exists (from the facts table).
    pub versions: Versions,
    /// Argo versions in which the field must be present whenever its parent is.
    pub required: Versions,
    /// Closed set of allowed values (for a list of strings: of each item); empty when open.
    pub enum_values: &'static [&'static str],
    /// The value Argo or Kubernetes uses when the field is absent, as written in YAML.
    pub default: Option<&'static str>,
    /// What the field does, in argolint's own words. Short or empty for Kubernetes fields.
    pub description: &'static str,
    /// Why the field is deprecated and what to use instead.
    pub deprecated: Option<&'static str>,
}

impl FieldDef {
    /// A field with a name and a type, present in every version until restricted; the builders
    /// below fill in the rest (Argo fields get their versions from the facts table).
    pub const fn new(name: &'static str, ty: Ty) -> FieldDef {
        FieldDef {
            name,
            ty,
            versions: Versions::ALL,
            required: Versions::NONE,
            enum_values: &[],
            default: None,
            description: "",
            deprecated: None,
        }
    }

    pub const fn enums(mut self, values: &'static [&'static str]) -> FieldDef {
        self.enum_values = values;
        self
    }

    pub const fn default(mut self, value: &'static str) -> FieldDef {
        self.default = Some(value);
        self
    }

    pub const fn deprecated(mut self, why: &'static str) -> FieldDef {
        self.deprecated = Some(why);
        self
    }

    /// Restrict the field to some versions (for fields whose type changed between releases).
    pub const fn within(mut self, versions: Versions) -> FieldDef {
        self.versions = self.versions.intersect(versions);
        self.required = self.required.intersect(versions);
        self
    }

    pub const fn exists_in(&self, v: ArgoVersion) -> bool {
        self.versions.contains(v)
    }

    pub const fn is_required_in(&self, v: ArgoVersion) -> bool {
        self.required.contains(v)
    }
}

/// A type of the API: an Argo definition or an embedded Kubernetes one.
#[derive(Debug)]
pub struct TypeDef {
    /// Short name (`RetryStrategy`, `Container`). Unique except that Kubernetes'
    /// probe header is named `HTTPHeader` like Argo's; the Argo one wins in name look-ups.
    pub name: &'static str,
    /// Upstream definition id, also the key in the published schema's `definitions`.
    pub id: &'static str,
    pub origin: Origin,
    pub description: &'static str,
    pub shape: Shape,
    /// The type's own fields.
    pub fields: &'static [FieldDef],
    /// Fields inherited from an embedded Kubernetes type (e.g. a script template is also a
    /// `Container`), with the embedding type's versions and required-ness.
    pub embedded: &'static [FieldDef],
    /// Name of the embedded type, for docs.
    pub embeds: Option<&'static str>,
    /// Versions in which the type is reachable from the four kinds.
    pub versions: Versions,
}

impl TypeDef {
    /// Every field (own, then embedded), in every version.
    pub fn all_fields(&self) -> impl Iterator<Item = &'static FieldDef> + use<> {
        let own: &'static [FieldDef] = self.fields;
        let emb: &'static [FieldDef] = self.embedded;
        own.iter().chain(
            emb.iter()
                .filter(move |e| !own.iter().any(|o| o.name == e.name)),
        )
    }

    /// Fields that exist in `v`.
    pub fn fields_in(&self, v: ArgoVersion) -> impl Iterator<Item = &'static FieldDef> + use<> {
        self.all_fields().filter(move |f| f.exists_in(v))
    }

    /// The field called `name` in `v`, if any.
    pub fn field_in(&self, name: &str, v: ArgoVersion) -> Option<&'static FieldDef> {
        self.all_fields().find(|f| f.name == name && f.exists_in(v))
    }

    /// The field called `name` in any version (newest definition first when its type changed).
    pub fn field(&self, name: &str) -> Option<&'static FieldDef> {
        let mut best: Option<&'static FieldDef> = None;
        for f in self.all_fields().filter(|f| f.name == name) {
            if best.is_none_or(|b| f.versions.last() > b.versions.last()) {
                best = Some(f);
            }
        }
        best
    }

    /// Names of the fields valid in `v`, for "did you mean" suggestions.
    pub fn field_names(&self, v: ArgoVersion) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.fields_in(v).map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

impl PartialEq for TypeDef {
    fn eq(&self, other: &TypeDef) -> bool {
        self.id == other.id
    }
}

/// `a == b` for strings, usable in `const fn`.
pub(crate) const fn str_eq(a: &str, b: &str) -> bool {
    matches!(str_cmp(a, b), std::cmp::Ordering::Equal)
}

/// Byte-wise ordering of strings, usable in `const fn`.
pub(crate) const fn str_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] < b[i] {
            return std::cmp::Ordering::Less;
        }
        if a[i] > b[i] {
            return std::cmp::Ordering::Greater;
        }
        i += 1;
    }
    if a.len() < b.len() {
        std::cmp::Ordering::Less
    } else if a.len() > b.len() {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_sets_compose() {
        let since36 = Versions::since(ArgoVersion::V3_6);
        assert!(since36.contains(ArgoVersion::V4_1));
        assert!(!since36.contains(ArgoVersion::V3_5));
        let until37 = Versions::until(ArgoVersion::V3_7);
        assert!(until37.contains(ArgoVersion::V3_4) && !until37.contains(ArgoVersion::V4_0));
        assert_eq!(
            since36.intersect(until37).iter().collect::<Vec<_>>(),
            vec![ArgoVersion::V3_6, ArgoVersion::V3_7]
        );
        assert_eq!(Versions::since(ArgoVersion::V3_4), Versions::ALL);
    }

    #[test]
    fn version_sets_display() {
        assert_eq!(Versions::ALL.to_string(), "all modelled (v3.4–v4.1)");
        assert_eq!(Versions::since(ArgoVersion::V3_6).to_string(), "v3.6+");
        assert_eq!(Versions::until(ArgoVersion::V3_7).to_string(), "v3.4–v3.7");
        assert_eq!(Versions::only(ArgoVersion::V4_1).to_string(), "v4.1+");
        assert_eq!(Versions::only(ArgoVersion::V3_5).to_string(), "v3.5 only");
        let gap = Versions::only(ArgoVersion::V3_4).union(Versions::only(ArgoVersion::V4_0));
        assert_eq!(gap.to_string(), "v3.4, v4.0");
        assert_eq!(Versions::NONE.to_string(), "none");
    }

    #[test]
    fn const_string_ordering() {
        use std::cmp::Ordering::*;
        assert_eq!(str_cmp("a", "b"), Less);
        assert_eq!(str_cmp("ab", "a"), Greater);
        assert_eq!(str_cmp("Template", "Template"), Equal);
        assert!(str_eq("x", "x") && !str_eq("x", "xy"));
    }
}

/// A constraint that a release's full CRDs put on a field's value, beyond its type and
/// required-ness (generated into `facts::CRD_RULES`). The Kubernetes API server enforces
/// them only where those CRDs are installed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrdRule {
    /// The value must be one of these strings.
    Enum(&'static [&'static str]),
    /// The string must match this regular expression.
    Pattern(&'static str),
    Minimum(i64),
    Maximum(i64),
    MinItems(u64),
    MaxItems(u64),
    MinLength(u64),
    MaxLength(u64),
    /// Every string of the list must match this regular expression.
    ItemPattern(&'static str),
    /// The value may be an integer or a string (so a `{{…}}` expression passes).
    IntOrString,
}
