//! The Argo API model: every field of the four kinds, typed, documented and versioned.
//!
//! See `docs/api-model.md` for the design and how the engine wires it.
//!
//! - [`version`]: the release lines argolint models ([`ArgoVersion`]).
//! - [`types`]: the vocabulary ([`TypeDef`], [`FieldDef`], [`Ty`], [`Versions`]).
//! - [`argo`]: the Argo types, written by hand (descriptions in our own words).
//! - [`facts`]: generated from upstream's schemas: versions of Argo fields, Kubernetes types.
//! - [`schema`]: the JSON Schema generated from the model (committed under `schemas/`).
//! - [`explain`]: field paths → type, values, default, versions, description, risk rules.
//! - [`docs`]: the Markdown field reference (committed under `docs/fields/`).
//! - [`walk`]: visits a document's fields along the model (for rules that read the model).
//! - [`k8s_names`]: Kubernetes' rules for names, label keys and values, annotation keys.

pub mod argo;
#[rustfmt::skip] // generated; its staleness test compares text
pub mod facts;
mod k8s_docs;
pub mod k8s_names;
pub mod migration;
pub mod schema;
pub mod types;
pub mod version;
pub mod walk;

pub use types::{CrdRule, FieldDef, Origin, Shape, Ty, TypeDef, Versions};
pub use version::ArgoVersion;

use std::fmt;
use std::str::FromStr;

/// The four Argo kinds argolint lints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Workflow,
    WorkflowTemplate,
    ClusterWorkflowTemplate,
    CronWorkflow,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Workflow,
        Kind::WorkflowTemplate,
        Kind::ClusterWorkflowTemplate,
        Kind::CronWorkflow,
    ];

    /// The `kind:` value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Workflow => "Workflow",
            Kind::WorkflowTemplate => "WorkflowTemplate",
            Kind::ClusterWorkflowTemplate => "ClusterWorkflowTemplate",
            Kind::CronWorkflow => "CronWorkflow",
        }
    }

    /// The kind for a `kind:` value (exact, as Kubernetes matches it).
    pub fn from_kind(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Accepts the exact kind or any capitalisation of it (`cronworkflow`).
impl FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!(
                    "`{s}` is not an Argo kind argolint models; choose one of {}",
                    Kind::ALL.map(|k| k.as_str()).join(", ")
                )
            })
    }
}

/// The type of a whole document of `kind` (e.g. [`argo::Workflow`]).
/// The constraints the full CRDs of `v` put on `type_name.field` (`facts::CRD_RULES`).
pub fn crd_rules(type_name: &str, field: &str, v: ArgoVersion) -> impl Iterator<Item = CrdRule> {
    let table = facts::CRD_RULES;
    let start = table.partition_point(|(t, f, _, _)| (*t, *f) < (type_name, field));
    table[start..]
        .iter()
        .take_while(move |(t, f, _, _)| *t == type_name && *f == field)
        .filter(move |(_, _, vs, _)| vs.contains(v))
        .map(|(_, _, _, r)| *r)
}

/// Whether `s` matches `pattern`, one of the CRDs' patterns (compiled once, on first use).
pub fn crd_pattern_matches(pattern: &'static str, s: &str) -> bool {
    use std::sync::OnceLock;
    static COMPILED: OnceLock<Vec<(&'static str, regex::Regex)>> = OnceLock::new();
    let all = COMPILED.get_or_init(|| {
        let mut out: Vec<(&'static str, regex::Regex)> = Vec::new();
        for (_, _, _, r) in facts::CRD_RULES {
            if let CrdRule::Pattern(p) | CrdRule::ItemPattern(p) = r
                && !out.iter().any(|(q, _)| q == p)
                && let Ok(re) = regex::Regex::new(p)
            {
                out.push((p, re));
            }
        }
        out
    });
    all.iter()
        .find(|(p, _)| *p == pattern)
        .is_none_or(|(_, re)| re.is_match(s))
}

pub fn root_type(kind: Kind) -> &'static TypeDef {
    match kind {
        Kind::Workflow => &argo::Workflow,
        Kind::WorkflowTemplate => &argo::WorkflowTemplate,
        Kind::ClusterWorkflowTemplate => &argo::ClusterWorkflowTemplate,
        Kind::CronWorkflow => &argo::CronWorkflow,
    }
}

/// Every type of the model: Argo types first, then Kubernetes ones.
pub fn all_types() -> impl Iterator<Item = &'static TypeDef> {
    argo::ALL.iter().chain(facts::k8s::ALL.iter()).copied()
}

