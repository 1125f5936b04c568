//! Fields Argo removed, with what replaces them: the one table that schema validation, the
//! `removed-field` rule and `deprecated-field` consult. Also the fields of other Kubernetes
//! kinds that people carry over to Argo documents ([`HABITS`]), with Argo's equivalent, which
//! `unknown-field` names.

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

/// A field of another Kubernetes kind (a Job's, a CronJob's) written where Argo has no such
/// field, with what does the same in Argo.
pub struct Habit {
    /// The model types where the key is unknown (in every release: the test below holds it).
    pub types: &'static [&'static str],
    pub key: &'static str,
    /// Where the key comes from: "a Kubernetes Job field".
    pub origin: &'static str,
    /// Argo's equivalent, as the message names it: `` `ttlStrategy.secondsAfterCompletion` ``.
    pub equivalent: &'static str,
    /// How to write it.
    pub advice: &'static str,
    /// The field of the same type that takes the value as it is, when there is one (a fix).
    pub rename: Option<&'static str>,
}

const CONTAINERS: &[&str] = &[
    "Container",
    "ScriptTemplate",
    "UserContainer",
    "ContainerNode",
];
const JOB: &str = "a Kubernetes Job field";

/// Kubernetes Job (and CronJob) habits on Argo documents: the one table of them.
pub const HABITS: &[Habit] = &[
    Habit {
        types: &["WorkflowSpec"],
        key: "ttlSecondsAfterFinished",
        origin: JOB,
        equivalent: "`ttlStrategy.secondsAfterCompletion`",
        advice: "write `ttlStrategy: {secondsAfterCompletion: N}` in the workflow spec (`secondsAfterSuccess` and `secondsAfterFailure` set separate delays)",
        rename: None,
    },
    Habit {
        types: &["Template"],
        key: "ttlSecondsAfterFinished",
        origin: JOB,
        equivalent: "`ttlStrategy.secondsAfterCompletion` of the workflow spec",
        advice: "Argo deletes whole workflows, not templates: write `ttlStrategy: {secondsAfterCompletion: N}` in the workflow spec",
        rename: None,
    },
    Habit {
        types: &["TTLStrategy"],
        key: "ttlSecondsAfterFinished",
        origin: JOB,
        equivalent: "`secondsAfterCompletion`",
        advice: "`ttlStrategy` takes `secondsAfterCompletion`, `secondsAfterSuccess` and `secondsAfterFailure`",
        rename: Some("secondsAfterCompletion"),
    },
    Habit {
        types: &["WorkflowSpec"],
        key: "backoffLimit",
        origin: JOB,
        equivalent: "`retryStrategy.limit`",
        advice: "write `retryStrategy: {limit: N}` in the workflow spec (it applies to every template without its own) or on the templates that should be retried",
        rename: None,
    },
    Habit {
        types: &["Template"],
        key: "backoffLimit",
        origin: JOB,
        equivalent: "`retryStrategy.limit`",
        advice: "write `retryStrategy: {limit: N}` on the template",
        rename: None,
    },
    Habit {
        types: &["RetryStrategy"],
        key: "backoffLimit",
        origin: JOB,
        equivalent: "`limit`",
        advice: "`retryStrategy.limit` is the number of retries after the first attempt",
        rename: Some("limit"),
    },
    Habit {
        types: &["WorkflowSpec", "Template"],
        key: "restartPolicy",
        origin: "a field of a Kubernetes Job's pod template",
        equivalent: "`retryStrategy.retryPolicy`",
        advice: "Argo creates its pods with `restartPolicy: Never` and runs a failed step again through `retryStrategy`: e.g. `retryStrategy: {limit: 3, retryPolicy: OnFailure}` (`Always` also retries errors such as a deleted pod)",
        rename: None,
    },
    Habit {
        types: &["WorkflowSpec", "Template"],
        key: "podFailurePolicy",
        origin: JOB,
        equivalent: "`retryStrategy.expression`",
        advice: "decide per failure with `retryStrategy.expression`, e.g. `expression: \"asInt(lastRetry.exitCode) != 2\"`",
        rename: None,
    },
    Habit {
        types: &["WorkflowSpec", "Template"],
        key: "completions",
        origin: JOB,
        equivalent: "a loop (`withItems`, `withSequence`, `withParam`) on a step or DAG task",
        advice: "run a template several times from a step or DAG task with `withSequence: {count: \"N\"}` (and pace it with `parallelism`)",
        rename: None,
    },
    Habit {
        types: CONTAINERS,
        key: "activeDeadlineSeconds",
        origin: "a pod or Job field",
        equivalent: "`activeDeadlineSeconds` of the template",
        advice: "move `activeDeadlineSeconds` up to the template (or to the workflow spec, for the whole workflow)",
        rename: None,
    },
    Habit {
        types: &["CronWorkflowSpec"],
        key: "jobTemplate",
        origin: "a Kubernetes CronJob field",
        equivalent: "`workflowSpec`",
        advice: "a CronWorkflow runs the workflow spec under `workflowSpec` (with `entrypoint` and `templates`)",
        rename: None,
    },
];

/// The habit for `key` in the model type `t`, if `key` is one.
pub fn habit(t: &super::TypeDef, key: &str) -> Option<&'static Habit> {
    HABITS
        .iter()
        .find(|h| h.key == key && h.types.contains(&t.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hint only where the key is unknown: the type exists and has no such field in any
    /// release (where it has one, the key is valid or `unsupported-field` says which release).
    #[test]
    fn habits_name_keys_that_are_unknown_where_they_are_listed() {
        for h in HABITS {
            for ty in h.types {
                let t = super::super::lookup_type(ty)
                    .unwrap_or_else(|| panic!("{}: no model type {ty}", h.key));
                assert!(
                    t.all_fields().all(|f| f.name != h.key),
                    "`{}` is a field of {ty}: no habit there",
                    h.key
                );
                if let Some(r) = h.rename {
                    let f = t
                        .field(r)
                        .unwrap_or_else(|| panic!("{ty} has no `{r}` to rename to"));
                    assert!(
                        crate::api::ArgoVersion::ALL.iter().all(|v| f.exists_in(*v)),
                        "{ty}.{r} is not in every release"
                    );
                }
            }
        }
        // `restartPolicy` is a container field from v3.6 on: listed only where it is not.
        assert!(
            super::super::lookup_field("Container", "restartPolicy").is_some()
                && !HABITS
                    .iter()
                    .any(|h| h.key == "restartPolicy" && h.types.contains(&"Container"))
        );
    }
}
