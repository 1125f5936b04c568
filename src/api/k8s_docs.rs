//! Hand-written knowledge about the embedded Kubernetes types that the facts cannot carry:
//! closed value sets, defaults and short descriptions, in argolint's own words.
//!
//! The generated [`super::facts`] calls [`field`] for every Kubernetes field. Every Kubernetes
//! field reachable from the four kinds, in any modelled version, has an entry here (a test
//! enforces it): what the field does for a workflow author and the trap if there is one.
//! Closed value sets and defaults are given only where Kubernetes itself enforces or applies
//! them; when in doubt a field stays open (a false error is worse than a missed one).

use super::types::{FieldDef, Ty, Versions, str_eq};

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
    ("AWSElasticBlockStoreVolumeSource", "fsType", "Filesystem of the EBS volume, e.g. `ext4` or `xfs`; taken as `ext4` when unset.", &[], None),
    ("AWSElasticBlockStoreVolumeSource", "partition", "Partition of the device to mount, e.g. `1`; unset or `0` mounts the whole device.", &[], None),
    ("AWSElasticBlockStoreVolumeSource", "readOnly", "Mounts the EBS volume read-only.", &[], None),
    ("AWSElasticBlockStoreVolumeSource", "volumeID", "ID of the EBS volume (`vol-...`). An EBS volume lives in one availability zone and attaches to one node at a time, so parallel steps elsewhere cannot mount it.", &[], None),
    ("Affinity", "nodeAffinity", "Rules on node labels deciding which nodes the pod must, or would rather, run on.", &[], None),
    ("Affinity", "podAffinity", "Rules that place the pod in the same node or zone as pods matching a selector.", &[], None),
    ("Affinity", "podAntiAffinity", "Rules that keep the pod away from nodes or zones running matching pods, e.g. to spread parallel steps.", &[], None),
    ("AzureDiskVolumeSource", "cachingMode", "Host caching of the data disk.", &["None", "ReadOnly", "ReadWrite"], Some("ReadWrite")),
    ("AzureDiskVolumeSource", "diskName", "Name of the Azure data disk.", &[], None),
    ("AzureDiskVolumeSource", "diskURI", "URI of the data disk; for a managed disk, its Azure resource ID.", &[], None),
    ("AzureDiskVolumeSource", "fsType", "Filesystem of the disk, e.g. `ext4` or `xfs`.", &[], Some("ext4")),
    ("AzureDiskVolumeSource", "kind", "`Shared` (several blob disks per storage account), `Dedicated` (one blob disk per account) or `Managed` (an Azure managed disk).", &["Shared", "Dedicated", "Managed"], Some("Shared")),
    ("AzureDiskVolumeSource", "readOnly", "Mounts the disk read-only.", &[], None),
    ("AzureFileVolumeSource", "readOnly", "Mounts the file share read-only.", &[], None),
    ("AzureFileVolumeSource", "secretName", "Secret, in the pod's namespace, with the storage account name and key (keys `azurestorageaccountname` and `azurestorageaccountkey`).", &[], None),
    ("AzureFileVolumeSource", "shareName", "Name of the Azure file share.", &[], None),
    ("CSIVolumeSource", "driver", "Name of the CSI driver that provides the inline volume, e.g. `secrets-store.csi.k8s.io`; the driver must support ephemeral inline use.", &[], None),
    ("CSIVolumeSource", "fsType", "Filesystem to mount, handed to the driver; the driver chooses when unset.", &[], None),
    ("CSIVolumeSource", "nodePublishSecretRef", "Secret, in the pod's namespace, whose data is passed to the driver when it mounts the volume.", &[], None),
    ("CSIVolumeSource", "readOnly", "Asks the driver for a read-only volume.", &[], None),
    ("CSIVolumeSource", "volumeAttributes", "Driver-specific settings as key/value pairs (see the driver's documentation); values must be strings.", &[], None),
    ("Capabilities", "add", "Linux capabilities to grant on top of the runtime's defaults, e.g. `NET_ADMIN`; write them without the `CAP_` prefix.", &[], None),
    ("Capabilities", "drop", "Linux capabilities to remove, e.g. `[ALL]` (the hardened baseline) before adding back only what the step needs.", &[], None),
    ("CephFSVolumeSource", "monitors", "Addresses of the Ceph monitors, as `host:port`.", &[], None),
    ("CephFSVolumeSource", "path", "Directory of the Ceph filesystem to mount; its root (`/`) when unset.", &[], None),
    ("CephFSVolumeSource", "readOnly", "Mounts the filesystem read-only.", &[], None),
    ("CephFSVolumeSource", "secretFile", "Path, on the node, of the file holding the Ceph user's key; `/etc/ceph/user.secret` when unset.", &[], None),
    ("CephFSVolumeSource", "secretRef", "Secret holding the Ceph user's key, used instead of a key file on the node.", &[], None),
    ("CephFSVolumeSource", "user", "Ceph user to authenticate as; `admin` when unset.", &[], None),
    ("CinderVolumeSource", "fsType", "Filesystem of the Cinder volume, e.g. `ext4`.", &[], None),
    ("CinderVolumeSource", "readOnly", "Mounts the volume read-only.", &[], None),
    ("CinderVolumeSource", "secretRef", "Secret with the OpenStack credentials used to attach the volume.", &[], None),
    ("CinderVolumeSource", "volumeID", "ID of the Cinder volume.", &[], None),
    ("ClusterTrustBundleProjection", "labelSelector", "Narrows the bundles of `signerName` by label. Left out, no bundle matches; an empty selector matches all of them.", &[], None),
    ("ClusterTrustBundleProjection", "name", "Name of one ClusterTrustBundle to write out; give either this or `signerName`.", &[], None),
    ("ClusterTrustBundleProjection", "optional", "Lets the pod start even when the named bundle is missing or the selector matches none.", &[], None),
    ("ClusterTrustBundleProjection", "path", "File, relative to the volume's mount point, that receives the PEM certificates.", &[], None),
    ("ClusterTrustBundleProjection", "signerName", "Writes out every bundle of this signer, merged into one file; give either this or `name`.", &[], None),
    ("ConfigMapEnvSource", "name", "Name of the config map, in the workflow's namespace, whose keys become environment variables.", &[], None),
    ("ConfigMapEnvSource", "optional", "When `true`, a missing config map is skipped instead of keeping the container from starting.", &[], None),
    ("ConfigMapKeySelector", "key", "The key of the config map whose value is used.", &[], None),
    ("ConfigMapKeySelector", "name", "Name of the config map, in the workflow's namespace. Optional in the schema, but needed in practice.", &[], None),
    ("ConfigMapKeySelector", "optional", "When `true`, a missing config map or key leaves the value unset instead of failing.", &[], None),
    ("ConfigMapProjection", "items", "Only these keys are written, under the given file names; without it every key becomes a file named after it.", &[], None),
    ("ConfigMapProjection", "name", "Name of the config map to project, in the workflow's namespace.", &[], None),
    ("ConfigMapProjection", "optional", "When `true`, a missing config map or listed key does not keep the pod from starting.", &[], None),
    ("ConfigMapVolumeSource", "defaultMode", "Permission bits of the files: `0644` in YAML (octal) is `420` in JSON. A plain `644` is a decimal number above 511 and is rejected.", &[], Some("420")),
    ("ConfigMapVolumeSource", "items", "Only these keys are mounted, at the given paths; without it every key becomes a file named after it.", &[], None),
    ("ConfigMapVolumeSource", "name", "Name of the config map to mount, in the workflow's namespace.", &[], None),
    ("ConfigMapVolumeSource", "optional", "When `true`, a missing config map gives an empty volume; otherwise the pod waits in `ContainerCreating` and the step does not start.", &[], None),
    ("ContainerPort", "containerPort", "The port number the container listens on.", &[], None),
    ("ContainerPort", "hostIP", "Node address that `hostPort` binds to; rarely needed.", &[], None),
    ("ContainerPort", "hostPort", "Also opens the port on the node itself. Two pods with the same host port cannot share a node, so parallel steps queue or stay Pending; avoid it in workflows.", &[], None),
    ("ContainerPort", "name", "Name of the port (lowercase letters, digits and `-`, at most 15 characters, unique in the pod) that probes and services can use instead of the number.", &[], None),
    ("ContainerPort", "protocol", "Network protocol of the port.", &["TCP", "UDP", "SCTP"], Some("TCP")),
    ("ContainerResizePolicy", "resourceName", "Resource this policy applies to.", &["cpu", "memory"], None),
    ("ContainerResizePolicy", "restartPolicy", "Whether resizing this resource restarts the container.", &["NotRequired", "RestartContainer"], Some("NotRequired")),
    ("ContainerRestartRule", "action", "What to do when the rule matches.", &["Restart"], None),
    ("ContainerRestartRule", "exitCodes", "The exit codes that make this rule apply.", &[], None),
    ("ContainerRestartRuleOnExitCodes", "operator", "Whether the exit code must be in, or not in, `values`.", &["In", "NotIn"], None),
    ("ContainerRestartRuleOnExitCodes", "values", "Exit codes to compare with (at most 255).", &[], None),
    ("DownwardAPIProjection", "items", "Pod fields and container resource values to write as files of the projected volume.", &[], None),
    ("DownwardAPIVolumeFile", "fieldRef", "Pod field whose value fills the file, e.g. `metadata.labels` or `metadata.annotations`.", &[], None),
    ("DownwardAPIVolumeFile", "mode", "Permission bits of this file (`0644` in YAML octal, `420` in JSON); the volume's `defaultMode` when unset.", &[], None),
    ("DownwardAPIVolumeFile", "path", "File name, relative to the mount point; must not be absolute or contain `..`.", &[], None),
    ("DownwardAPIVolumeFile", "resourceFieldRef", "Container resource limit or request whose value fills the file, e.g. `limits.memory`; `containerName` is required here.", &[], None),
    ("DownwardAPIVolumeSource", "defaultMode", "Permission bits of the files: `0644` in YAML (octal) is `420` in JSON.", &[], Some("420")),
    ("DownwardAPIVolumeSource", "items", "The files to write, each taken from a pod field or a container resource value.", &[], None),
    ("EmptyDirVolumeSource", "medium", "What backs the directory: empty for the node's disk, or `Memory` for RAM (tmpfs), whose contents count as the containers' memory use.", &[], None),
    ("EmptyDirVolumeSource", "sizeLimit", "Most the directory may hold, e.g. `1Gi`; a pod that writes more is evicted, which fails the step.", &[], None),
    ("EnvFromSource", "configMapRef", "Config map whose keys all become environment variables.", &[], None),
    ("EnvFromSource", "prefix", "Text put in front of every imported variable name, e.g. `DB_`.", &[], None),
    ("EnvFromSource", "secretRef", "Secret whose keys all become environment variables.", &[], None),
    ("EnvVar", "name", "Name of the environment variable.", &[], None),
    ("EnvVar", "value", "Literal value. Must be a string: quote numbers and booleans (`\"8080\"`, `\"true\"`).", &[], None),
    ("EnvVar", "valueFrom", "Takes the value from a secret, config map, pod field or resource instead of a literal.", &[], None),
    ("EnvVarSource", "configMapKeyRef", "Reads the value from one key of a config map.", &[], None),
    ("EnvVarSource", "fieldRef", "Reads the value from a field of the pod, e.g. `metadata.name` (the pod's name, not the step's), `metadata.namespace`, `spec.nodeName` or `status.podIP`.", &[], None),
    ("EnvVarSource", "fileKeyRef", "Reads the value from a `KEY=value` file on one of the pod's volumes, e.g. one written by an init container.", &[], None),
    ("EnvVarSource", "resourceFieldRef", "Reads the value from the container's resource requests or limits, e.g. `limits.memory`.", &[], None),
    ("EnvVarSource", "secretKeyRef", "Reads the value from one key of a secret in the workflow's namespace. Prefer it to passing secrets as parameters, which Argo stores in the workflow and shows in the UI.", &[], None),
    ("EphemeralVolumeSource", "volumeClaimTemplate", "The claim created with the pod and deleted with it: per-step storage from a storage class, unlike `volumeClaimTemplates`, which last for the whole workflow.", &[], None),
    ("ExecAction", "command", "Command run inside the container; exit status 0 means success. No shell is involved: use `[sh, -c, \"...\"]` for pipes or variables.", &[], None),
    ("FCVolumeSource", "fsType", "Filesystem of the Fibre Channel volume, e.g. `ext4`.", &[], None),
    ("FCVolumeSource", "lun", "Logical unit number on the target, used with `targetWWNs`.", &[], None),
    ("FCVolumeSource", "readOnly", "Mounts the volume read-only.", &[], None),
    ("FCVolumeSource", "targetWWNs", "World wide names of the target ports; give these with `lun`, or give `wwids` instead.", &[], None),
    ("FCVolumeSource", "wwids", "World wide identifiers of the volume, instead of `targetWWNs` and `lun`.", &[], None),
    ("FileKeySelector", "key", "Name of the variable, in the file, whose value is used.", &[], None),
    ("FileKeySelector", "optional", "When `true`, a missing file or key leaves the variable unset instead of failing the pod.", &[], None),
    ("FileKeySelector", "path", "Path of the file inside the volume; relative, without `..`.", &[], None),
    ("FileKeySelector", "volumeName", "Name of the pod volume that holds the file (typically an `emptyDir` an init container fills).", &[], None),
    ("FlexVolumeSource", "driver", "Name of the FlexVolume driver installed on the nodes.", &[], None),
    ("FlexVolumeSource", "fsType", "Filesystem to mount; the driver's choice when unset.", &[], None),
    ("FlexVolumeSource", "options", "Driver-specific options, as string key/value pairs.", &[], None),
    ("FlexVolumeSource", "readOnly", "Mounts the volume read-only.", &[], None),
    ("FlexVolumeSource", "secretRef", "Secret whose data is handed to the driver's scripts.", &[], None),
    ("FlockerVolumeSource", "datasetName", "Name of the Flocker dataset; give this or `datasetUUID`.", &[], None),
    ("FlockerVolumeSource", "datasetUUID", "UUID of the Flocker dataset; give this or `datasetName`.", &[], None),
    ("GCEPersistentDiskVolumeSource", "fsType", "Filesystem of the disk, e.g. `ext4`; taken as `ext4` when unset.", &[], None),
    ("GCEPersistentDiskVolumeSource", "partition", "Partition of the disk to mount, e.g. `1`; unset or `0` mounts the whole disk.", &[], None),
    ("GCEPersistentDiskVolumeSource", "pdName", "Name of the persistent disk in GCE. Read-write, it attaches to one node at a time, so parallel steps on other nodes cannot mount it.", &[], None),
    ("GCEPersistentDiskVolumeSource", "readOnly", "Mounts the disk read-only (which lets several nodes attach it).", &[], None),
    ("GRPCAction", "port", "Port of the container's gRPC health service.", &[], None),
    ("GRPCAction", "service", "Service name put in the health check request; empty asks about the server as a whole.", &[], None),
    ("GitRepoVolumeSource", "directory", "Directory to clone into, relative to the mount point; `.` puts the repository at the mount point itself.", &[], None),
    ("GitRepoVolumeSource", "repository", "URL of the repository to clone.", &[], None),
    ("GitRepoVolumeSource", "revision", "Commit to check out after cloning.", &[], None),
    ("GlusterfsVolumeSource", "endpoints", "Name of the Endpoints object listing the Gluster servers.", &[], None),
    ("GlusterfsVolumeSource", "path", "Name of the Gluster volume.", &[], None),
    ("GlusterfsVolumeSource", "readOnly", "Mounts the volume read-only.", &[], None),
    ("HTTPGetAction", "host", "Host to connect to; the pod's IP when unset. To send a `Host` header, use `httpHeaders` instead.", &[], None),
    ("HTTPGetAction", "httpHeaders", "Extra headers sent with the request.", &[], None),
    ("HTTPGetAction", "path", "Path requested from the server.", &[], Some("/")),
    ("HTTPGetAction", "port", "Port to send the request to: a number, or the name of one of the container's ports.", &[], None),
    ("HTTPGetAction", "scheme", "Protocol used for the probe request.", &["HTTP", "HTTPS"], Some("HTTP")),
    ("HTTPHeader", "name", "Name of the header, e.g. `Authorization`.", &[], None),
    ("HTTPHeader", "value", "Value of the header, as a string.", &[], None),
    ("HostAlias", "hostnames", "Host names that resolve to `ip` inside the pod.", &[], None),
    ("HostAlias", "ip", "IP address the host names resolve to.", &[], None),
    ("HostPathVolumeSource", "path", "Path on the node. Steps run on whichever node the scheduler picks, so files do not follow from one step to the next, and node paths such as the runtime socket hand the step control of the node.", &[], None),
    ("HostPathVolumeSource", "type", "What must exist at the host path; empty skips the check.", &["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"], Some("")),
    ("ISCSIVolumeSource", "chapAuthDiscovery", "Uses CHAP authentication during iSCSI discovery.", &[], None),
    ("ISCSIVolumeSource", "chapAuthSession", "Uses CHAP authentication for the iSCSI session.", &[], None),
    ("ISCSIVolumeSource", "fsType", "Filesystem of the iSCSI volume, e.g. `ext4`.", &[], None),
    ("ISCSIVolumeSource", "initiatorName", "Custom initiator name (IQN) to connect with instead of the node's.", &[], None),
    ("ISCSIVolumeSource", "iqn", "Qualified name (IQN) of the iSCSI target.", &[], None),
    ("ISCSIVolumeSource", "iscsiInterface", "iSCSI interface (transport) to connect through.", &[], Some("default")),
    ("ISCSIVolumeSource", "lun", "Logical unit number on the target.", &[], None),
    ("ISCSIVolumeSource", "portals", "Further target portals, for multipath; each `ip` or `ip:port` (port 3260 when left out).", &[], None),
    ("ISCSIVolumeSource", "readOnly", "Mounts the volume read-only.", &[], None),
    ("ISCSIVolumeSource", "secretRef", "Secret with the CHAP credentials.", &[], None),
    ("ISCSIVolumeSource", "targetPortal", "Address of the target portal, `ip` or `ip:port` (port 3260 when left out).", &[], None),
    ("ImageVolumeSource", "pullPolicy", "When the kubelet pulls the image used as a volume.", PULL_POLICY, None),
    ("ImageVolumeSource", "reference", "Image or other OCI artifact whose content is mounted, e.g. `registry.example.com/models/bert:1.0`; pulled like a container image, with the pod's pull secrets.", &[], None),
    ("KeyToPath", "key", "Key of the config map or secret.", &[], None),
    ("KeyToPath", "mode", "Permission bits of this file (`0400` in YAML octal, `256` in JSON); the volume's `defaultMode` when unset.", &[], None),
    ("KeyToPath", "path", "File the key is written to, relative to the mount point; must not be absolute or contain `..`.", &[], None),
    ("LabelSelector", "matchExpressions", "Requirements on labels, all of which must hold.", &[], None),
    ("LabelSelector", "matchLabels", "Labels that must have exactly these values, combined with `matchExpressions` (all must hold). An empty selector matches everything.", &[], None),
    ("LabelSelectorRequirement", "key", "Label key to test.", &[], None),
    ("LabelSelectorRequirement", "operator", "How the label's value is compared with `values`.", SELECTOR_OPS, None),
    ("LabelSelectorRequirement", "values", "Values to compare with: one or more for `In`/`NotIn`, none for `Exists`/`DoesNotExist`.", &[], None),
    ("Lifecycle", "postStart", "Runs once the container is created, alongside its command rather than before it; if the hook fails, the container is killed.", &[], None),
    ("Lifecycle", "preStop", "Runs when Kubernetes stops the container (pod deletion, eviction, a failed liveness probe), within the termination grace period; not when the command exits by itself.", &[], None),
    ("Lifecycle", "stopSignal", "Signal sent to stop the container, e.g. `SIGINT`; the runtime's default (usually `SIGTERM`) when unset. Kubernetes only accepts it when the pod's `os.name` is set, which Argo templates can only do through `podSpecPatch`.", &[], None),
    ("LifecycleHandler", "exec", "Runs a command inside the container.", &[], None),
    ("LifecycleHandler", "httpGet", "Sends an HTTP GET request to the container.", &[], None),
    ("LifecycleHandler", "sleep", "Waits for a number of seconds, e.g. so a sidecar can drain before it stops.", &[], None),
    ("LifecycleHandler", "tcpSocket", "Kept only for compatibility: Kubernetes does not run TCP checks as lifecycle hooks.", &[], None),
    ("LocalObjectReference", "name", "Name of the object (for example a secret in `imagePullSecrets`) in the same namespace.", &[], None),
    ("ManagedFieldsEntry", "apiVersion", "API version the entry's fields are recorded in. Written by the API server.", &[], None),
    ("ManagedFieldsEntry", "fieldsType", "Format of `fieldsV1`; only `FieldsV1` exists. Written by the API server.", &[], None),
    ("ManagedFieldsEntry", "fieldsV1", "The set of fields the manager owns, in the `FieldsV1` format. Written by the API server.", &[], None),
    ("ManagedFieldsEntry", "manager", "Tool that made the change, e.g. `kubectl` or `workflow-controller`. Written by the API server.", &[], None),
    ("ManagedFieldsEntry", "operation", "Whether the change was a server-side apply or an ordinary update. Written by the API server.", &["Apply", "Update"], None),
    ("ManagedFieldsEntry", "subresource", "Subresource the change went through, e.g. `status`; empty for the main resource. Written by the API server.", &[], None),
    ("ManagedFieldsEntry", "time", "When the change was made. Written by the API server.", &[], None),
    ("ModifyVolumeStatus", "status", "How a change of volume attributes class is going, e.g. `Pending`, `InProgress` or `Infeasible`. Written by Kubernetes.", &[], None),
    ("ModifyVolumeStatus", "targetVolumeAttributesClassName", "Volume attributes class the volume is being moved to. Written by Kubernetes.", &[], None),
    ("NFSVolumeSource", "path", "Path exported by the NFS server.", &[], None),
    ("NFSVolumeSource", "readOnly", "Mounts the export read-only.", &[], None),
    ("NFSVolumeSource", "server", "Host name or IP address of the NFS server. Many pods can mount an export at once, so NFS is a common way to share files between steps.", &[], None),
    ("NodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution", "Weighted node preferences: the scheduler favours matching nodes but falls back to others.", &[], None),
    ("NodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "Node rules that must hold. If no node matches, the pod stays Pending and the step waits until a timeout or deadline ends it.", &[], None),
    ("NodeSelector", "nodeSelectorTerms", "Alternatives: a node qualifies when it matches any one term; requirements within a term must all hold.", &[], None),
    ("NodeSelectorRequirement", "key", "Node label (or, in `matchFields`, node field) to test.", &[], None),
    ("NodeSelectorRequirement", "operator", "How the node label's value is compared with `values` (`Gt`/`Lt` compare integers).", &["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"], None),
    ("NodeSelectorRequirement", "values", "Values to compare with: one or more for `In`/`NotIn`, none for `Exists`/`DoesNotExist`, a single integer for `Gt`/`Lt`.", &[], None),
    ("NodeSelectorTerm", "matchExpressions", "Requirements on node labels, all of which must hold.", &[], None),
    ("NodeSelectorTerm", "matchFields", "Requirements on node fields; only `metadata.name` is supported.", &[], None),
    ("ObjectFieldSelector", "apiVersion", "API version the `fieldPath` is written against.", &[], Some("v1")),
    ("ObjectFieldSelector", "fieldPath", "Field of the pod to read, e.g. `metadata.name`, `metadata.namespace` or `metadata.labels['app']`.", &[], None),
    ("ObjectMeta", "annotations", "Free-form string key/value pairs for tools; values must be strings (quote numbers and booleans).", &[], None),
    ("ObjectMeta", "clusterName", "Obsolete and never used by Kubernetes; dropped from later schemas. Leave it out.", &[], None),
    ("ObjectMeta", "creationTimestamp", "When the object was created. Set by the API server: it shows up in `kubectl get -o yaml` output but does not belong in manifests.", &[], None),
    ("ObjectMeta", "deletionGracePeriodSeconds", "Grace period of a pending deletion, in seconds. Set by the API server.", &[], None),
    ("ObjectMeta", "deletionTimestamp", "When deletion was requested; the object lingers until its finalizers are removed. Set by the API server.", &[], None),
    ("ObjectMeta", "finalizers", "Markers that must be removed before the object is really deleted. Argo adds its own (e.g. for artifact garbage collection); one that nothing removes keeps the workflow from being deleted.", &[], None),
    ("ObjectMeta", "generateName", "Prefix for a server-generated unique name, e.g. `hello-` gives `hello-x7k2p`. Used by `kubectl create` and `argo submit`; `kubectl apply` needs a fixed `name`.", &[], None),
    ("ObjectMeta", "generation", "Counter of changes to the spec. Set by the API server.", &[], None),
    ("ObjectMeta", "labels", "String key/value pairs used to select and group objects; values must be strings (quote numbers and booleans).", &[], None),
    ("ObjectMeta", "managedFields", "Bookkeeping of which tool set which fields (server-side apply). Set by the API server; strip it from manifests.", &[], None),
    ("ObjectMeta", "name", "The object's name, unique per kind within its namespace (cluster-wide for cluster-scoped kinds).", &[], None),
    ("ObjectMeta", "namespace", "Namespace the object lives in; the one you submit to when unset. Ignored for cluster-scoped kinds.", &[], None),
    ("ObjectMeta", "ownerReferences", "Objects this one belongs to: deleting the owner garbage-collects it. Argo sets it on workflows a cron workflow creates; a workflow you give an owner is deleted along with that owner.", &[], None),
    ("ObjectMeta", "resourceVersion", "Version used to detect concurrent changes. Set by the API server; a stale value left in a manifest makes updates fail with a conflict.", &[], None),
    ("ObjectMeta", "selfLink", "Legacy URL of the object; current Kubernetes no longer fills it in.", &[], None),
    ("ObjectMeta", "uid", "Unique ID of the object. Set by the API server.", &[], None),
    ("ObjectReference", "apiVersion", "API version of the referenced object.", &[], None),
    ("ObjectReference", "fieldPath", "Part of the object meant, when not the whole of it (e.g. one container of a pod).", &[], None),
    ("ObjectReference", "kind", "Kind of the referenced object, e.g. `Workflow`.", &[], None),
    ("ObjectReference", "name", "Name of the referenced object.", &[], None),
    ("ObjectReference", "namespace", "Namespace of the referenced object.", &[], None),
    ("ObjectReference", "resourceVersion", "Version of the object when the reference was taken.", &[], None),
    ("ObjectReference", "uid", "Unique ID of the referenced object.", &[], None),
    ("OwnerReference", "apiVersion", "API version of the owner, e.g. `argoproj.io/v1alpha1`.", &[], None),
    ("OwnerReference", "blockOwnerDeletion", "Under foreground deletion, keeps the owner from going away before this object has been deleted.", &[], None),
    ("OwnerReference", "controller", "Marks this owner as the managing controller; at most one owner may have it.", &[], None),
    ("OwnerReference", "kind", "Kind of the owner, e.g. `CronWorkflow`.", &[], None),
    ("OwnerReference", "name", "Name of the owner, in the same namespace (or cluster-scoped).", &[], None),
    ("OwnerReference", "uid", "Unique ID of the owner. If no object with this UID exists, the garbage collector treats this object as orphaned and deletes it.", &[], None),
    ("PersistentVolumeClaim", "apiVersion", "API version of the claim, `v1`; may be left out in `volumeClaimTemplates`.", &[], None),
    ("PersistentVolumeClaim", "kind", "`PersistentVolumeClaim`; may be left out in `volumeClaimTemplates`.", &[], None),
    ("PersistentVolumeClaim", "metadata", "Name, labels and annotations of the claim. In `volumeClaimTemplates` the name is what `volumeMounts` refer to; Argo names the real claim `<workflow-name>-<name>`.", &[], None),
    ("PersistentVolumeClaim", "spec", "The storage wanted: size, access modes, storage class.", &[], None),
    ("PersistentVolumeClaim", "status", "State of the claim. Written by Kubernetes; leave it out.", &[], None),
    ("PersistentVolumeClaimCondition", "lastProbeTime", "When the condition was last checked. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimCondition", "lastTransitionTime", "When the condition last changed. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimCondition", "message", "Human-readable details of the condition. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimCondition", "reason", "Short machine-readable cause of the condition. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimCondition", "status", "Whether the condition holds: `True`, `False` or `Unknown`. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimCondition", "type", "Which condition this is, e.g. `Resizing` or `FileSystemResizePending`. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimSpec", "accessModes", "How the volume may be mounted: by one node read-write, by many read-only, by many read-write, or by a single pod.", &["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"], None),
    ("PersistentVolumeClaimSpec", "dataSource", "Fills the new volume from an existing claim or a `VolumeSnapshot` (if the storage driver supports it).", &[], None),
    ("PersistentVolumeClaimSpec", "dataSourceRef", "Like `dataSource`, but may also name a custom volume populator; when only one of the two is given, Kubernetes copies it into the other.", &[], None),
    ("PersistentVolumeClaimSpec", "resources", "Size of the volume, e.g. `requests: {storage: 10Gi}`; dynamic provisioning needs `requests.storage`.", &[], None),
    ("PersistentVolumeClaimSpec", "selector", "Binds only to existing volumes with matching labels; normally left out with dynamic provisioning.", &[], None),
    ("PersistentVolumeClaimSpec", "storageClassName", "Storage class that provisions the volume; the cluster's default class when left out. An empty string `\"\"` is different: no provisioning, only pre-created volumes without a class.", &[], None),
    ("PersistentVolumeClaimSpec", "volumeAttributesClassName", "Volume attributes class (e.g. an IOPS or throughput tier), for CSI drivers that support it.", &[], None),
    ("PersistentVolumeClaimSpec", "volumeMode", "Whether the volume is mounted as a filesystem or exposed as a raw block device.", &["Filesystem", "Block"], Some("Filesystem")),
    ("PersistentVolumeClaimSpec", "volumeName", "Binds to this existing PersistentVolume instead of provisioning a new one.", &[], None),
    ("PersistentVolumeClaimStatus", "accessModes", "Access modes the bound volume actually has. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimStatus", "allocatedResourceStatuses", "Progress of a resize, per resource (e.g. `storage`). Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimStatus", "allocatedResources", "Capacity set aside for the claim while it is being resized. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimStatus", "capacity", "Actual size of the bound volume. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimStatus", "conditions", "Current conditions of the claim, such as a resize in progress. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimStatus", "currentVolumeAttributesClassName", "Volume attributes class currently in effect. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimStatus", "modifyVolumeStatus", "Progress of a change of volume attributes class. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimStatus", "phase", "Where the claim stands: `Pending`, `Bound` or `Lost`. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimStatus", "resizeStatus", "Progress of a resize, as older Kubernetes versions report it. Written by Kubernetes.", &[], None),
    ("PersistentVolumeClaimTemplate", "metadata", "Labels and annotations for the claim; Kubernetes names it `<pod-name>-<volume-name>`.", &[], None),
    ("PersistentVolumeClaimTemplate", "spec", "The claim to create: size, access modes, storage class.", &[], None),
    ("PersistentVolumeClaimVolumeSource", "claimName", "Name of an existing claim in the workflow's namespace. Claims from `volumeClaimTemplates` need no volume entry: mount them by name in `volumeMounts`.", &[], None),
    ("PersistentVolumeClaimVolumeSource", "readOnly", "Mounts the claim read-only.", &[], None),
    ("PhotonPersistentDiskVolumeSource", "fsType", "Filesystem of the Photon disk, e.g. `ext4`.", &[], None),
    ("PhotonPersistentDiskVolumeSource", "pdID", "ID of the Photon Controller persistent disk.", &[], None),
    ("PodAffinity", "preferredDuringSchedulingIgnoredDuringExecution", "Weighted wishes to run near matching pods; the scheduler may ignore them.", &[], None),
    ("PodAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "Terms that must hold: the pod only runs in a node or zone that already has a matching pod, otherwise it stays Pending.", &[], None),
    ("PodAffinityTerm", "labelSelector", "The pods this term is about; when unset it matches no pod.", &[], None),
    ("PodAffinityTerm", "matchLabelKeys", "Label keys whose values, taken from this pod, are added to `labelSelector` as `In` requirements, e.g. `workflows.argoproj.io/workflow` to count only pods of the same workflow.", &[], None),
    ("PodAffinityTerm", "mismatchLabelKeys", "Label keys whose values, taken from this pod, are added to `labelSelector` as `NotIn` requirements.", &[], None),
    ("PodAffinityTerm", "namespaceSelector", "Namespaces, by label, whose pods count; an empty selector means every namespace.", &[], None),
    ("PodAffinityTerm", "namespaces", "Namespaces, by name, whose pods count; only the pod's own namespace when this and `namespaceSelector` are unset.", &[], None),
    ("PodAffinityTerm", "topologyKey", "Node label that defines \"the same place\": `kubernetes.io/hostname` for the same node, `topology.kubernetes.io/zone` for the same zone.", &[], None),
    ("PodAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution", "Weighted wishes to avoid nodes or zones with matching pods; the scheduler may still put them together.", &[], None),
    ("PodAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "Terms that must hold: the pod never shares a node or zone with a matching pod. With more parallel steps than nodes, the rest stay Pending.", &[], None),
    ("PodCertificateProjection", "certificateChainPath", "File of the volume that receives the issued certificate chain (PEM), when key and chain are written separately.", &[], None),
    ("PodCertificateProjection", "credentialBundlePath", "File of the volume that receives the private key followed by the certificate chain, as one PEM bundle that can be read atomically.", &[], None),
    ("PodCertificateProjection", "keyPath", "File of the volume that receives the private key (PEM), when key and chain are written separately.", &[], None),
    ("PodCertificateProjection", "keyType", "Type of key pair the kubelet generates: `RSA3072`, `RSA4096`, `ECDSAP256`, `ECDSAP384`, `ECDSAP521` or `ED25519`.", &[], None),
    ("PodCertificateProjection", "maxExpirationSeconds", "Longest certificate lifetime to ask for, in seconds, from 3600 (one hour) to 7862400 (91 days).", &[], Some("86400")),
    ("PodCertificateProjection", "signerName", "Signer that issues the pod's certificate.", &[], None),
    ("PodCertificateProjection", "userAnnotations", "Extra key/value data handed to the signer unverified; keys must carry a domain prefix.", &[], None),
    ("PodDNSConfig", "nameservers", "IP addresses of DNS servers added to the pod's resolver (three at most). Required when `dnsPolicy` is `None`.", &[], None),
    ("PodDNSConfig", "options", "Resolver options such as `ndots`; they replace options of the same name coming from the DNS policy.", &[], None),
    ("PodDNSConfig", "searches", "Search domains added to the pod's resolver.", &[], None),
    ("PodDNSConfigOption", "name", "Resolver option, e.g. `ndots`, `timeout` or `single-request-reopen`.", &[], None),
    ("PodDNSConfigOption", "value", "Value of the option, as a string (e.g. `\"2\"`); some options take none.", &[], None),
    ("PodDisruptionBudgetSpec", "maxUnavailable", "How many of the workflow's pods a voluntary eviction may take down at once, as a number or a percentage (`\"10%\"`); give this or `minAvailable`. `0` blocks node drains for as long as the workflow runs.", &[], None),
    ("PodDisruptionBudgetSpec", "minAvailable", "How many of the workflow's pods must stay up during voluntary evictions, as a number or a percentage; give this or `maxUnavailable`.", &[], None),
    ("PodDisruptionBudgetSpec", "selector", "The pods the budget covers; Argo fills in the workflow's own pods when it is empty.", &[], None),
    ("PodDisruptionBudgetSpec", "unhealthyPodEvictionPolicy", "Whether pods that are running but not ready may be evicted regardless of the budget.", &["IfHealthyBudget", "AlwaysAllow"], None),
    ("PodResourceClaim", "name", "Name of the claim within the pod; containers list it under `resources.claims`.", &[], None),
    ("PodResourceClaim", "resourceClaimName", "Existing ResourceClaim in the namespace to use; give this or `resourceClaimTemplateName`. Every pod naming it shares the one claim, parallel steps included.", &[], None),
    ("PodResourceClaim", "resourceClaimTemplateName", "ResourceClaimTemplate from which each pod gets its own claim, deleted with the pod; give this or `resourceClaimName`.", &[], None),
    ("PodSecurityContext", "appArmorProfile", "AppArmor profile of every container of the pod, Argo's `init` and `wait` containers included.", &[], None),
    ("PodSecurityContext", "fsGroup", "Group that owns supported volumes and is added to every container's groups, so non-root steps can write to their volumes. Re-owning a large volume slows every pod start (see `fsGroupChangePolicy`).", &[], None),
    ("PodSecurityContext", "fsGroupChangePolicy", "When volume ownership is changed to `fsGroup`: always, or only when the root of the volume does not match.", &["OnRootMismatch", "Always"], None),
    ("PodSecurityContext", "runAsGroup", "Primary group ID of every container's processes; the image's when unset.", &[], None),
    ("PodSecurityContext", "runAsNonRoot", "Refuses to start any container that would run as UID 0, Argo's executor containers included; an image whose `USER` is a name rather than a number is refused unless `runAsUser` is set.", &[], None),
    ("PodSecurityContext", "runAsUser", "User ID of every container's processes, overriding the image's `USER`; a container's own security context takes precedence.", &[], None),
    ("PodSecurityContext", "seLinuxChangePolicy", "How SELinux labels are applied to volumes.", &["MountOption", "Recursive"], None),
    ("PodSecurityContext", "seLinuxOptions", "SELinux labels applied to every container.", &[], None),
    ("PodSecurityContext", "seccompProfile", "Seccomp profile of every container; `RuntimeDefault` is the usual hardened choice.", &[], None),
    ("PodSecurityContext", "supplementalGroups", "Extra group IDs given to the first process of every container.", &[], None),
    ("PodSecurityContext", "supplementalGroupsPolicy", "Whether the image's own group memberships are merged with `supplementalGroups`.", &["Merge", "Strict"], None),
    ("PodSecurityContext", "sysctls", "Namespaced kernel parameters set for the pod. Sysctls the kubelet does not allow get the pod rejected, which fails the step.", &[], None),
    ("PodSecurityContext", "windowsOptions", "Windows-specific settings for every container.", &[], None),
    ("PortworxVolumeSource", "fsType", "Filesystem of the Portworx volume, e.g. `ext4`.", &[], None),
    ("PortworxVolumeSource", "readOnly", "Mounts the volume read-only.", &[], None),
    ("PortworxVolumeSource", "volumeID", "ID of the Portworx volume.", &[], None),
    ("PreferredSchedulingTerm", "preference", "Node requirements that earn this term's weight.", &[], None),
    ("PreferredSchedulingTerm", "weight", "How much matching counts, from 1 to 100; the weights of all matching terms add up.", &[], None),
    ("Probe", "exec", "Checks by running a command in the container; exit status 0 is healthy.", &[], None),
    ("Probe", "failureThreshold", "Failed checks in a row after which the probe counts as failed.", &[], Some("3")),
    ("Probe", "grpc", "Checks with the gRPC health checking protocol.", &[], None),
    ("Probe", "httpGet", "Checks with an HTTP GET request; a status from 200 to 399 is healthy.", &[], None),
    ("Probe", "initialDelaySeconds", "Seconds to wait after the container starts before the first check.", &[], None),
    ("Probe", "periodSeconds", "Seconds between checks.", &[], Some("10")),
    ("Probe", "successThreshold", "Successful checks in a row needed to pass again after a failure; must be 1 for liveness and startup probes.", &[], Some("1")),
    ("Probe", "tcpSocket", "Checks that a TCP connection to the port can be opened.", &[], None),
    ("Probe", "terminationGracePeriodSeconds", "Seconds the container gets to shut down when a failed liveness or startup probe kills it; the pod's grace period when unset.", &[], None),
    ("Probe", "timeoutSeconds", "Seconds after which a check with no answer counts as failed.", &[], Some("1")),
    ("ProjectedVolumeSource", "defaultMode", "Permission bits of the files: `0644` in YAML (octal) is `420` in JSON.", &[], Some("420")),
    ("ProjectedVolumeSource", "sources", "What goes into the one directory: secrets, config maps, downward API data, service account tokens.", &[], None),
    ("QuobyteVolumeSource", "group", "Group that volume access is mapped to; none when unset.", &[], None),
    ("QuobyteVolumeSource", "readOnly", "Mounts the volume read-only.", &[], None),
    ("QuobyteVolumeSource", "registry", "Quobyte registry address(es) as `host:port`, comma-separated.", &[], None),
    ("QuobyteVolumeSource", "tenant", "Tenant that owns the volume, for dynamically provisioned volumes.", &[], None),
    ("QuobyteVolumeSource", "user", "User that volume access is mapped to; the service account user when unset.", &[], None),
    ("QuobyteVolumeSource", "volume", "Name of an existing Quobyte volume.", &[], None),
    ("RBDVolumeSource", "fsType", "Filesystem of the block device, e.g. `ext4`.", &[], None),
    ("RBDVolumeSource", "image", "Name of the RADOS block device image.", &[], None),
    ("RBDVolumeSource", "keyring", "Path, on the node, of the keyring for `user`.", &[], Some("/etc/ceph/keyring")),
    ("RBDVolumeSource", "monitors", "Addresses of the Ceph monitors.", &[], None),
    ("RBDVolumeSource", "pool", "RADOS pool holding the image.", &[], Some("rbd")),
    ("RBDVolumeSource", "readOnly", "Mounts the device read-only.", &[], None),
    ("RBDVolumeSource", "secretRef", "Secret with the key of `user`; when set it is used instead of `keyring`.", &[], None),
    ("RBDVolumeSource", "user", "RADOS user to authenticate as.", &[], Some("admin")),
    ("ResourceClaim", "name", "Name of one of the pod's `resourceClaims` that this container uses.", &[], None),
    ("ResourceClaim", "request", "Makes only this request of the claim available to the container; the whole claim when empty.", &[], None),
    ("ResourceFieldSelector", "containerName", "Container whose resources are read; required in volumes, the current container for environment variables.", &[], None),
    ("ResourceFieldSelector", "divisor", "Unit the value is expressed in (rounded up), e.g. `1Mi` to get memory in mebibytes or `1m` for CPU in millicores.", &[], Some("1")),
    ("ResourceFieldSelector", "resource", "Resource to read: `limits.cpu`, `limits.memory`, `limits.ephemeral-storage`, `requests.cpu`, `requests.memory`, `requests.ephemeral-storage` (or a hugepages one).", &[], None),
    ("ResourceRequirements", "claims", "Dynamic resource claims (from the pod's `resourceClaims`) this container uses.", &[], None),
    ("ResourceRequirements", "limits", "Upper bounds, e.g. `cpu: 500m`, `memory: 256Mi`. Exceeding the memory limit kills the container (OOMKilled); CPU is throttled.", &[], None),
    ("ResourceRequirements", "requests", "What the scheduler reserves, e.g. `cpu: 100m`, `memory: 128Mi`. Defaults to the limits when only limits are set.", &[], None),
    ("SELinuxOptions", "level", "SELinux level (MLS/MCS label), e.g. `s0:c123,c456`.", &[], None),
    ("SELinuxOptions", "role", "SELinux role of the label.", &[], None),
    ("SELinuxOptions", "type", "SELinux type of the label, e.g. `container_t`.", &[], None),
    ("SELinuxOptions", "user", "SELinux user of the label.", &[], None),
    ("ScaleIOVolumeSource", "fsType", "Filesystem of the volume.", &[], Some("xfs")),
    ("ScaleIOVolumeSource", "gateway", "Address of the ScaleIO API gateway.", &[], None),
    ("ScaleIOVolumeSource", "protectionDomain", "Protection domain of the configured storage.", &[], None),
    ("ScaleIOVolumeSource", "readOnly", "Mounts the volume read-only.", &[], None),
    ("ScaleIOVolumeSource", "secretRef", "Secret with the ScaleIO user's credentials.", &[], None),
    ("ScaleIOVolumeSource", "sslEnabled", "Talks to the gateway over TLS.", &[], None),
    ("ScaleIOVolumeSource", "storageMode", "`ThickProvisioned` or `ThinProvisioned` storage.", &[], Some("ThinProvisioned")),
    ("ScaleIOVolumeSource", "storagePool", "Storage pool within the protection domain.", &[], None),
    ("ScaleIOVolumeSource", "system", "Name of the storage system in ScaleIO.", &[], None),
    ("ScaleIOVolumeSource", "volumeName", "Name of an existing ScaleIO volume.", &[], None),
    // The two profile types side by side.
    ("AppArmorProfile", "localhostProfile", "Name of a profile already loaded on the node; required when `type` is `Localhost`, not allowed otherwise.", &[], None),
    ("AppArmorProfile", "type", "Which AppArmor profile applies.", PROFILE_TYPES, None),
    ("SeccompProfile", "localhostProfile", "Profile file, relative to the kubelet's seccomp directory; required when `type` is `Localhost`, not allowed otherwise.", &[], None),
    ("SeccompProfile", "type", "Which seccomp profile applies.", PROFILE_TYPES, None),
    ("SecretEnvSource", "name", "Name of the secret, in the workflow's namespace, whose keys become environment variables.", &[], None),
    ("SecretEnvSource", "optional", "When `true`, a missing secret is skipped instead of keeping the container from starting.", &[], None),
    ("SecretKeySelector", "key", "The key of the secret whose value is used.", &[], None),
    ("SecretKeySelector", "name", "Name of the secret, in the workflow's namespace. Optional in the schema, but needed in practice.", &[], None),
    ("SecretKeySelector", "optional", "When `true`, a missing secret or key leaves the value unset instead of failing.", &[], None),
    ("SecretProjection", "items", "Only these keys are written, under the given file names; without it every key becomes a file named after it.", &[], None),
    ("SecretProjection", "name", "Name of the secret to project, in the workflow's namespace.", &[], None),
    ("SecretProjection", "optional", "When `true`, a missing secret or listed key does not keep the pod from starting.", &[], None),
    ("SecretVolumeSource", "defaultMode", "Permission bits of the files: `0644` in YAML (octal) is `420` in JSON. Tools such as `ssh` refuse keys others can read: use `0400` (`256`).", &[], Some("420")),
    ("SecretVolumeSource", "items", "Only these keys are mounted, at the given paths; without it every key becomes a file named after it.", &[], None),
    ("SecretVolumeSource", "optional", "When `true`, a missing secret gives an empty volume; otherwise the pod waits in `ContainerCreating` and the step does not start.", &[], None),
    ("SecretVolumeSource", "secretName", "Name of the secret to mount, in the workflow's namespace.", &[], None),
    ("SecurityContext", "allowPrivilegeEscalation", "Whether a process may gain more privileges than its parent (setuid binaries, file capabilities); `false` hardens the step. Always on for `privileged` containers and those with `SYS_ADMIN`.", &[], None),
    ("SecurityContext", "appArmorProfile", "AppArmor profile of this container; overrides the pod's.", &[], None),
    ("SecurityContext", "capabilities", "Linux capabilities to add to, or drop from, the runtime's default set.", &[], None),
    ("SecurityContext", "privileged", "Runs the container with nearly all the powers of root on the node (all devices and capabilities). Sometimes used for image builds; a compromised step then controls the node.", &[], None),
    ("SecurityContext", "procMount", "`Default` keeps the runtime's masked and read-only `/proc` paths; `Unmasked` lifts them (for nested containers, behind a feature gate).", &["Default", "Unmasked"], Some("Default")),
    ("SecurityContext", "readOnlyRootFilesystem", "Makes the container's root filesystem read-only. Whatever the step writes (output files, `/tmp`) then needs a mounted volume such as an `emptyDir`.", &[], None),
    ("SecurityContext", "runAsGroup", "Primary group ID of the container's processes; overrides the pod-level setting.", &[], None),
    ("SecurityContext", "runAsNonRoot", "Refuses to start the container if it would run as UID 0; an image whose `USER` is a name rather than a number is refused unless `runAsUser` is set.", &[], None),
    ("SecurityContext", "runAsUser", "User ID of the container's processes, overriding the image's `USER` and the pod-level setting.", &[], None),
    ("SecurityContext", "seLinuxOptions", "SELinux labels of this container; overrides the pod's.", &[], None),
    ("SecurityContext", "seccompProfile", "Seccomp profile of this container; overrides the pod's.", &[], None),
    ("SecurityContext", "windowsOptions", "Windows-specific settings of this container; override the pod's.", &[], None),
    ("ServiceAccountTokenProjection", "audience", "Audience the token is meant for (e.g. a cloud provider's token exchange); the API server's own when unset.", &[], None),
    ("ServiceAccountTokenProjection", "expirationSeconds", "Lifetime to request for the token, in seconds, at least 600; the kubelet renews it before it runs out.", &[], Some("3600")),
    ("ServiceAccountTokenProjection", "path", "File, relative to the mount point, that receives the token.", &[], None),
    ("SleepAction", "seconds", "How long to sleep, in seconds.", &[], None),
    ("StorageOSVolumeSource", "fsType", "Filesystem of the volume, e.g. `ext4`.", &[], None),
    ("StorageOSVolumeSource", "readOnly", "Mounts the volume read-only.", &[], None),
    ("StorageOSVolumeSource", "secretRef", "Secret with the StorageOS API credentials.", &[], None),
    ("StorageOSVolumeSource", "volumeName", "Name of the StorageOS volume, unique within its StorageOS namespace.", &[], None),
    ("StorageOSVolumeSource", "volumeNamespace", "StorageOS namespace of the volume; the pod's namespace when unset.", &[], None),
    ("Sysctl", "name", "Kernel parameter to set, e.g. `net.ipv4.ip_local_port_range`.", &[], None),
    ("Sysctl", "value", "Value to set, as a string.", &[], None),
    ("TCPSocketAction", "host", "Host to connect to; the pod's IP when unset.", &[], None),
    ("TCPSocketAction", "port", "Port to connect to: a number, or the name of one of the container's ports.", &[], None),
    ("Toleration", "effect", "Taint effect to tolerate; empty tolerates every effect.", &["", "NoSchedule", "PreferNoSchedule", "NoExecute"], None),
    ("Toleration", "key", "Taint key to match; empty together with `operator: Exists` tolerates every taint.", &[], None),
    ("Toleration", "operator", "`Equal` matches `value`; `Exists` matches any value of the key.", &["Equal", "Exists"], Some("Equal")),
    ("Toleration", "tolerationSeconds", "Only with effect `NoExecute`: how long the pod may stay on a node after the taint appears before it is evicted (forever when unset); eviction fails the running step.", &[], None),
    ("Toleration", "value", "Taint value to match with `operator: Equal`; leave it empty with `Exists`.", &[], None),
    ("TypedLocalObjectReference", "apiGroup", "API group of the object, e.g. `snapshot.storage.k8s.io`; empty for core kinds such as `PersistentVolumeClaim`.", &[], None),
    ("TypedLocalObjectReference", "kind", "Kind of the object, e.g. `VolumeSnapshot` or `PersistentVolumeClaim`.", &[], None),
    ("TypedLocalObjectReference", "name", "Name of the object, in the same namespace.", &[], None),
    ("TypedObjectReference", "apiGroup", "API group of the object, e.g. `snapshot.storage.k8s.io`; empty for core kinds such as `PersistentVolumeClaim`.", &[], None),
    ("TypedObjectReference", "kind", "Kind of the object, e.g. `VolumeSnapshot` or `PersistentVolumeClaim`.", &[], None),
    ("TypedObjectReference", "name", "Name of the object.", &[], None),
    ("TypedObjectReference", "namespace", "Namespace of the object when it is not the claim's own; needs a ReferenceGrant there and the cross-namespace data source feature gate.", &[], None),
    ("Volume", "awsElasticBlockStore", "Mounts an AWS EBS volume directly. Deprecated in-tree type: current clusters serve it only through CSI migration (the EBS CSI driver must be installed); prefer a persistent volume claim.", &[], None),
    ("Volume", "azureDisk", "Mounts an Azure data disk directly. Deprecated in-tree type: current clusters serve it only through CSI migration (the Azure Disk CSI driver must be installed); prefer a persistent volume claim.", &[], None),
    ("Volume", "azureFile", "Mounts an Azure Files share. Deprecated in-tree type: current clusters serve it only through CSI migration (the Azure Files CSI driver must be installed); prefer a persistent volume claim.", &[], None),
    ("Volume", "cephfs", "Mounts a CephFS filesystem. Legacy in-tree type, deprecated or removed in current Kubernetes; prefer a CSI driver through a persistent volume claim.", &[], None),
    ("Volume", "cinder", "Mounts an OpenStack Cinder volume directly. Deprecated in-tree type: current clusters serve it only through CSI migration (the Cinder CSI driver must be installed); prefer a persistent volume claim.", &[], None),
    ("Volume", "configMap", "Mounts the keys of a config map as files, e.g. a step's configuration.", &[], None),
    ("Volume", "csi", "An inline volume from a CSI driver that supports ephemeral use, such as the secrets-store driver.", &[], None),
    ("Volume", "downwardAPI", "Writes pod metadata (labels, annotations) and resource values into files.", &[], None),
    ("Volume", "emptyDir", "An empty directory that lives as long as the pod. Every step is its own pod, so it is shared by the containers of one step (main, init, sidecars), never between steps.", &[], None),
    ("Volume", "ephemeral", "A claim created with the pod and deleted with it: like `emptyDir`, but from a storage class.", &[], None),
    ("Volume", "fc", "Mounts a Fibre Channel volume attached to the node.", &[], None),
    ("Volume", "flexVolume", "Mounts a volume through a FlexVolume driver installed on the node; deprecated in favour of CSI drivers.", &[], None),
    ("Volume", "flocker", "Mounts a Flocker dataset. Legacy in-tree type, deprecated or removed in current Kubernetes; prefer a CSI driver through a persistent volume claim.", &[], None),
    ("Volume", "gcePersistentDisk", "Mounts a GCE persistent disk directly. Deprecated in-tree type: current clusters serve it only through CSI migration (the GCE PD CSI driver must be installed); prefer a persistent volume claim.", &[], None),
    ("Volume", "gitRepo", "Clones a git repository into an empty directory. Deprecated and switched off on some recent clusters: use a `git` input artifact, which Argo supports directly.", &[], None),
    ("Volume", "glusterfs", "Mounts a GlusterFS volume. Legacy in-tree type, deprecated or removed in current Kubernetes; prefer a CSI driver through a persistent volume claim.", &[], None),
    ("Volume", "hostPath", "Mounts a file or directory of the node. Steps land on arbitrary nodes and node paths give a step power over its node; policies often forbid it, and artifacts or claims are the usual alternative.", &[], None),
    ("Volume", "image", "Mounts the content of an OCI image read-only; the cluster must have image volumes enabled.", &[], None),
    ("Volume", "iscsi", "Mounts an iSCSI disk attached to the node.", &[], None),
    ("Volume", "name", "Name of the volume, which `volumeMounts` refer to; a DNS label, unique within the pod (the workflow's and the template's volumes together).", &[], None),
    ("Volume", "nfs", "Mounts an NFS export; many pods may mount it at once.", &[], None),
    ("Volume", "persistentVolumeClaim", "Mounts an existing persistent volume claim. A `ReadWriteOnce` claim is usable from one node at a time, so parallel steps scheduled elsewhere stay Pending.", &[], None),
    ("Volume", "photonPersistentDisk", "Mounts a Photon Controller disk. Legacy in-tree type, deprecated or removed in current Kubernetes; prefer a CSI driver through a persistent volume claim.", &[], None),
    ("Volume", "portworxVolume", "Mounts a Portworx volume directly. Deprecated in-tree type: current clusters serve it only through CSI migration (the Portworx CSI driver must be installed); prefer a persistent volume claim.", &[], None),
    ("Volume", "projected", "Combines secrets, config maps, downward API data and service account tokens in one directory.", &[], None),
    ("Volume", "quobyte", "Mounts a Quobyte volume. Legacy in-tree type, deprecated or removed in current Kubernetes; prefer a CSI driver through a persistent volume claim.", &[], None),
    ("Volume", "rbd", "Mounts a Ceph RBD image. Legacy in-tree type, deprecated or removed in current Kubernetes; prefer a CSI driver through a persistent volume claim.", &[], None),
    ("Volume", "scaleIO", "Mounts a ScaleIO volume. Legacy in-tree type, deprecated or removed in current Kubernetes; prefer a CSI driver through a persistent volume claim.", &[], None),
    ("Volume", "secret", "Mounts the keys of a secret as files, kept in memory (tmpfs) rather than on the node's disk.", &[], None),
    ("Volume", "storageos", "Mounts a StorageOS volume. Legacy in-tree type, deprecated or removed in current Kubernetes; prefer a CSI driver through a persistent volume claim.", &[], None),
    ("Volume", "vsphereVolume", "Mounts a vSphere VMDK directly. Deprecated in-tree type: current clusters serve it only through CSI migration (the vSphere CSI driver must be installed); prefer a persistent volume claim.", &[], None),
    ("VolumeDevice", "devicePath", "Path inside the container where the raw block device appears, e.g. `/dev/xvda`.", &[], None),
    ("VolumeDevice", "name", "Name of a claim-backed volume of the pod whose claim has `volumeMode: Block`.", &[], None),
    ("VolumeMount", "mountPath", "Path inside the container where the volume appears. Must not contain `:`.", &[], None),
    ("VolumeMount", "mountPropagation", "Whether mounts made on the host or in the container propagate to the other side.", &["None", "HostToContainer", "Bidirectional"], Some("None")),
    ("VolumeMount", "name", "Name of the volume to mount; must match a volume of the pod (or a `volumeClaimTemplates` entry).", &[], None),
    ("VolumeMount", "readOnly", "Mounts the volume read-only.", &[], Some("false")),
    ("VolumeMount", "recursiveReadOnly", "Whether a read-only mount is also read-only for mounts below it.", &["Disabled", "IfPossible", "Enabled"], None),
    ("VolumeMount", "subPath", "Mounts only this sub-path of the volume instead of its root.", &[], None),
    ("VolumeMount", "subPathExpr", "Like `subPath`, but `$(VAR)` references to the container's environment are expanded, e.g. `$(POD_NAME)` for a directory per pod; cannot be combined with `subPath`.", &[], None),
    ("VolumeProjection", "clusterTrustBundle", "Writes CA certificates from ClusterTrustBundle objects into a file.", &[], None),
    ("VolumeProjection", "configMap", "Adds keys of a config map.", &[], None),
    ("VolumeProjection", "downwardAPI", "Adds pod metadata and resource values.", &[], None),
    ("VolumeProjection", "podCertificate", "Has the kubelet obtain a private key and certificate for the pod and write them into the volume.", &[], None),
    ("VolumeProjection", "secret", "Adds keys of a secret.", &[], None),
    ("VolumeProjection", "serviceAccountToken", "Adds a short-lived token of the pod's service account, e.g. for workload identity with a cloud provider.", &[], None),
    ("VolumeResourceRequirements", "limits", "Upper bound on the volume's size, where the storage supports one.", &[], None),
    ("VolumeResourceRequirements", "requests", "Size to provision, e.g. `storage: 10Gi`.", &[], None),
    ("VsphereVirtualDiskVolumeSource", "fsType", "Filesystem of the disk, e.g. `ext4`.", &[], None),
    ("VsphereVirtualDiskVolumeSource", "storagePolicyID", "ID of the storage policy (SPBM) profile that goes with `storagePolicyName`.", &[], None),
    ("VsphereVirtualDiskVolumeSource", "storagePolicyName", "Name of the storage policy (SPBM) profile.", &[], None),
    ("VsphereVirtualDiskVolumeSource", "volumePath", "Path of the VMDK that is the volume, e.g. `[datastore1] volumes/disk.vmdk`.", &[], None),
    ("WeightedPodAffinityTerm", "podAffinityTerm", "Which pods to be near (or away from), and what counts as the same place.", &[], None),
    ("WeightedPodAffinityTerm", "weight", "How much this wish counts, from 1 to 100.", &[], None),
    ("WindowsSecurityContextOptions", "gmsaCredentialSpec", "Content of a GMSA credential spec, inline; usually filled in by the GMSA webhook from `gmsaCredentialSpecName`.", &[], None),
    ("WindowsSecurityContextOptions", "gmsaCredentialSpecName", "Name of the GMSA credential spec resource to use.", &[], None),
    ("WindowsSecurityContextOptions", "hostProcess", "Runs the container as a process on the Windows host itself; needs `hostNetwork` and must be the same for every container of the pod.", &[], None),
    ("WindowsSecurityContextOptions", "runAsUserName", "Windows user the entrypoint runs as, e.g. `ContainerUser`.", &[], None),
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
    use crate::api::{
        ArgoVersion, Kind, Origin, Shape, TypeDef, all_types, lookup_type, root_type,
    };
    use std::collections::{BTreeMap, BTreeSet};

    /// Every Kubernetes field reachable from the four kinds in `v`, as `(type, field)`:
    /// the fields of Kubernetes types and the Kubernetes fields Argo types embed (a script
    /// template's `image`), following only fields present in `v`.
    fn reachable_k8s_fields(v: ArgoVersion) -> Vec<(&'static TypeDef, &'static FieldDef)> {
        let mut seen: BTreeSet<&'static str> = BTreeSet::new();
        let mut stack: Vec<&'static TypeDef> = Kind::ALL.iter().map(|k| root_type(*k)).collect();
        let mut out = Vec::new();
        while let Some(t) = stack.pop() {
            if !seen.insert(t.id) {
                continue;
            }
            if let Shape::Alias(ty) = t.shape {
                stack.extend(ty.target());
            }
            for f in t.fields_in(v) {
                stack.extend(f.ty.target());
                let own = t.fields.iter().any(|o| std::ptr::eq(o, f));
                if t.origin == Origin::Kubernetes || !own {
                    out.push((t, f));
                }
            }
        }
        out
    }

    /// No Kubernetes field reachable from the four kinds, in any modelled version, is left
    /// without a description (they show in `explain`, `docs/fields/`, the schemas and hover).
    #[test]
    fn every_reachable_kubernetes_field_is_described() {
        let mut missing: BTreeMap<String, Versions> = BTreeMap::new();
        let mut n = BTreeSet::new();
        for v in ArgoVersion::ALL {
            for (t, f) in reachable_k8s_fields(v) {
                n.insert((t.id, f.name));
                if f.description.len() <= 10 || f.description.contains("TODO") {
                    let vs = missing.entry(format!("{}.{}", t.name, f.name)).or_default();
                    *vs = vs.union(Versions::only(v));
                }
                if let Some(d) = f.default
                    && !f.enum_values.is_empty()
                {
                    assert!(
                        f.enum_values.contains(&d),
                        "{}.{}: default {d:?} not allowed",
                        t.name,
                        f.name
                    );
                }
            }
        }
        assert!(n.len() > 400, "only {} Kubernetes fields reached", n.len());
        assert!(
            missing.is_empty(),
            "{} Kubernetes fields need a description in k8s_docs::FIELDS:\n{}",
            missing.len(),
            missing
                .iter()
                .map(|(f, vs)| format!("{f} ({vs})"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    /// Every Kubernetes field of the model, reachable or not, is described too.
    #[test]
    fn every_kubernetes_field_is_described() {
        for t in all_types().filter(|t| t.origin == Origin::Kubernetes) {
            for f in t.all_fields() {
                assert!(
                    f.description.len() > 10,
                    "{}.{} needs a description",
                    t.name,
                    f.name
                );
            }
        }
    }

    /// Every entry must name a real Kubernetes field, or it silently documents nothing; no
    /// field is listed twice (the first entry would win silently); a default is one of the
    /// allowed values.
    #[test]
    fn every_entry_names_a_real_field() {
        let mut seen = BTreeSet::new();
        for (ty, name, desc, values, default) in FIELDS {
            assert!(seen.insert((ty, name)), "{ty}.{name} is listed twice");
            if let Some(d) = default {
                assert!(
                    values.is_empty() || values.contains(d),
                    "{ty}.{name}: default {d:?}"
                );
            }
            // By name among the Kubernetes types: `HTTPHeader` is also an Argo type.
            let t = all_types()
                .find(|t| t.origin == Origin::Kubernetes && t.name == *ty)
                .unwrap_or_else(|| panic!("unknown type {ty}"));
            assert!(t.field(name).is_some(), "{ty}.{name} does not exist");
            assert!(!desc.is_empty());
        }
        for (ty, _) in TYPES {
            assert!(lookup_type(ty).is_some(), "unknown type {ty}");
        }
    }
}
