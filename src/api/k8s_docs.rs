//! Hand-written knowledge about the embedded Kubernetes types that the facts cannot carry:
//! closed value sets, defaults and short descriptions, in argolint's own words.
//!
//! The generated [`super::facts`] calls [`field`] for every Kubernetes field; fields not listed
//! here get no description (Kubernetes' own reference covers them).

use super::model::{FieldDef, Ty, Versions, str_eq};

const PULL_POLICY: &[&str] = &["Always", "IfNotPresent", "Never"];
const PROFILE_TYPES: &[&str] = &["RuntimeDefault", "Localhost", "Unconfined"];
const SELECTOR_OPS: &[&str] = &["In", "NotIn", "Exists", "DoesNotExist"];

/// `(type, field, description, allowed values, default)`.
type Entry = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    Option<&'static str>,
);

#[rustfmt::skip]
const FIELDS: &[Entry] = &[
    // Container (also what script templates, sidecars, init containers and container-set
    // nodes inherit).
    ("Container", "args", "Arguments passed to the command (or to the image's entrypoint when `command` is unset). Argo substitutes `{{...}}` expressions first; `$(VAR)` is expanded by Kubernetes from `env`.", &[], None),
    ("Container", "command", "Replaces the image's entrypoint. It is not run through a shell: write `[sh, -c, \"...\"]` if you need pipes or globbing.", &[], None),
    ("Container", "env", "Environment variables set in the container, as literal values or taken from secrets, config maps or pod fields.", &[], None),
    ("Container", "envFrom", "Imports every key of a config map or secret as environment variables.", &[], None),
    ("Container", "image", "The container image to run, e.g. `python:3.12-alpine`. Pin a tag or digest: `latest` changes under you and forces a pull on every run.", &[], None),
    ("Container", "imagePullPolicy", "When the kubelet pulls the image. Unset means `Always` for `:latest` (or no tag) and `IfNotPresent` otherwise.", PULL_POLICY, None),
    ("Container", "lifecycle", "Hooks run right after the container starts or before it is stopped. In Argo pods a slow or failing hook delays or fails the step.", &[], None),
    ("Container", "livenessProbe", "Restarts the container when the check fails. Rarely useful in workflow steps, which are meant to run to completion.", &[], None),
    ("Container", "name", "The container's name within the pod. Argo names the main container `main` when you leave it out; sidecar and container-set names must be unique.", &[], None),
    ("Container", "ports", "Ports the container listens on. Informational for most steps; daemon steps and sidecars use them to document their service.", &[], None),
    ("Container", "readinessProbe", "Marks the container ready when the check passes. For `daemon: true` templates Argo waits for readiness before moving on.", &[], None),
    ("Container", "resizePolicy", "How the container reacts when its CPU or memory is resized in place.", &[], None),
    ("Container", "resources", "CPU, memory and other resources the container requests (used for scheduling) and may not exceed (limits). Without requests the step can land on a full node; without a memory limit it can starve its neighbours.", &[], None),
    ("Container", "restartPolicy", "Per-container restart behaviour; in Kubernetes mostly used to turn an init container into a sidecar (`Always`).", &[], None),
    ("Container", "restartPolicyRules", "Rules, checked in order, that decide whether the container is restarted after it exits (by exit code).", &[], None),
    ("Container", "securityContext", "Security settings for this container (user, privileges, capabilities, read-only root filesystem); overrides the pod-level security context.", &[], None),
    ("Container", "startupProbe", "Holds off the other probes until it succeeds once; for containers that start slowly.", &[], None),
    ("Container", "stdin", "Keeps a stdin stream open for the container. Workflow steps have no one to type into it.", &[], None),
    ("Container", "stdinOnce", "Closes stdin after the first client detaches. Only meaningful with `stdin: true`.", &[], None),
    ("Container", "terminationMessagePath", "File whose content becomes the container's termination message.", &[], Some("/dev/termination-log")),
    ("Container", "terminationMessagePolicy", "Where the termination message comes from: the file only, or the end of the log when the file is empty and the container failed.", &["File", "FallbackToLogsOnError"], Some("File")),
    ("Container", "tty", "Allocates a terminal for the container (needs `stdin: true`).", &[], None),
    ("Container", "volumeDevices", "Raw block devices from volumes, exposed inside the container at a device path.", &[], None),
    ("Container", "volumeMounts", "Where volumes of the pod (the template's or workflow's `volumes`, or claims from `volumeClaimTemplates`) are mounted in this container.", &[], None),
    ("Container", "workingDir", "Directory the command starts in; the image's default when unset.", &[], None),
    ("ContainerPort", "containerPort", "The port number the container listens on.", &[], None),
    ("ContainerPort", "protocol", "Network protocol of the port.", &["TCP", "UDP", "SCTP"], Some("TCP")),
    ("ContainerResizePolicy", "resourceName", "Resource this policy applies to.", &["cpu", "memory"], None),
    ("ContainerResizePolicy", "restartPolicy", "Whether resizing this resource restarts the container.", &["NotRequired", "RestartContainer"], Some("NotRequired")),
    ("ContainerRestartRule", "action", "What to do when the rule matches.", &["Restart"], None),
    ("ContainerRestartRuleOnExitCodes", "operator", "Whether the exit code must be in, or not in, `values`.", &["In", "NotIn"], None),
    ("EnvVar", "name", "Name of the environment variable.", &[], None),
    ("EnvVar", "value", "Literal value. Must be a string: quote numbers and booleans (`\"8080\"`, `\"true\"`).", &[], None),
    ("EnvVar", "valueFrom", "Takes the value from a secret, config map, pod field or resource instead of a literal.", &[], None),
    ("HTTPGetAction", "scheme", "Protocol used for the probe request.", &["HTTP", "HTTPS"], Some("HTTP")),
    ("HostPathVolumeSource", "type", "What must exist at the host path; empty skips the check.", &["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"], Some("")),
    ("ImageVolumeSource", "pullPolicy", "When the kubelet pulls the image used as a volume.", PULL_POLICY, None),
    ("LabelSelectorRequirement", "operator", "How the label's value is compared with `values`.", SELECTOR_OPS, None),
    ("NodeSelectorRequirement", "operator", "How the node label's value is compared with `values` (`Gt`/`Lt` compare integers).", &["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"], None),
    ("ObjectMeta", "annotations", "Free-form string key/value pairs for tools; values must be strings (quote numbers and booleans).", &[], None),
    ("ObjectMeta", "generateName", "Prefix for a server-generated unique name, e.g. `hello-` gives `hello-x7k2p`. Used by `kubectl create` and `argo submit`; `kubectl apply` needs a fixed `name`.", &[], None),
    ("ObjectMeta", "labels", "String key/value pairs used to select and group objects; values must be strings (quote numbers and booleans).", &[], None),
    ("ObjectMeta", "name", "The object's name, unique per kind within its namespace (cluster-wide for cluster-scoped kinds).", &[], None),
    ("ObjectMeta", "namespace", "Namespace the object lives in; the one you submit to when unset. Ignored for cluster-scoped kinds.", &[], None),
    ("PersistentVolumeClaimSpec", "accessModes", "How the volume may be mounted: by one node read-write, by many read-only, by many read-write, or by a single pod.", &["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"], None),
    ("PersistentVolumeClaimSpec", "volumeMode", "Whether the volume is mounted as a filesystem or exposed as a raw block device.", &["Filesystem", "Block"], Some("Filesystem")),
    ("PodDisruptionBudgetSpec", "unhealthyPodEvictionPolicy", "Whether pods that are running but not ready may be evicted regardless of the budget.", &["IfHealthyBudget", "AlwaysAllow"], None),
    ("PodSecurityContext", "fsGroupChangePolicy", "When volume ownership is changed to `fsGroup`: always, or only when the root of the volume does not match.", &["OnRootMismatch", "Always"], None),
    ("PodSecurityContext", "seLinuxChangePolicy", "How SELinux labels are applied to volumes.", &["MountOption", "Recursive"], None),
    ("PodSecurityContext", "supplementalGroupsPolicy", "Whether the image's own group memberships are merged with `supplementalGroups`.", &["Merge", "Strict"], None),
    ("ResourceRequirements", "claims", "Dynamic resource claims (from the pod's `resourceClaims`) this container uses.", &[], None),
    ("ResourceRequirements", "limits", "Upper bounds, e.g. `cpu: 500m`, `memory: 256Mi`. Exceeding the memory limit kills the container (OOMKilled); CPU is throttled.", &[], None),
    ("ResourceRequirements", "requests", "What the scheduler reserves, e.g. `cpu: 100m`, `memory: 128Mi`. Defaults to the limits when only limits are set.", &[], None),
    ("AppArmorProfile", "type", "Which AppArmor profile applies.", PROFILE_TYPES, None),
    ("SeccompProfile", "type", "Which seccomp profile applies.", PROFILE_TYPES, None),
    ("Toleration", "effect", "Taint effect to tolerate; empty tolerates every effect.", &["", "NoSchedule", "PreferNoSchedule", "NoExecute"], None),
    ("Toleration", "operator", "`Equal` matches `value`; `Exists` matches any value of the key.", &["Equal", "Exists"], Some("Equal")),
    ("VolumeMount", "mountPath", "Path inside the container where the volume appears. Must not contain `:`.", &[], None),
    ("VolumeMount", "mountPropagation", "Whether mounts made on the host or in the container propagate to the other side.", &["None", "HostToContainer", "Bidirectional"], Some("None")),
    ("VolumeMount", "name", "Name of the volume to mount; must match a volume of the pod (or a `volumeClaimTemplates` entry).", &[], None),
    ("VolumeMount", "readOnly", "Mounts the volume read-only.", &[], Some("false")),
    ("VolumeMount", "recursiveReadOnly", "Whether a read-only mount is also read-only for mounts below it.", &["Disabled", "IfPossible", "Enabled"], None),
    ("VolumeMount", "subPath", "Mounts only this sub-path of the volume instead of its root.", &[], None),
];