/// A type by short name (`RetryStrategy`, `Container`) or upstream id
/// (`io.k8s.api.core.v1.Container`). A short name shared by an Argo and a Kubernetes type
/// (`HTTPHeader`) gives the Argo one; use the id for the other.
/// The kinds of artifact location (`s3`, `git`, `raw`, …) in any modelled release: the
/// fields of `ArtifactLocation` other than `archiveLogs`.
pub fn artifact_locations() -> impl Iterator<Item = &'static str> {
    lookup_type("ArtifactLocation")
        .into_iter()
        .flat_map(|t| t.all_fields())
        .map(|f| f.name)
        .filter(|n| *n != "archiveLogs")
}

/// Follow aliases (`ParallelSteps` = `[WorkflowStep]`) to the object type.
pub fn through_aliases(mut t: &'static TypeDef) -> &'static TypeDef {
    for _ in 0..4 {
        match t.shape {
            Shape::Alias(ty) => match ty.target() {
                Some(next) => t = next,
                None => break,
            },
            _ => break,
        }
    }
    t
}

pub fn lookup_type(name: &str) -> Option<&'static TypeDef> {
    all_types().find(|t| t.name == name || t.id == name)
}

/// A field of a type, in any modelled version (see [`FieldDef::versions`]). When a field's
/// type changed between releases, this gives the newest definition; use
/// [`lookup_field_in`] for a given target.
pub fn lookup_field(type_name: &str, field: &str) -> Option<&'static FieldDef> {
    lookup_type(type_name)?.field(field)
}

/// A field of a type as it is in version `v` (`None` if the target does not have it).
pub fn lookup_field_in(type_name: &str, field: &str, v: ArgoVersion) -> Option<&'static FieldDef> {
    lookup_type(type_name)?.field_in(field, v)
}

