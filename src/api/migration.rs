//! Fields Argo removed, with what replaces them: the one table that schema validation, the
//! `removed-field` rule and `deprecated-field` consult.

use super::ArgoVersion;

/// A field that Argo deprecated and then removed.
pub struct Migration {
    pub field: &'static str,
    pub deprecated: Option<ArgoVersion>,
    pub removed: ArgoVersion,
    /// The list field that replaces it, when the value moves as it is.
    pub plural: Option<&'static str>,
    pub advice: &'static str,
}

pub const SCHEDULE: Migration = Migration {
    field: "schedule",
    deprecated: Some(ArgoVersion::V3_6),
    removed: ArgoVersion::V4_0,
    plural: Some("schedules"),
    advice: "",
};
pub const MUTEX: Migration = Migration {
    field: "mutex",
    deprecated: Some(ArgoVersion::V3_6),
    removed: ArgoVersion::V4_0,
    plural: Some("mutexes"),
    advice: "",
};
pub const SEMAPHORE: Migration = Migration {
    field: "semaphore",
    deprecated: Some(ArgoVersion::V3_6),
    removed: ArgoVersion::V4_0,
    plural: Some("semaphores"),
    advice: "",
};
pub const POD_PRIORITY: Migration = Migration {
    field: "podPriority",
    deprecated: None,
    removed: ArgoVersion::V3_7,
    plural: None,
    advice: "set `podPriorityClassName` to a PriorityClass instead",
};
pub const TEMPLATE_PRIORITY: Migration = Migration {
    field: "priority",
    deprecated: None,
    removed: ArgoVersion::V3_7,
    plural: None,
    advice: "set `podPriorityClassName` on the workflow to a PriorityClass instead",
};

/// The model types whose fields have a migration (`removed-field` reports them).
pub const MIGRATIONS: [(&str, &Migration); 5] = [
    ("CronWorkflowSpec", &SCHEDULE),
    ("Synchronization", &MUTEX),
    ("Synchronization", &SEMAPHORE),
    ("WorkflowSpec", &POD_PRIORITY),
    ("Template", &TEMPLATE_PRIORITY),
];

/// Whether `removed-field` reports `field` of the model type `t` (schema validation and
/// `deprecated-field` then leave it alone).
pub fn handles(t: &super::TypeDef, field: &str) -> bool {
    MIGRATIONS
        .iter()
        .any(|(ty, m)| *ty == t.name && m.field == field)
}

/// The removed field that `plural` replaces in the model type `t` (`schedules` → `schedule`).
pub fn replaced_by(t: &super::TypeDef, plural: &str) -> Option<&'static str> {
    MIGRATIONS
        .iter()
        .find(|(ty, m)| *ty == t.name && m.plural == Some(plural))
        .map(|(_, m)| m.field)
}

/// The list field that replaces `field` of the model type `t` (`schedule` → `schedules`).
pub fn plural_of(t: &super::TypeDef, field: &str) -> Option<&'static str> {
    MIGRATIONS
        .iter()
        .find(|(ty, m)| *ty == t.name && m.field == field)
        .and_then(|(_, m)| m.plural)
}