/// `(type, description)`.
#[rustfmt::skip]
const TYPES: &[(&str, &str)] = &[
    ("Affinity", "Rules that attract pods to, or keep them away from, certain nodes and other pods."),
    ("Container", "A Kubernetes container: the image to run, how to run it and what it may use."),
    ("EnvVar", "One environment variable of a container."),
    ("LocalObjectReference", "A reference by name to an object in the same namespace."),
    ("ObjectMeta", "Standard Kubernetes object metadata. Only `name`/`generateName`, `namespace`, `labels` and `annotations` are normally written by hand; the rest is set by the API server."),
    ("PersistentVolumeClaim", "A request for storage; in `volumeClaimTemplates` Argo creates it when the workflow starts."),
    ("PodSecurityContext", "Security settings that apply to every container of the pod."),
    ("Probe", "A health check run by the kubelet against a container."),
    ("ResourceRequirements", "Compute resources a container (or pod) requests and may not exceed."),
    ("SecretKeySelector", "One key of a Kubernetes secret in the workflow's namespace."),
    ("ConfigMapKeySelector", "One key of a config map in the workflow's namespace."),
    ("Toleration", "Lets pods schedule onto nodes with a matching taint."),
    ("Volume", "A volume that containers of the pod can mount."),
    ("VolumeMount", "Where a volume is mounted inside a container."),
];