/// The field names valid in a type in version `v`, sorted: the candidates for "did you mean".
pub fn field_names(type_name: &str, v: ArgoVersion) -> Vec<&'static str> {
    lookup_type(type_name)
        .map(|t| t.field_names(v))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_argo_field_is_documented_and_exists_somewhere() {
        let mut n = 0;
        for t in argo::ALL {
            assert!(!t.description.is_empty(), "{} has no description", t.name);
            assert!(!t.versions.is_empty(), "{} is in no version", t.name);
            for f in t.fields {
                n += 1;
                assert!(
                    !f.versions.is_empty(),
                    "{}.{} is in no version (not upstream?)",
                    t.name,
                    f.name
                );
                assert!(
                    f.description.len() > 10,
                    "{}.{} needs a description",
                    t.name,
                    f.name
                );
                assert!(!f.description.contains("TODO"), "{}.{}", t.name, f.name);
                if let Some(d) = f.default
                    && !f.enum_values.is_empty()
                {
                    assert!(
                        f.enum_values.contains(&d),
                        "{}.{} default not allowed",
                        t.name,
                        f.name
                    );
                }
            }
        }
        assert!(n > 550, "only {n} Argo fields");
    }

    #[test]
    fn a_field_listed_twice_has_disjoint_versions() {
        for t in all_types() {
            for (i, a) in t.fields.iter().enumerate() {
                for b in &t.fields[i + 1..] {
                    if a.name == b.name {
                        assert!(
                            a.versions.intersect(b.versions).is_empty(),
                            "{}.{} overlaps",
                            t.name,
                            a.name
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn lookups_find_fields_types_and_versions() {
        let f = lookup_field("RetryStrategy", "retryPolicy").unwrap();
        assert_eq!(
            f.enum_values,
            ["Always", "OnFailure", "OnError", "OnTransientError"]
        );
        assert_eq!(f.default, Some("OnFailure"));
        let sched = lookup_field("CronWorkflowSpec", "schedule").unwrap();
        assert!(sched.exists_in(ArgoVersion::V3_7) && !sched.exists_in(ArgoVersion::V4_0));
        assert!(sched.deprecated.is_some());
        assert!(lookup_field_in("CronWorkflowSpec", "schedule", ArgoVersion::V4_1).is_none());
        let pr = lookup_field("Template", "podResources").unwrap();
        assert_eq!(pr.versions, Versions::only(ArgoVersion::V4_1));
        // Embedded container fields are found through container-like types.
        let img = lookup_field("ScriptTemplate", "image").unwrap();
        assert!(!img.is_required_in(ArgoVersion::V4_1));
        let img = lookup_field("UserContainer", "image").unwrap();
        assert!(!img.is_required_in(ArgoVersion::V4_1));
        assert_eq!(
            lookup_field("Container", "imagePullPolicy")
                .unwrap()
                .enum_values
                .len(),
            3
        );
        // Types whose field changed type: one definition per version.
        let cm4 = lookup_field_in("Cache", "configMap", ArgoVersion::V4_0).unwrap();
        let cm3 = lookup_field_in("Cache", "configMap", ArgoVersion::V3_7).unwrap();
        assert_eq!(cm4.ty.target().unwrap().name, "LocalObjectReference");
        assert_eq!(cm3.ty.target().unwrap().name, "ConfigMapKeySelector");
        assert_eq!(lookup_field("Cache", "configMap").unwrap().ty, cm4.ty);
        assert!(lookup_field("RetryStrategy", "retryStratgy").is_none());
        assert!(lookup_type("NoSuchType").is_none());
        assert_eq!(
            lookup_type("io.k8s.api.core.v1.HTTPHeader").unwrap().origin,
            Origin::Kubernetes
        );
        assert_eq!(lookup_type("HTTPHeader").unwrap().origin, Origin::Argo);
    }

    #[test]
    fn sibling_names_follow_the_target_version() {
        let v41 = field_names("Synchronization", ArgoVersion::V4_1);
        assert_eq!(v41, ["mutexes", "semaphores"]);
        let v36 = field_names("Synchronization", ArgoVersion::V3_6);
        assert_eq!(v36, ["mutex", "mutexes", "semaphore", "semaphores"]);
        assert!(field_names("ScriptTemplate", ArgoVersion::V4_1).contains(&"image"));
        assert!(field_names("Nope", ArgoVersion::V4_1).is_empty());
    }

    #[test]
    fn kinds_and_roots() {
        for k in Kind::ALL {
            let t = root_type(k);
            assert_eq!(t.name, k.as_str());
            let kind = t.field("kind").unwrap();
            assert_eq!(kind.enum_values, [k.as_str()]);
            assert_eq!("cronworkflow".parse::<Kind>(), Ok(Kind::CronWorkflow));
        }
        assert!("Pod".parse::<Kind>().is_err());
        assert_eq!(Kind::from_kind("Workflow"), Some(Kind::Workflow));
        assert_eq!(Kind::from_kind("workflow"), None);
        let cron = root_type(Kind::CronWorkflow)
            .field("spec")
            .unwrap()
            .ty
            .target()
            .unwrap();
        assert!(cron.field("workflowSpec").is_some());
    }
}
#[cfg(test)]
mod crd_rule_tests {
    use super::*;
    #[test]
    fn schedules_have_an_item_pattern() {
        let rules: Vec<CrdRule> =
            crd_rules("CronWorkflowSpec", "schedules", ArgoVersion::V4_1).collect();
        assert!(
            rules.iter().any(|r| matches!(r, CrdRule::ItemPattern(_))),
            "{rules:?}"
        );
        let CrdRule::ItemPattern(p) = rules
            .iter()
            .find(|r| matches!(r, CrdRule::ItemPattern(_)))
            .copied()
            .unwrap()
        else {
            unreachable!()
        };
        assert!(crd_pattern_matches(p, "0 3 * * MON-FRI"));
        assert!(!crd_pattern_matches(p, "CRON_TZ=Asia/Tokyo 0 0 1 */2 ?"));
    }
}