/// Build a Kubernetes field, filling in what this file knows about it.
pub(crate) const fn field(
    ty: &str,
    name: &'static str,
    t: Ty,
    versions: Versions,
    required: Versions,
) -> FieldDef {
    let mut f = FieldDef::new(name, t);
    f.versions = versions;
    f.required = required;
    let mut i = 0;
    while i < FIELDS.len() {
        let (et, ef, desc, values, default) = FIELDS[i];
        if str_eq(et, ty) && str_eq(ef, name) {
            f.description = desc;
            f.enum_values = values;
            f.default = default;
            break;
        }
        i += 1;
    }
    f
}

/// Our description of a Kubernetes type ("" when we have none).
pub(crate) const fn type_doc(ty: &str) -> &'static str {
    let mut i = 0;
    while i < TYPES.len() {
        if str_eq(TYPES[i].0, ty) {
            return TYPES[i].1;
        }
        i += 1;
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::lookup_type;

    /// Every entry must name a real Kubernetes field, or it silently documents nothing.
    #[test]
    fn every_entry_names_a_real_field() {
        for (ty, name, desc, ..) in FIELDS {
            let t = lookup_type(ty).unwrap_or_else(|| panic!("unknown type {ty}"));
            assert!(t.field(name).is_some(), "{ty}.{name} does not exist");
            assert!(!desc.is_empty());
        }
        for (ty, _) in TYPES {
            assert!(lookup_type(ty).is_some(), "unknown type {ty}");
        }
    }
}
