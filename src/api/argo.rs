//! The Argo types (`io.argoproj.workflow.v1alpha1.*`), written by hand: the reviewable source of
//! truth for field types, allowed values, defaults, deprecations and descriptions.
//!
//! Rules for editing:
//! - Descriptions are argolint's own words: what the field does for a user and the trap, if
//!   any. Never paste or paraphrase upstream's text.
//! - Versions and required-ness are NOT written here: [`fill`] takes them from the generated
//!   facts table ([`super::facts`]). A field listed here that upstream never had ends up with
//!   no versions and fails the coverage test.
//! - A field whose type changed between releases is listed once per type, each restricted with
//!   `.within(..)` to the releases where it has that type.
//! - Enum values come from the Argo Go constants; leave a field open when unsure.

#![allow(non_upper_case_globals)]

use super::ArgoVersion;
use super::facts::{self, k8s};
use super::types::Ty::{Array, Map, Ref};
use super::types::{FieldDef, Origin, Shape, Ty, TypeDef, Versions, str_cmp, str_eq};

const STR: Ty = Ty::String;
const BOOL: Ty = Ty::Bool;
const INT: Ty = Ty::Int;
const NUM: Ty = Ty::Number;
const IOS: Ty = Ty::IntOrString;
const DUR: Ty = Ty::Duration;
const TIME: Ty = Ty::Time;
const BYTES: Ty = Ty::Bytes;
const ANYSTR: Ty = Ty::AnyString;

/// A field with its description; versions come later from [`fill`].
const fn f(name: &'static str, ty: Ty, description: &'static str) -> FieldDef {
    let mut fd = FieldDef::new(name, ty);
    fd.description = description;
    fd
}

/// Versions of an Argo field from the facts table: `(present, required)`.
const fn argo_field_facts(ty: &str, field: &str) -> (Versions, Versions) {
    let table = facts::ARGO_FIELDS;
    let (mut lo, mut hi) = (0, table.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let (t, n, v, r) = table[mid];
        let ord = match str_cmp(t, ty) {
            std::cmp::Ordering::Equal => str_cmp(n, field),
            o => o,
        };
        match ord {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return (v, r),
        }
    }
    (Versions::NONE, Versions::NONE)
}

/// Versions in which an Argo type is reachable from the four kinds.
const fn argo_type_versions(ty: &str) -> Versions {
    let mut i = 0;
    while i < facts::ARGO_TYPES.len() {
        if str_eq(facts::ARGO_TYPES[i].0, ty) {
            return facts::ARGO_TYPES[i].1;
        }
        i += 1;
    }
    Versions::NONE
}

/// Give each field of `ty` its versions and required-ness from the facts table.
const fn fill<const N: usize>(ty: &str, mut fields: [FieldDef; N]) -> [FieldDef; N] {
    let mut i = 0;
    while i < N {
        let (present, required) = argo_field_facts(ty, fields[i].name);
        fields[i].versions = fields[i].versions.intersect(present);
        fields[i].required = fields[i].versions.intersect(required);
        i += 1;
    }
    fields
}

macro_rules! argo_types {
    ($(
        $name:ident $(as ($shape:expr))? $(embeds ($emb:ident))? = $desc:literal
            $({ $($field:expr),* $(,)? })? $([$arr:expr])?
    )*) => {
        $(
            pub static $name: TypeDef = TypeDef {
                name: stringify!($name),
                id: concat!("io.argoproj.workflow.v1alpha1.", stringify!($name)),
                origin: Origin::Argo,
                description: $desc,
                shape: argo_types!(@shape $($shape)?),
                fields: &fill(stringify!($name), argo_types!(@fields $([$($field),*])? $($arr)?)),
                embedded: argo_types!(@emb $($emb)?),
                embeds: argo_types!(@embname $($emb)?),
                versions: argo_type_versions(stringify!($name)),
            };
        )*
        /// Every Argo type, alphabetical.
        pub static ALL: &[&TypeDef] = &[$(&$name),*];
    };
    (@shape) => { Shape::Object };
    (@shape $s:expr) => { $s };
    (@fields) => { [] };
    (@fields $a:expr) => { $a };
    (@emb) => { &[] };
    (@emb $e:ident) => { facts::$e };
    (@embname) => { None };
    (@embname $e:ident) => { Some("Container") };
}

// Shared value sets.
const RETRY_POLICIES: &[&str] = &["Always", "OnFailure", "OnError", "OnTransientError"];
const ARTIFACT_GC_STRATEGIES: &[&str] = &["OnWorkflowCompletion", "OnWorkflowDeletion", "Never"];
const API_VERSION: &[&str] = &["argoproj.io/v1alpha1"];

// Descriptions shared by several types.
const D_API_VERSION: &str = "Always `argoproj.io/v1alpha1`.";
const D_METADATA: &str =
    "Kubernetes object metadata: `name` (or `generateName`), `namespace`, `labels`, `annotations`.";
const D_ACCESS_KEY: &str = "Secret key holding the access key id. Leave out to use the pod's cloud identity (IRSA, workload identity) with `useSDKCreds`.";
const D_SECRET_KEY: &str =
    "Secret key holding the secret access key that goes with `accessKeySecret`.";
const D_BUCKET: &str = "Name of the bucket.";
const D_ENDPOINT_HOST: &str = "Host (and optional port) of the object store, without a scheme, e.g. `s3.amazonaws.com` or `minio:9000`.";
const D_SDK_CREDS: &str = "Use the cloud SDK's default credential chain (instance role, workload identity, environment) instead of secrets.";
const D_KEY_FORMAT: &str = "Template for the object key of saved artifacts; may use workflow variables such as `{{workflow.name}}/{{pod.name}}`.";
const D_USER_SECRET: &str = "Secret key holding the user name.";
const D_PASS_SECRET: &str = "Secret key holding the password or token.";
const D_ARCHIVE_LOGS: &str = "Save the main container's log as an artifact. Needs an artifact repository; logs vanish with the pod otherwise.";
const D_S3_CREATE: &str = "Create the bucket before saving outputs if it does not exist.";
const D_S3_ENCRYPTION: &str = "Server-side encryption settings for saved objects.";
const D_S3_INSECURE: &str =
    "Talk plain HTTP instead of HTTPS. Only for local test stores such as a dev MinIO.";
const D_S3_REGION: &str = "Bucket region; detected from the endpoint when left out.";
const D_S3_ROLE: &str = "ARN of an IAM role to assume before accessing the bucket.";
const D_S3_CA: &str =
    "Secret key holding a CA certificate to trust when connecting over TLS (self-signed stores).";
const D_S3_SESSION: &str = "Secret key holding a session token, for temporary credentials.";
const D_S3_ADDRESSING: &str = "How the bucket appears in request URLs: in the path, or as a sub-domain (virtual-hosted). Empty lets the client decide; some S3-compatible stores need `virtual-hosted`.";
const S3_ADDRESSING: &[&str] = &["", "path", "virtual-hosted"];
const D_HDFS_ADDRESSES: &str = "Name node addresses, `host:port`.";
const D_HDFS_FORCE: &str = "Overwrite the file if it already exists.";
const D_HDFS_USER: &str = "User to act as when Kerberos is not used.";
const D_HDFS_CCACHE: &str = "Secret key holding a Kerberos credential cache; use it or a keytab.";
const D_HDFS_KRBCONF: &str =
    "Config map key holding `krb5.conf`; needed whenever Kerberos is used.";
const D_HDFS_KEYTAB: &str = "Secret key holding a Kerberos keytab; use it or a credential cache.";
const D_HDFS_REALM: &str = "Kerberos realm; needed with a keytab.";
const D_HDFS_SPN: &str =
    "Kerberos service principal of the name node; needed whenever Kerberos is used.";
const D_HDFS_KUSER: &str = "Kerberos user name; needed with a keytab.";
const D_HDFS_DTP: &str = "Protection for HDFS data transfer, matching the cluster's `dfs.data.transfer.protection` (`authentication`, `integrity` or `privacy`).";
const D_OSS_LIFECYCLE: &str = "Bucket lifecycle rule Argo applies when it creates the bucket.";
const D_OSS_TOKEN: &str = "Temporary security token (STS) to use with the access key.";
const D_OSS_CREATE: &str = "Create the bucket before saving outputs if it does not exist.";
const D_AZ_KEY: &str =
    "Secret key holding the storage account's access key. Leave out with `useSDKCreds`.";
const D_AZ_CONTAINER: &str =
    "Blob container (not a Kubernetes container) that holds the artifacts.";
const D_AZ_ENDPOINT: &str =
    "Storage account endpoint URL, typically `https://<account>.blob.core.windows.net`.";
const D_PLUGIN_CONFIG: &str =
    "Configuration passed to the artifact driver plugin, as text (often YAML or JSON).";
const D_PLUGIN_NAME: &str = "Name of the artifact driver plugin, as configured in the controller.";
const D_GCS_SA: &str =
    "Secret key holding a service account JSON key. Leave out to use workload identity.";
const D_WHEN: &str = "Condition evaluated before running; when false the node is skipped. Govaluate syntax with `{{...}}` substitutions, e.g. `{{steps.flip.outputs.result}} == heads`.";
const D_ON_EXIT: &str = "Template to run when this step or task ends, whatever its outcome.";
const D_HOOKS: &str = "Templates run on events, keyed by name: `exit` runs when the node ends; any other key is a hook that runs when its `expression` becomes true.";
const D_INLINE: &str = "A template written in place instead of naming one with `template`.";
const D_TEMPLATE_NAME: &str = "Name of the template (in this workflow) to run.";
const D_TEMPLATE_REF: &str =
    "Runs a template from a WorkflowTemplate or ClusterWorkflowTemplate instead of this workflow.";
const D_ARGUMENTS: &str = "Parameters and artifacts passed to the template's inputs.";
const D_CONTINUE_ON: &str =
    "Lets the workflow carry on when this node fails or errors instead of failing the parent.";
const D_WITH_ITEMS: &str = "Runs one copy per list item, in parallel; each copy sees its item as `{{item}}` (or `{{item.field}}` for objects).";
const D_WITH_PARAM: &str = "Runs one copy per element of a JSON list held in a parameter, e.g. `{{steps.gen.outputs.result}}`. The value must be valid JSON at run time.";
const D_WITH_SEQUENCE: &str =
    "Runs one copy per number of a generated range, available as `{{item}}`.";
const D_SVC_ACCOUNT: &str = "Service account of the pods. It needs the RBAC Argo's executor uses (creating `workflowtaskresults`).";
const D_SECRET_SEL: &str = "Secret key holding the value.";
const D_STATUS: &str = "Written by the controller; do not set it in manifests.";
const D_PROM_VALUE: &str = "Value to record, usually a `{{...}}` expression such as `{{duration}}` or `{{outputs.parameters.x}}`; must render as a number.";
const D_ART_NAME: &str = "Name of the artifact, unique within its inputs or outputs; referenced as `{{inputs.artifacts.NAME}}`.";

/// Fields of `Artifact`, shared with `ArtifactPaths` which has exactly the same ones.
const ARTIFACT_FIELDS: [FieldDef; 23] = [
    f(
        "archive",
        Ref(&ArchiveStrategy),
        "How an output is packed before upload: tar+gzip (the default), zip, or uploaded as is with `none: {}`.",
    ),
    f("archiveLogs", BOOL, D_ARCHIVE_LOGS),
    f(
        "artifactGC",
        Ref(&ArtifactGC),
        "When this artifact is deleted from the repository; overrides the workflow-level `artifactGC`.",
    ),
    f(
        "artifactory",
        Ref(&ArtifactoryArtifact),
        "Location in a JFrog Artifactory repository.",
    ),
    f(
        "azure",
        Ref(&AzureArtifact),
        "Location in Azure Blob Storage.",
    ),
    f(
        "deleted",
        BOOL,
        "Set by the controller once artifact garbage collection has deleted the object.",
    ),
    f(
        "from",
        STR,
        "Takes the artifact from another node's outputs, e.g. `{{steps.gen.outputs.artifacts.out}}`.",
    ),
    f(
        "fromExpression",
        STR,
        "Expression (expr syntax) that picks the artifact to use, e.g. choosing between two steps' outputs.",
    ),
    f(
        "gcs",
        Ref(&GCSArtifact),
        "Location in a Google Cloud Storage bucket.",
    ),
    f(
        "git",
        Ref(&GitArtifact),
        "A git repository checked out as an input artifact.",
    ),
    f(
        "globalName",
        STR,
        "Also publishes this output workflow-wide as `{{workflow.outputs.artifacts.NAME}}`.",
    ),
    f("hdfs", Ref(&HDFSArtifact), "Location in HDFS."),
    f(
        "http",
        Ref(&HTTPArtifact),
        "A file downloaded over HTTP(S) as an input, or uploaded to a URL as an output.",
    ),
    f(
        "mode",
        INT,
        "Permission bits of an input artifact's files, e.g. `0755`: Kubernetes' YAML 1.1 reads a leading 0 as octal (493), a YAML 1.2 tool reads 755; the decimal `493` is unambiguous.",
    ),
    f("name", STR, D_ART_NAME),
    f(
        "optional",
        BOOL,
        "Do not fail when the artifact is missing: inputs are skipped, outputs not produced are ignored.",
    ),
    f("oss", Ref(&OSSArtifact), "Location in Alibaba Cloud OSS."),
    f(
        "path",
        STR,
        "Path in the container where an input is placed or from which an output is collected.",
    ),
    f(
        "plugin",
        Ref(&PluginArtifact),
        "Location handled by an artifact driver plugin.",
    ),
    f(
        "raw",
        Ref(&RawArtifact),
        "Literal file content given inline.",
    ),
    f(
        "recurseMode",
        BOOL,
        "Apply `mode` to every file under a directory artifact, not just the top.",
    ),
    f(
        "s3",
        Ref(&S3Artifact),
        "Location in Amazon S3 or an S3-compatible store such as MinIO.",
    ),
    f(
        "subPath",
        STR,
        "Uses only this path inside the source artifact (a file or folder within it).",
    ),
];

argo_types! {
    Amount as (Shape::Alias(NUM)) = "A number (for histogram buckets)." {}

    ArchiveStrategy = "How an output artifact is packed before upload; set exactly one of `tar`, `zip` or `none`." {
        f("none", Ref(&NoneStrategy), "Upload files as they are, without packing. A directory is stored as many objects, which the repository driver must support."),
        f("tar", Ref(&TarStrategy), "Pack as a gzipped tarball (what happens when `archive` is left out)."),
        f("zip", Ref(&ZipStrategy), "Pack as a zip file."),
    }

    Arguments = "Values passed to a template's inputs (or, on a workflow, to the entrypoint and as `{{workflow.parameters.*}}`)." {
        f("artifacts", Array(&Ref(&Artifact)), "Artifacts to pass, matched to the inputs by name."),
        f("parameters", Array(&Ref(&Parameter)), "Parameters to pass, matched to the inputs by name."),
    }

    ArtGCStatus = "Bookkeeping of artifact garbage collection. Written by the controller." {
        f("notSpecified", BOOL, D_STATUS),
        f("podsRecouped", Map(&BOOL), D_STATUS),
        f("strategiesProcessed", Map(&BOOL), D_STATUS),
    }

    Artifact = "A file or directory a template consumes or produces, and where it is stored." [ARTIFACT_FIELDS]

    ArtifactGC = "When an artifact is deleted from its repository, and how the deleting pod runs." {
        f("podMetadata", Ref(&Metadata), "Labels and annotations for the pod that deletes artifacts."),
        f("serviceAccountName", STR, "Service account of the deleting pod; it needs delete rights on the repository."),
        f("strategy", STR, "When to delete: on workflow completion, on workflow deletion, or never.").enums(ARTIFACT_GC_STRATEGIES),
    }

    ArtifactLocation = "Where artifacts of a template are stored by default (its `archiveLocation`); set one repository kind." {
        f("archiveLogs", BOOL, D_ARCHIVE_LOGS),
        f("artifactory", Ref(&ArtifactoryArtifact), "An Artifactory location."),
        f("azure", Ref(&AzureArtifact), "An Azure Blob Storage location."),
        f("gcs", Ref(&GCSArtifact), "A Google Cloud Storage location."),
        f("git", Ref(&GitArtifact), "A git location."),
        f("hdfs", Ref(&HDFSArtifact), "An HDFS location."),
        f("http", Ref(&HTTPArtifact), "An HTTP location."),
        f("oss", Ref(&OSSArtifact), "An Alibaba Cloud OSS location."),
        f("plugin", Ref(&PluginArtifact), "A plugin-driven location."),
        f("raw", Ref(&RawArtifact), "Content given inline in the manifest."),
        f("s3", Ref(&S3Artifact), "An S3 (or S3-compatible) location."),
    }

    ArtifactPaths = "The artifact whose files a data template lists (same fields as an artifact)." [ARTIFACT_FIELDS]

    ArtifactRepository = "An artifact repository configuration, as found in the controller config or an `artifact-repositories` config map." {
        f("archiveLogs", BOOL, D_ARCHIVE_LOGS),
        f("artifactory", Ref(&ArtifactoryArtifactRepository), "Store artifacts in JFrog Artifactory."),
        f("azure", Ref(&AzureArtifactRepository), "Store artifacts in Azure Blob Storage."),
        f("gcs", Ref(&GCSArtifactRepository), "Store artifacts in Google Cloud Storage."),
        f("hdfs", Ref(&HDFSArtifactRepository), "Store artifacts in HDFS."),
        f("oss", Ref(&OSSArtifactRepository), "Store artifacts in Alibaba Cloud OSS."),
        f("plugin", Ref(&PluginArtifactRepository), "Store artifacts through an artifact driver plugin."),
        f("s3", Ref(&S3ArtifactRepository), "Store artifacts in S3 or an S3-compatible store."),
    }

    ArtifactRepositoryRef = "Picks the artifact repository from a config map in the workflow's namespace." {
        f("configMap", STR, "Name of the config map.").default("artifact-repositories"),
        f("key", STR, "Key within the config map; the one named by the map's `workflows.argoproj.io/default-artifact-repository` annotation when left out."),
    }

    ArtifactRepositoryRefStatus = "The artifact repository the controller resolved for this workflow. Written by the controller." {
        f("artifactRepository", Ref(&ArtifactRepository), D_STATUS),
        f("configMap", STR, D_STATUS),
        f("default", BOOL, D_STATUS),
        f("key", STR, D_STATUS),
        f("namespace", STR, D_STATUS),
    }

    ArtifactoryArtifact = "An artifact in JFrog Artifactory." {
        f("passwordSecret", Ref(&k8s::SecretKeySelector), D_PASS_SECRET),
        f("url", STR, "Full URL of the artifact in the repository."),
        f("usernameSecret", Ref(&k8s::SecretKeySelector), D_USER_SECRET),
    }

    ArtifactoryArtifactRepository = "A JFrog Artifactory repository for artifacts." {
        f("keyFormat", STR, D_KEY_FORMAT),
        f("passwordSecret", Ref(&k8s::SecretKeySelector), D_PASS_SECRET),
        f("repoURL", STR, "Base URL of the Artifactory repository."),
        f("usernameSecret", Ref(&k8s::SecretKeySelector), D_USER_SECRET),
    }

    AzureArtifact = "A blob in Azure Blob Storage." {
        f("accountKeySecret", Ref(&k8s::SecretKeySelector), D_AZ_KEY),
        f("blob", STR, "Path of the blob within the container."),
        f("container", STR, D_AZ_CONTAINER),
        f("endpoint", STR, D_AZ_ENDPOINT),
        f("useSDKCreds", BOOL, D_SDK_CREDS),
    }

    AzureArtifactRepository = "An Azure Blob Storage container for artifacts." {
        f("accountKeySecret", Ref(&k8s::SecretKeySelector), D_AZ_KEY),
        f("blobNameFormat", STR, "Template for blob names of saved artifacts; may use workflow variables."),
        f("container", STR, D_AZ_CONTAINER),
        f("endpoint", STR, D_AZ_ENDPOINT),
        f("useSDKCreds", BOOL, D_SDK_CREDS),
    }

    Backoff = "Waiting between retries: `duration`, multiplied by `factor` after each failure, capped by `cap`, all within `maxDuration`." {
        f("cap", DUR, "Upper bound for one wait: the growing delay never exceeds it."),
        f("duration", DUR, "Wait before the first retry (and base of the growth). A bare number is seconds, but write it as a string (`\"10\"`) or with a unit (`\"10s\"`)."),
        f("factor", IOS, "Multiplier applied to the wait after each failed retry, e.g. `2` doubles it. Without it every wait is `duration`."),
        f("maxDuration", DUR, "Stops retrying once this much time has passed since the FIRST attempt started; no new retry starts after it. Trap: it also becomes the deadline of retried pods, replacing a shorter or longer `activeDeadlineSeconds`."),
    }

    BasicAuth = "HTTP basic authentication from secrets." {
        f("passwordSecret", Ref(&k8s::SecretKeySelector), D_PASS_SECRET),
        f("usernameSecret", Ref(&k8s::SecretKeySelector), D_USER_SECRET),
    }

    Cache = "Where memoized outputs are stored." {
        f("configMap", Ref(&k8s::ConfigMapKeySelector), "Config map that holds the cache entries (created if missing). The `key` part is ignored.").within(Versions::until(ArgoVersion::V3_7)),
        f("configMap", Ref(&k8s::LocalObjectReference), "Config map that holds the cache entries, by name (created if missing).").within(Versions::since(ArgoVersion::V4_0)),
    }

    ClientCertAuth = "TLS client-certificate authentication from secrets." {
        f("clientCertSecret", Ref(&k8s::SecretKeySelector), "Secret key holding the PEM client certificate."),
        f("clientKeySecret", Ref(&k8s::SecretKeySelector), "Secret key holding the PEM private key of the certificate."),
    }

    ClusterWorkflowTemplate = "A cluster-wide library of templates, usable from any namespace via `templateRef` with `clusterScope: true`." {
        f("apiVersion", STR, D_API_VERSION).enums(API_VERSION),
        f("kind", STR, "Always `ClusterWorkflowTemplate`.").enums(&["ClusterWorkflowTemplate"]),
        f("metadata", Ref(&k8s::ObjectMeta), "Object metadata. Cluster-scoped: a `namespace` here is ignored."),
        f("spec", Ref(&WorkflowSpec), "The templates and defaults, written like a workflow's spec."),
    }

    Condition = "A condition reported on a workflow or cron workflow. Written by the controller." {
        f("message", STR, D_STATUS),
        f("status", STR, D_STATUS),
        f("type", STR, D_STATUS),
    }

    ContainerNode embeds (ContainerNode_CONTAINER) = "One container of a container set. Also takes every field of a Kubernetes `Container`." {
        f("dependencies", Array(&STR), "Names of containers in the set that must finish successfully before this one starts."),
    }

    ContainerSetRetryStrategy = "Retries of individual containers inside a container-set pod." {
        f("duration", DUR, "Wait between retries, with a unit, e.g. `\"5s\"`."),
        f("retries", IOS, "How many times a failing container is retried."),
    }

    ContainerSetTemplate = "Runs several containers in one pod, ordered by their `dependencies`." {
        f("containers", Array(&Ref(&ContainerNode)), "The containers; one named `main` is the one whose outputs the template reports."),
        f("retryStrategy", Ref(&ContainerSetRetryStrategy), "Retries of individual containers within the pod (the template's own `retryStrategy` retries the whole pod)."),
        f("volumeMounts", Array(&Ref(&k8s::VolumeMount)), "Volume mounts added to every container of the set."),
    }

    ContinueOn = "Which failures of a node the workflow tolerates." {
        f("error", BOOL, "Carry on when the node errors (a problem outside the container, e.g. the pod could not be created)."),
        f("failed", BOOL, "Carry on when the node fails (non-zero exit)."),
    }

    Counter = "A Prometheus counter." {
        f("value", STR, "Amount added each time the metric is emitted, usually `\"1\"`."),
    }

    CreateS3BucketOptions = "Options for creating a missing S3 bucket." {
        f("objectLocking", BOOL, "Create the bucket with S3 Object Lock enabled."),
    }

    CronWorkflow = "Submits a workflow on a cron schedule." {
        f("apiVersion", STR, D_API_VERSION).enums(API_VERSION),
        f("kind", STR, "Always `CronWorkflow`.").enums(&["CronWorkflow"]),
        f("metadata", Ref(&k8s::ObjectMeta), D_METADATA),
        f("spec", Ref(&CronWorkflowSpec), "The schedule and the workflow to submit."),
        f("status", Ref(&CronWorkflowStatus), D_STATUS),
    }

    CronWorkflowSpec = "When and how a cron workflow submits workflows." {
        f("concurrencyPolicy", STR, "What to do when a run is due while the previous one still runs: run both, skip the new one, or replace the old one.").enums(&["Allow", "Forbid", "Replace"]).default("Allow"),
        f("failedJobsHistoryLimit", INT, "How many failed workflows to keep; older ones are deleted.").default("1"),
        f("schedule", STR, "Cron expression, e.g. `\"0 * * * *\"` (quote it: YAML can misread `*`).").deprecated("use `schedules`, a list; removed in v4.0"),
        f("schedules", Array(&STR), "Cron expressions; a run is due whenever any of them matches."),
        f("startingDeadlineSeconds", INT, "How late a missed run (controller down, suspended) may still start; older missed runs are skipped."),
        f("stopStrategy", Ref(&StopStrategy), "Condition under which the cron workflow stops scheduling for good."),
        f("successfulJobsHistoryLimit", INT, "How many succeeded workflows to keep; older ones are deleted.").default("3"),
        f("suspend", BOOL, "Pause scheduling without deleting the cron workflow."),
        f("timezone", STR, "IANA time zone of the schedule, e.g. `Europe/Paris`. Unset means the controller's local time, usually UTC."),
        f("when", STR, "Expression evaluated at each due time; the run is skipped when it is false."),
        f("workflowMetadata", Ref(&k8s::ObjectMeta), "Labels, annotations and name prefix given to the submitted workflows."),
        f("workflowSpec", Ref(&WorkflowSpec), "The spec of each submitted workflow."),
    }

    CronWorkflowStatus = "State of a cron workflow. Written by the controller." {
        f("active", Array(&Ref(&k8s::ObjectReference)), D_STATUS),
        f("conditions", Array(&Ref(&Condition)), D_STATUS),
        f("failed", INT, D_STATUS),
        f("lastScheduledTime", TIME, D_STATUS),
        f("phase", STR, D_STATUS),
        f("succeeded", INT, D_STATUS),
    }

    DAGTask = "One node of a DAG: a template to run and what it depends on." {
        f("arguments", Ref(&Arguments), D_ARGUMENTS),
        f("continueOn", Ref(&ContinueOn), D_CONTINUE_ON),
        f("dependencies", Array(&STR), "Tasks that must succeed first. Do not combine with `depends`."),
        f("depends", STR, "Boolean expression over other tasks' results, e.g. `a && (b.Failed || c.Skipped)`; a bare name means it succeeded. Do not combine with `dependencies`."),
        f("hooks", Map(&Ref(&LifecycleHook)), D_HOOKS),
        f("inline", Ref(&Template), D_INLINE),
        f("name", STR, "Name of the task, unique in the DAG; used in `depends` and `{{tasks.NAME.*}}`. Avoid dashes at the start and characters that break expressions."),
        f("onExit", STR, D_ON_EXIT).deprecated("use `hooks: {exit: {template: ...}}`"),
        f("template", STR, D_TEMPLATE_NAME),
        f("templateRef", Ref(&TemplateRef), D_TEMPLATE_REF),
        f("when", STR, D_WHEN),
        f("withItems", Array(&Ref(&Item)), D_WITH_ITEMS),
        f("withParam", STR, D_WITH_PARAM),
        f("withSequence", Ref(&Sequence), D_WITH_SEQUENCE),
    }

    DAGTemplate = "Runs tasks as a dependency graph: each task starts as soon as what it depends on is done." {
        f("failFast", BOOL, "Stop starting new tasks once one fails (running ones finish). Set `false` to let independent branches go on.").default("true"),
        f("target", STR, "Space-separated task names to run (with what they depend on) instead of the whole DAG."),
        f("tasks", Array(&Ref(&DAGTask)), "The tasks of the graph."),
    }

    Data = "A data template: lists artifact files and transforms the list, without a user container." {
        f("source", Ref(&DataSource), "Where the data comes from."),
        f("transformation", Array(&Ref(&TransformationStep)), "Steps applied in order to the data."),
    }

    DataSource = "The input of a data template." {
        f("artifactPaths", Ref(&ArtifactPaths), "List the file paths inside an artifact (e.g. every key under an S3 prefix)."),
    }

    ExecutorConfig = "Settings of Argo's executor (the `wait` and `init` containers)." {
        f("serviceAccountName", STR, "Service account used by the executor containers, when it must differ from the pod's."),
    }

    ExecutorPlugin = "An executor plugin sidecar declared on the workflow itself." {
        f("metadata", Ref(&k8s::ObjectMeta), "Metadata of the plugin; `name` identifies it."),
        f("spec", Ref(&ExecutorPluginSpec), "How the plugin runs."),
    }

    ExecutorPluginSidecar = "The sidecar container that serves an executor plugin." {
        f("automountServiceAccountToken", BOOL, "Mount a service account token into the sidecar; the account must be named `<plugin>-executor-plugin`."),
        f("container", Ref(&k8s::Container), "The sidecar container."),
    }

    ExecutorPluginSpec = "Definition of an executor plugin." {
        f("sidecar", Ref(&ExecutorPluginSidecar), "The sidecar that implements the plugin."),
    }

    GCSArtifact = "An object in Google Cloud Storage." {
        f("bucket", STR, D_BUCKET),
        f("key", STR, "Path of the object in the bucket."),
        f("serviceAccountKeySecret", Ref(&k8s::SecretKeySelector), D_GCS_SA),
    }

    GCSArtifactRepository = "A Google Cloud Storage bucket for artifacts." {
        f("bucket", STR, D_BUCKET),
        f("keyFormat", STR, D_KEY_FORMAT),
        f("serviceAccountKeySecret", Ref(&k8s::SecretKeySelector), D_GCS_SA),
    }

    Gauge = "A Prometheus gauge." {
        f("operation", STR, "How `value` changes the gauge: replace it, add to it, or subtract from it.").enums(&["Set", "Add", "Sub"]).default("Set"),
        f("realtime", BOOL, "Update the gauge continuously while the node runs (only for `{{duration}}`-style values), not just at the end."),
        f("value", STR, D_PROM_VALUE),
    }

    GitArtifact = "A git repository checked out as an input artifact." {
        f("branch", STR, "Branch to clone when `singleBranch` is true."),
        f("depth", INT, "Shallow clone with this many commits of history."),
        f("disableSubmodules", BOOL, "Do not check out submodules."),
        f("fetch", Array(&STR), "Extra refspecs to fetch before checking out, e.g. `refs/pull/*/head:refs/remotes/pr/*`."),
        f("insecureIgnoreHostKey", BOOL, "Skip SSH host key checking. Convenient, but allows man-in-the-middle attacks."),
        f("insecureSkipTLS", BOOL, "Skip TLS certificate checks for HTTPS remotes."),
        f("passwordSecret", Ref(&k8s::SecretKeySelector), D_PASS_SECRET),
        f("repo", STR, "Clone URL, HTTPS or SSH."),
        f("revision", STR, "Commit, tag or branch to check out; the remote's default branch when unset."),
        f("singleBranch", BOOL, "Clone only `branch`, which is then required."),
        f("sshPrivateKeySecret", Ref(&k8s::SecretKeySelector), "Secret key holding the SSH private key for SSH URLs."),
        f("usernameSecret", Ref(&k8s::SecretKeySelector), D_USER_SECRET),
    }

    HDFSArtifact = "A file in HDFS." {
        f("addresses", Array(&STR), D_HDFS_ADDRESSES),
        f("dataTransferProtection", STR, D_HDFS_DTP),
        f("force", BOOL, D_HDFS_FORCE),
        f("hdfsUser", STR, D_HDFS_USER),
        f("krbCCacheSecret", Ref(&k8s::SecretKeySelector), D_HDFS_CCACHE),
        f("krbConfigConfigMap", Ref(&k8s::ConfigMapKeySelector), D_HDFS_KRBCONF),
        f("krbKeytabSecret", Ref(&k8s::SecretKeySelector), D_HDFS_KEYTAB),
        f("krbRealm", STR, D_HDFS_REALM),
        f("krbServicePrincipalName", STR, D_HDFS_SPN),
        f("krbUsername", STR, D_HDFS_KUSER),
        f("path", STR, "Path of the file in HDFS."),
    }

    HDFSArtifactRepository = "An HDFS location for artifacts." {
        f("addresses", Array(&STR), D_HDFS_ADDRESSES),
        f("dataTransferProtection", STR, D_HDFS_DTP),
        f("force", BOOL, D_HDFS_FORCE),
        f("hdfsUser", STR, D_HDFS_USER),
        f("krbCCacheSecret", Ref(&k8s::SecretKeySelector), D_HDFS_CCACHE),
        f("krbConfigConfigMap", Ref(&k8s::ConfigMapKeySelector), D_HDFS_KRBCONF),
        f("krbKeytabSecret", Ref(&k8s::SecretKeySelector), D_HDFS_KEYTAB),
        f("krbRealm", STR, D_HDFS_REALM),
        f("krbServicePrincipalName", STR, D_HDFS_SPN),
        f("krbUsername", STR, D_HDFS_KUSER),
        f("pathFormat", STR, "Template for file paths of saved artifacts; may use workflow variables."),
    }

    HTTP = "An HTTP template: the controller's agent pod sends one request and judges the response, without a user container." {
        f("body", STR, "Request body as text."),
        f("bodyFrom", Ref(&HTTPBodySource), "Request body as raw bytes, instead of `body`."),
        f("headers", Array(&Ref(&HTTPHeader)), "Request headers."),
        f("insecureSkipVerify", BOOL, "Accept any TLS certificate. Only for testing."),
        f("method", STR, "HTTP method, e.g. `GET` or `POST`.").default("GET"),
        f("successCondition", STR, "Expression on `response.statusCode`, `response.body` and `response.headers` that decides success; without it any 2xx status succeeds."),
        f("timeoutSeconds", INT, "Give up on the request after this many seconds.").default("30"),
        f("url", STR, "URL to call; may contain `{{...}}` substitutions."),
    }

    HTTPArtifact = "A file fetched from (or, as an output, sent to) a URL." {
        f("auth", Ref(&HTTPAuth), "Credentials for the request."),
        f("headers", Array(&Ref(&Header)), "Extra request headers."),
        f("saveStreamViaFile", BOOL, "Buffer an upload in a temporary file so it can be re-sent after a 307/308 redirect (e.g. WebHDFS); streaming directly cannot follow one."),
        f("url", STR, "URL of the file to fetch or upload."),
    }

    HTTPAuth = "How an HTTP artifact request authenticates; set one method." {
        f("basicAuth", Ref(&BasicAuth), "User name and password."),
        f("clientCert", Ref(&ClientCertAuth), "TLS client certificate."),
        f("oauth2", Ref(&OAuth2Auth), "OAuth2 client-credentials token."),
    }

    HTTPBodySource = "An HTTP request body given as bytes." {
        f("bytes", BYTES, "The body, base64-encoded."),
    }

    HTTPHeader = "A header of an HTTP template request." {
        f("name", STR, "Name of the header."),
        f("value", STR, "Literal header value."),
        f("valueFrom", Ref(&HTTPHeaderSource), "Take the value from a secret instead (for tokens)."),
    }

    HTTPHeaderSource = "Where an HTTP template header value comes from." {
        f("secretKeyRef", Ref(&k8s::SecretKeySelector), D_SECRET_SEL),
    }

    Header = "A header sent when fetching an HTTP artifact." {
        f("name", STR, "Name of the header."),
        f("value", STR, "Value of the header."),
    }

    Histogram = "A Prometheus histogram." {
        f("buckets", Array(&Ref(&Amount)), "Upper bounds of the buckets, as numbers in increasing order."),
        f("value", STR, D_PROM_VALUE),
    }

    Inputs = "What a template receives." {
        f("artifacts", Array(&Ref(&Artifact)), "Input artifacts, placed at their `path` before the container starts."),
        f("parameters", Array(&Ref(&Parameter)), "Input parameters, available as `{{inputs.parameters.NAME}}`."),
    }

    Item as (Shape::Any) = "One element of `withItems`: a string, number, boolean, list or object." {}

    LabelValueFrom = "A workflow label computed from an expression." {
        f("expression", STR, "Expression whose result becomes the label value (must be a valid label value)."),
    }

    LifecycleHook = "A template run on a workflow, step or task event." {
        f("arguments", Ref(&Arguments), D_ARGUMENTS),
        f("expression", STR, "Condition (expr syntax) that fires the hook, e.g. `steps.main.status == \"Running\"`. Not used by the `exit` hook."),
        f("template", STR, D_TEMPLATE_NAME),
        f("templateRef", Ref(&TemplateRef), D_TEMPLATE_REF),
    }

    ManifestFrom = "A Kubernetes manifest read from an artifact." {
        f("artifact", Ref(&Artifact), "The artifact holding the manifest."),
    }

    MemoizationStatus = "Whether a node's outputs came from the cache. Written by the controller." {
        f("cacheName", STR, D_STATUS),
        f("hit", BOOL, D_STATUS),
        f("key", STR, D_STATUS),
    }

    Memoize = "Reuses a template's outputs from an earlier run with the same key instead of running it again." {
        f("cache", Ref(&Cache), "Where entries are stored."),
        f("key", STR, "Cache key, usually built from inputs, e.g. `{{inputs.parameters.id}}`. Two calls with the same key share one result."),
        f("maxAge", DUR, "Entries older than this are ignored, e.g. `\"24h\"`. Without a unit the number is seconds."),
    }

    Metadata = "Labels and annotations added to pods." {
        f("annotations", Map(&STR), "Annotations to add; values must be strings."),
        f("labels", Map(&STR), "Labels to add; values must be strings (quote numbers and booleans)."),
    }

    MetricLabel = "A label of a Prometheus metric." {
        f("key", STR, "Name of the label."),
        f("value", STR, "Label value; may use `{{...}}` substitutions. Keep the set of values small: each distinct value is a new time series."),
    }

    Metrics = "Prometheus metrics emitted by a workflow or template." {
        f("prometheus", Array(&Ref(&Prometheus)), "The metrics to emit."),
    }

    Mutex = "A lock only one workflow or template holds at a time." {
        f("database", BOOL, "Keep the lock in the controller's database (shared by several controllers) instead of in memory."),
        f("name", STR, "Name of the lock; everything using the same name (in the same namespace) is serialised."),
        f("namespace", STR, "Namespace the lock belongs to; the workflow's namespace when unset."),
    }

    MutexHolding = "Who holds a mutex. Written by the controller." {
        f("holder", STR, D_STATUS),
        f("mutex", STR, D_STATUS),
    }

    MutexStatus = "Mutexes held and awaited. Written by the controller." {
        f("holding", Array(&Ref(&MutexHolding)), D_STATUS),
        f("waiting", Array(&Ref(&MutexHolding)), D_STATUS),
    }

    NodeFlag = "History markers of a node. Written by the controller." {
        f("hooked", BOOL, D_STATUS),
        f("retried", BOOL, D_STATUS),
    }

    NodeStatus = "State of one node of a running workflow. Written by the controller." {
        f("boundaryID", STR, D_STATUS),
        f("children", Array(&STR), D_STATUS),
        f("daemoned", BOOL, D_STATUS),
        f("displayName", STR, D_STATUS),
        f("estimatedDuration", INT, D_STATUS),
        f("failedPodRestarts", INT, D_STATUS),
        f("finishedAt", TIME, D_STATUS),
        f("hostNodeName", STR, D_STATUS),
        f("id", STR, D_STATUS),
        f("inputs", Ref(&Inputs), D_STATUS),
        f("memoizationStatus", Ref(&MemoizationStatus), D_STATUS),
        f("message", STR, D_STATUS),
        f("name", STR, D_STATUS),
        f("nodeFlag", Ref(&NodeFlag), D_STATUS),
        f("outboundNodes", Array(&STR), D_STATUS),
        f("outputs", Ref(&Outputs), D_STATUS),
        f("phase", STR, D_STATUS),
        f("podIP", STR, D_STATUS),
        f("progress", STR, D_STATUS),
        f("resourcesDuration", Map(&INT), D_STATUS),
        f("restartingPodUID", STR, D_STATUS),
        f("startedAt", TIME, D_STATUS),
        f("synchronizationStatus", Ref(&NodeSynchronizationStatus), D_STATUS),
        f("taskResultSynced", BOOL, D_STATUS),
        f("templateName", STR, D_STATUS),
        f("templateRef", Ref(&TemplateRef), D_STATUS),
        f("templateScope", STR, D_STATUS),
        f("type", STR, D_STATUS),
    }

    NodeSynchronizationStatus = "The lock a node waits for. Written by the controller." {
        f("waiting", STR, D_STATUS),
    }

    NoneStrategy = "No packing: write `none: {}`." {}

    OAuth2Auth = "OAuth2 client-credentials authentication for HTTP artifacts." {
        f("clientIDSecret", Ref(&k8s::SecretKeySelector), "Secret key holding the client id."),
        f("clientSecretSecret", Ref(&k8s::SecretKeySelector), "Secret key holding the client secret."),
        f("endpointParams", Array(&Ref(&OAuth2EndpointParam)), "Extra parameters sent to the token endpoint."),
        f("scopes", Array(&STR), "Scopes to request."),
        f("tokenURLSecret", Ref(&k8s::SecretKeySelector), "Secret key holding the token endpoint URL."),
    }

    OAuth2EndpointParam = "An extra parameter of an OAuth2 token request." {
        f("key", STR, "Name of the parameter."),
        f("value", STR, "Value of the parameter."),
    }

    OSSArtifact = "An object in Alibaba Cloud OSS." {
        f("accessKeySecret", Ref(&k8s::SecretKeySelector), D_ACCESS_KEY),
        f("bucket", STR, D_BUCKET),
        f("createBucketIfNotPresent", BOOL, D_OSS_CREATE),
        f("endpoint", STR, "OSS endpoint, e.g. `http://oss-cn-hangzhou-zmf.aliyuncs.com`."),
        f("key", STR, "Path of the object in the bucket."),
        f("lifecycleRule", Ref(&OSSLifecycleRule), D_OSS_LIFECYCLE),
        f("secretKeySecret", Ref(&k8s::SecretKeySelector), D_SECRET_KEY),
        f("securityToken", STR, D_OSS_TOKEN),
        f("useSDKCreds", BOOL, D_SDK_CREDS),
    }

    OSSArtifactRepository = "An Alibaba Cloud OSS bucket for artifacts." {
        f("accessKeySecret", Ref(&k8s::SecretKeySelector), D_ACCESS_KEY),
        f("bucket", STR, D_BUCKET),
        f("createBucketIfNotPresent", BOOL, D_OSS_CREATE),
        f("endpoint", STR, "OSS endpoint URL of the region."),
        f("keyFormat", STR, D_KEY_FORMAT),
        f("lifecycleRule", Ref(&OSSLifecycleRule), D_OSS_LIFECYCLE),
        f("secretKeySecret", Ref(&k8s::SecretKeySelector), D_SECRET_KEY),
        f("securityToken", STR, D_OSS_TOKEN),
        f("useSDKCreds", BOOL, D_SDK_CREDS),
    }

    OSSLifecycleRule = "Lifecycle of objects in an OSS bucket." {
        f("markDeletionAfterDays", INT, "Delete objects this many days after they were written."),
        f("markInfrequentAccessAfterDays", INT, "Move objects to Infrequent Access storage after this many days."),
    }

    Outputs = "What a template produces." {
        f("artifacts", Array(&Ref(&Artifact)), "Output artifacts, collected from their `path` after the container exits."),
        f("exitCode", STR, "Exit code of the main container. Written by the controller; read it as `{{steps.X.exitCode}}`."),
        f("parameters", Array(&Ref(&Parameter)), "Output parameters, taken from a file, a resource or an expression (`valueFrom`)."),
        f("result", STR, "Standard output of a script or container. Written by the controller; read it as `{{steps.X.outputs.result}}`."),
    }

    ParallelSteps as (Shape::Alias(Array(&Ref(&WorkflowStep)))) = "One group of `steps`: a list of steps that run in parallel; groups run one after another." {}

    Parameter = "A named string value passed into or out of a template." {
        f("default", ANYSTR, "Value used when the caller passes none (for outputs: when `valueFrom` finds nothing)."),
        f("description", ANYSTR, "Human description shown in the UI when submitting."),
        f("enum", Array(&ANYSTR), "Allowed values; the UI offers them as a drop-down and submission rejects others."),
        f("globalName", STR, "Also publishes this output workflow-wide as `{{workflow.outputs.parameters.NAME}}`."),
        f("name", STR, "Name of the parameter; referenced as `{{inputs.parameters.NAME}}` (or `workflow.parameters`, `outputs.parameters`)."),
        f("value", ANYSTR, "The value. On an input it wins over anything the caller passes; numbers and booleans are turned into text. Very large values bloat the workflow object (etcd limit ~1.5 MB)."),
        f("valueFrom", Ref(&ValueFrom), "Where the value comes from instead of `value` (a file, a config map, an expression, a resource field...)."),
    }

    Plugin as (Shape::FreeObject) = "An executor plugin call: an object with one key, the plugin's name, holding its configuration." {}

    PluginArtifact = "An artifact handled by an artifact driver plugin." {
        f("configuration", STR, D_PLUGIN_CONFIG),
        f("connectionTimeoutSeconds", INT, "Timeout for connecting to the driver, overriding its own."),
        f("key", STR, "Path of the artifact in the plugin's repository."),
        f("name", STR, D_PLUGIN_NAME),
    }

    PluginArtifactRepository = "An artifact repository served by an artifact driver plugin." {
        f("configuration", STR, D_PLUGIN_CONFIG),
        f("keyFormat", STR, D_KEY_FORMAT),
        f("name", STR, D_PLUGIN_NAME),
    }

    PodGC = "When the workflow's pods are deleted. Without it pods stay until the workflow is deleted." {
        f("deleteDelayDuration", DUR, "Wait this long before deleting a pod that is due, e.g. `\"30s\"`, to leave time for log collection."),
        f("labelSelector", Ref(&k8s::LabelSelector), "Only delete pods whose labels match."),
        f("strategy", STR, "When pods are deleted: each as it completes, each as it succeeds, all when the workflow completes, or all when it succeeds (failed ones kept for debugging).").enums(&["OnPodCompletion", "OnPodSuccess", "OnWorkflowCompletion", "OnWorkflowSuccess"]),
    }

    Prometheus = "A Prometheus metric emitted when the workflow or template finishes (or in real time)." {
        f("counter", Ref(&Counter), "Make it a counter."),
        f("gauge", Ref(&Gauge), "Make it a gauge."),
        f("help", STR, "Help text of the metric (required by Prometheus)."),
        f("histogram", Ref(&Histogram), "Make it a histogram."),
        f("labels", Array(&Ref(&MetricLabel)), "Labels of the metric."),
        f("name", STR, "Metric name: letters, digits and underscores; the same name must keep the same labels and type."),
        f("when", STR, "Condition for emitting the metric, e.g. `{{status}} == Failed`."),
    }

    RawArtifact = "An input artifact whose content is written inline." {
        f("data", STR, "Content of the file, as text."),
    }

    ResourceTemplate = "Creates, changes or reads a Kubernetes object, and optionally waits for conditions on it." {
        f("action", STR, "What to do with the manifest (as `kubectl` would).").enums(&["get", "create", "apply", "delete", "replace", "patch"]),
        f("failureCondition", STR, "Label-selector-style test on the object's fields (e.g. `status.failed > 3`) that fails the step when true."),
        f("flags", Array(&STR), "Extra `kubectl` flags, e.g. `[--validate=false]`."),
        f("manifest", STR, "The Kubernetes manifest, as a YAML or JSON string (use a `|` block)."),
        f("manifestFrom", Ref(&ManifestFrom), "Read the manifest from an artifact instead."),
        f("mergeStrategy", STR, "Patch type for `action: patch`.").enums(&["strategic", "merge", "json"]).default("strategic"),
        f("setOwnerReference", BOOL, "Make the workflow the owner of the created object, so deleting the workflow deletes it."),
        f("successCondition", STR, "Test on the object's fields (e.g. `status.succeeded > 0`); the step waits until it is true."),
    }

    RetryAffinity = "Where retried pods may run." {
        f("nodeAntiAffinity", Ref(&RetryNodeAntiAffinity), "Set to `{}` to keep each retry off the nodes earlier attempts ran on."),
    }

    RetryNodeAntiAffinity = "Avoid nodes of earlier attempts; takes no settings: write `{}`." {}

    RetryStrategy = "When and how a failed node is run again." {
        f("affinity", Ref(&RetryAffinity), "Placement of retried pods (e.g. avoid the node that failed)."),
        f("backoff", Ref(&Backoff), "How long to wait between attempts. Without it retries start at once."),
        f("expression", STR, "Condition (expr syntax) checked after a failure, e.g. `asInt(lastRetry.exitCode) == 137`; no retry when false."),
        f("limit", IOS, "How many retries after the first attempt (so `limit: 2` means up to 3 runs). Unset means retry without limit."),
        f("retryPolicy", STR, "Which failures are retried: all, only failures (non-zero exit), only errors (infrastructure), or errors plus transient failures.").enums(RETRY_POLICIES).default("OnFailure"),
    }

    S3Artifact = "An object (or prefix) in Amazon S3 or an S3-compatible store." {
        f("accessKeySecret", Ref(&k8s::SecretKeySelector), D_ACCESS_KEY),
        f("addressingStyle", STR, D_S3_ADDRESSING).enums(S3_ADDRESSING),
        f("bucket", STR, D_BUCKET),
        f("caSecret", Ref(&k8s::SecretKeySelector), D_S3_CA),
        f("createBucketIfNotPresent", Ref(&CreateS3BucketOptions), D_S3_CREATE),
        f("encryptionOptions", Ref(&S3EncryptionOptions), D_S3_ENCRYPTION),
        f("endpoint", STR, D_ENDPOINT_HOST),
        f("insecure", BOOL, D_S3_INSECURE),
        f("key", STR, "Object key (a path in the bucket); a directory artifact is stored under it as a prefix or archive."),
        f("region", STR, D_S3_REGION),
        f("roleARN", STR, D_S3_ROLE),
        f("secretKeySecret", Ref(&k8s::SecretKeySelector), D_SECRET_KEY),
        f("sessionTokenSecret", Ref(&k8s::SecretKeySelector), D_S3_SESSION),
        f("useSDKCreds", BOOL, D_SDK_CREDS),
    }

    S3ArtifactRepository = "An S3 (or S3-compatible) bucket for artifacts." {
        f("accessKeySecret", Ref(&k8s::SecretKeySelector), D_ACCESS_KEY),
        f("addressingStyle", STR, D_S3_ADDRESSING).enums(S3_ADDRESSING),
        f("bucket", STR, D_BUCKET),
        f("caSecret", Ref(&k8s::SecretKeySelector), D_S3_CA),
        f("createBucketIfNotPresent", Ref(&CreateS3BucketOptions), D_S3_CREATE),
        f("encryptionOptions", Ref(&S3EncryptionOptions), D_S3_ENCRYPTION),
        f("endpoint", STR, D_ENDPOINT_HOST),
        f("insecure", BOOL, D_S3_INSECURE),
        f("keyFormat", STR, D_KEY_FORMAT),
        f("keyPrefix", STR, "Prefix for object keys.").deprecated("use `keyFormat`"),
        f("region", STR, D_S3_REGION),
        f("roleARN", STR, D_S3_ROLE),
        f("secretKeySecret", Ref(&k8s::SecretKeySelector), D_SECRET_KEY),
        f("sessionTokenSecret", Ref(&k8s::SecretKeySelector), D_S3_SESSION),
        f("useSDKCreds", BOOL, D_SDK_CREDS),
    }

    S3EncryptionOptions = "Server-side encryption of S3 objects." {
        f("enableEncryption", BOOL, "Encrypt objects; with neither a KMS key nor a customer key, S3-managed keys (SSE-S3) are used."),
        f("kmsEncryptionContext", STR, "JSON object of extra context for KMS encryption."),
        f("kmsKeyId", STR, "KMS key to encrypt with (SSE-KMS)."),
        f("serverSideCustomerKeySecret", Ref(&k8s::SecretKeySelector), "Secret key holding your own encryption key (SSE-C)."),
    }

    ScriptTemplate embeds (ScriptTemplate_CONTAINER) = "Runs `source` with the interpreter given in `command`; standard output becomes `outputs.result`. Also takes every field of a Kubernetes `Container`." {
        f("source", STR, "The script. It is saved to a file and passed to `command` (e.g. `[python]`, `[bash]`) as the last argument."),
    }

    SemaphoreHolding = "Who holds a semaphore. Written by the controller." {
        f("holders", Array(&STR), D_STATUS),
        f("semaphore", STR, D_STATUS),
    }

    SemaphoreRef = "A semaphore: a lock that up to N holders share, N being read from a config map or database." {
        f("configMapKeyRef", Ref(&k8s::ConfigMapKeySelector), "Config map key whose value is the number of holders allowed; editing it changes the limit live."),
        f("database", Ref(&SyncDatabaseRef), "Read the limit from the controller's synchronization database instead."),
        f("namespace", STR, "Namespace of the config map; the workflow's namespace when unset."),
    }

    SemaphoreStatus = "Semaphores held and awaited. Written by the controller." {
        f("holding", Array(&Ref(&SemaphoreHolding)), D_STATUS),
        f("waiting", Array(&Ref(&SemaphoreHolding)), D_STATUS),
    }

    Sequence = "A generated range of numbers for `withSequence`: set `count` or `end`, not both." {
        f("count", IOS, "How many numbers to generate, from `start`."),
        f("end", IOS, "Last number (inclusive); counts down when smaller than `start`."),
        f("format", STR, "printf-style format of each number, e.g. `\"%02d\"`."),
        f("start", IOS, "First number of the range.").default("0"),
    }

    StopStrategy = "When a cron workflow stops scheduling for good." {
        f("expression", STR, "Condition on `cronworkflow.failed` / `cronworkflow.succeeded` counts, e.g. `cronworkflow.failed >= 3`; once true, scheduling stops."),
    }

    SuppliedValueFrom = "A value supplied later by a person (CLI, UI or API resume); takes no settings: write `{}`." {}

    SuspendTemplate = "Pauses the workflow until resumed, or for a set time." {
        f("duration", DUR, "Resume automatically after this long, e.g. `\"20s\"`, `\"1h\"`. A bare number is seconds (write it as a string). Without it the workflow waits for a manual resume."),
    }

    SyncDatabaseRef = "A semaphore limit stored in the controller's synchronization database." {
        f("key", STR, "Key of the limit in the database."),
    }

    Synchronization = "Locks a workflow or template must hold before it runs." {
        f("mutex", Ref(&Mutex), "A single mutex to hold.").deprecated("use `mutexes`, a list; removed in v4.0"),
        f("mutexes", Array(&Ref(&Mutex)), "Mutexes to hold; all are needed to run."),
        f("semaphore", Ref(&SemaphoreRef), "A single semaphore to hold.").deprecated("use `semaphores`, a list; removed in v4.0"),
        f("semaphores", Array(&Ref(&SemaphoreRef)), "Semaphores to hold; all are needed to run."),
    }

    SynchronizationStatus = "Locks held and awaited by the workflow. Written by the controller." {
        f("mutex", Ref(&MutexStatus), D_STATUS),
        f("semaphore", Ref(&SemaphoreStatus), D_STATUS),
    }

    TTLStrategy = "When a finished workflow object is deleted (with its pods, but not its archived copy)." {
        f("secondsAfterCompletion", INT, "Delete this many seconds after the workflow finishes, whatever the result."),
        f("secondsAfterFailure", INT, "Delete this many seconds after the workflow fails or errors."),
        f("secondsAfterSuccess", INT, "Delete this many seconds after the workflow succeeds."),
    }

    TarStrategy = "Pack as a gzipped tarball." {
        f("compressionLevel", INT, "gzip level, 0 (store only, fastest) to 9 (smallest); gzip's default when unset."),
    }

    Template = "A unit of work: exactly one of container, script, resource, steps, dag, suspend, containerSet, data, http or plugin, plus its inputs, outputs and pod settings." {
        f("activeDeadlineSeconds", IOS, "Seconds after the pod starts when Kubernetes kills it and the node fails. A retried node gets a fresh deadline per attempt, unless `retryStrategy.backoff.maxDuration` replaces it."),
        f("affinity", Ref(&k8s::Affinity), "Node and pod affinity of this template's pod; replaces the workflow-level `affinity`."),
        f("annotations", Map(&STR), "Annotations put on the node at run time; keys such as `workflows.argoproj.io/display-name` change how the UI shows it."),
        f("archiveLocation", Ref(&ArtifactLocation), "Where this template's outputs and logs go when they do not say; `archiveLogs` here turns log archiving on or off."),
        f("automountServiceAccountToken", BOOL, "Mount the service account token in the pod. Turning it off requires `executor.serviceAccountName`."),
        f("container", Ref(&k8s::Container), "Runs one container image."),
        f("containerSet", Ref(&ContainerSetTemplate), "Runs several containers in one pod."),
        f("daemon", BOOL, "Start the pod and move on once it is ready, leaving it running until the enclosing steps or DAG end (for services used by later steps)."),
        f("dag", Ref(&DAGTemplate), "Runs tasks as a dependency graph."),
        f("data", Ref(&Data), "Lists and transforms artifact paths without a user container."),
        f("executor", Ref(&ExecutorConfig), "Settings of Argo's executor for this template."),
        f("failFast", BOOL, "For templates expanded with `withItems`/`withParam`: fail as soon as one child fails instead of waiting for all."),
        f("hostAliases", Array(&Ref(&k8s::HostAlias)), "Extra `/etc/hosts` entries in the pod."),
        f("http", Ref(&HTTP), "Sends an HTTP request from the agent pod."),
        f("initContainers", Array(&Ref(&UserContainer)), "Containers that run to completion before the main one starts."),
        f("inputs", Ref(&Inputs), "Parameters and artifacts the template accepts."),
        f("memoize", Ref(&Memoize), "Reuse cached outputs instead of running again."),
        f("metadata", Ref(&Metadata), "Labels and annotations for the template's pod."),
        f("metrics", Ref(&Metrics), "Prometheus metrics emitted for this template."),
        f("name", STR, "Name of the template, unique in the workflow; what `entrypoint`, `template` and `onExit` refer to."),
        f("nodeSelector", Map(&STR), "Node labels the pod must run on; replaces the workflow-level `nodeSelector`."),
        f("outputs", Ref(&Outputs), "Parameters and artifacts the template produces."),
        f("parallelism", INT, "Most pods of this steps or DAG template (and its children) running at once."),
        f("pendingTimeout", DUR, "Fail the node if its pod is still pending (e.g. unschedulable) after this long, e.g. `\"10m\"`. Checked by the controller, so a pod that starts right at the limit may still be failed."),
        f("plugin", Ref(&Plugin), "Calls an executor plugin."),
        f("podResources", Ref(&k8s::ResourceRequirements), "Pod-level requests and limits shared by all the pod's containers; replaces the workflow-level `podResources`. Needs Kubernetes' PodLevelResources feature."),
        f("podSpecPatch", STR, "A JSON or YAML patch merged into the generated pod spec: the escape hatch for fields Argo does not expose and for templating non-string values (e.g. `{{inputs.parameters.mem}}` as a memory limit)."),
        f("priority", INT, "Scheduling priority value of the pod.").deprecated("use `priorityClassName`; removed in v3.7"),
        f("priorityClassName", STR, "PriorityClass of the pod."),
        f("resource", Ref(&ResourceTemplate), "Creates, patches, reads or deletes a Kubernetes object."),
        f("resourceClaims", Array(&Ref(&k8s::PodResourceClaim)), "Dynamic resource claims (e.g. GPUs through DRA) the pod needs before it starts."),
        f("retryStrategy", Ref(&RetryStrategy), "Run the template again when it fails."),
        f("schedulerName", STR, "Kubernetes scheduler of the pod; replaces the workflow-level one."),
        f("script", Ref(&ScriptTemplate), "Runs a script with an interpreter image."),
        f("securityContext", Ref(&k8s::PodSecurityContext), "Pod-level security settings (user, group, fsGroup, seccomp)."),
        f("serviceAccountName", STR, D_SVC_ACCOUNT),
        f("sidecars", Array(&Ref(&UserContainer)), "Containers that run next to the main one and are stopped when it ends."),
        f("steps", Array(&Ref(&ParallelSteps)), "Runs steps as a list of groups: groups run in order, steps of a group in parallel. Note the double list: `- - name: a`."),
        f("suspend", Ref(&SuspendTemplate), "Pauses the workflow."),
        f("synchronization", Ref(&Synchronization), "Locks this template must hold while it runs."),
        f("timeout", DUR, "Fail the node if it has not finished this long after it started, pending time included, e.g. `\"5m\"`. Applies to leaf templates (pods), not to steps or DAGs."),
        f("tolerations", Array(&Ref(&k8s::Toleration)), "Taints the pod tolerates."),
        f("volumes", Array(&Ref(&k8s::Volume)), "Volumes available to this template's pod, in addition to the workflow's."),
    }

    TemplateRef = "A template defined in a WorkflowTemplate or ClusterWorkflowTemplate." {
        f("clusterScope", BOOL, "Look the template up in a ClusterWorkflowTemplate instead of a WorkflowTemplate of the workflow's namespace."),
        f("name", STR, "Name of the WorkflowTemplate (or ClusterWorkflowTemplate)."),
        f("template", STR, "Name of the template inside it."),
    }

    TransformationStep = "One transformation of a data template." {
        f("expression", STR, "expr expression applied to `data`, e.g. `filter(data, {# endsWith \\\".csv\\\"})`."),
    }

    UserContainer embeds (UserContainer_CONTAINER) = "An init container or sidecar of a template. Also takes every field of a Kubernetes `Container`." {
        f("mirrorVolumeMounts", BOOL, "Give this container the same volume mounts as the main container (including input artifacts), at the same paths."),
    }

    ValueFrom = "Where a parameter's value comes from." {
        f("configMapKeyRef", Ref(&k8s::ConfigMapKeySelector), "A config map key, read when the workflow runs."),
        f("default", ANYSTR, "Value used when the source yields nothing (missing file, key or field)."),
        f("event", STR, "Expression over the triggering event (for workflows started by event bindings)."),
        f("expression", STR, "expr expression computed after the node runs, e.g. `steps.a.status == \"Succeeded\" ? \"x\" : \"y\"`."),
        f("jqFilter", STR, "jq filter applied to the object of a resource template."),
        f("jsonPath", STR, "JSONPath into the object of a resource template, e.g. `{.status.phase}`."),
        f("parameter", STR, "Another node's output parameter, e.g. `{{steps.a.outputs.parameters.x}}`."),
        f("path", STR, "File in the container whose content becomes the value. Large files bloat the workflow object; use an artifact instead."),
        f("supplied", Ref(&SuppliedValueFrom), "Wait for a person to supply the value when resuming a suspended node."),
    }

    VolumeClaimGC = "When claims from `volumeClaimTemplates` are deleted." {
        f("strategy", STR, "Delete claims when the workflow completes, or only when it succeeds (kept after failures for inspection).").enums(&["OnWorkflowCompletion", "OnWorkflowSuccess"]).default("OnWorkflowSuccess"),
    }

    Workflow = "A run: templates to execute, starting at `spec.entrypoint`." {
        f("apiVersion", STR, D_API_VERSION).enums(API_VERSION),
        f("kind", STR, "Always `Workflow`.").enums(&["Workflow"]),
        f("metadata", Ref(&k8s::ObjectMeta), D_METADATA),
        f("spec", Ref(&WorkflowSpec), "What to run and how."),
        f("status", Ref(&WorkflowStatus), D_STATUS),
    }

    WorkflowLevelArtifactGC = "When the workflow's artifacts are deleted, and how the deleting pod runs." {
        f("forceFinalizerRemoval", BOOL, "Remove the workflow's finalizer even if artifact deletion failed, so the workflow can be deleted (leaving artifacts behind)."),
        f("podMetadata", Ref(&Metadata), "Labels and annotations for the pod that deletes artifacts."),
        f("podSpecPatch", STR, "Patch merged into the deleting pod's spec."),
        f("serviceAccountName", STR, "Service account of the deleting pod; it needs delete rights on the repository."),
        f("strategy", STR, "When to delete: on workflow completion, on workflow deletion, or never.").enums(ARTIFACT_GC_STRATEGIES),
    }

    WorkflowMetadata = "Labels and annotations put on the workflow object itself (useful in WorkflowTemplates)." {
        f("annotations", Map(&STR), "Annotations to add; values must be strings."),
        f("labels", Map(&STR), "Labels to add; values must be strings."),
        f("labelsFrom", Map(&Ref(&LabelValueFrom)), "Labels computed from expressions, keyed by label name."),
    }

    WorkflowSpec = "Everything a workflow runs and the defaults for its pods." {
        f("activeDeadlineSeconds", INT, "Seconds after the workflow starts when it is stopped and marked failed; running pods are killed. `0` stops a running workflow."),
        f("affinity", Ref(&k8s::Affinity), "Affinity for every pod; a template's own `affinity` replaces it."),
        f("archiveLogs", BOOL, "Archive every container log to the artifact repository."),
        f("arguments", Ref(&Arguments), "Parameters and artifacts of the workflow: passed to the entrypoint and visible as `{{workflow.parameters.NAME}}`."),
        f("artifactGC", Ref(&ArtifactGC), "When output artifacts are deleted from the repository; an artifact's own `artifactGC` wins.").within(Versions::only(ArgoVersion::V3_4)),
        f("artifactGC", Ref(&WorkflowLevelArtifactGC), "When output artifacts are deleted from the repository; an artifact's own `artifactGC` wins.").within(Versions::since(ArgoVersion::V3_5)),
        f("artifactRepositoryRef", Ref(&ArtifactRepositoryRef), "Use an artifact repository from a config map instead of the controller's default."),
        f("automountServiceAccountToken", BOOL, "Mount the service account token in pods. Turning it off requires `executor.serviceAccountName`."),
        f("dnsConfig", Ref(&k8s::PodDNSConfig), "Extra DNS settings for every pod."),
        f("dnsPolicy", STR, "How the pods resolve names: `ClusterFirst` uses cluster DNS, `Default` the node's resolver, `None` only `dnsConfig`; with `hostNetwork` use `ClusterFirstWithHostNet`.").enums(&["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]).default("ClusterFirst"),
        f("entrypoint", STR, "Name of the template to run first. Required unless a `workflowTemplateRef` supplies it or it is given at submit time."),
        f("executor", Ref(&ExecutorConfig), "Settings of Argo's executor for every pod."),
        f("executorPlugins", Array(&Ref(&ExecutorPlugin)), "Executor plugins declared by the workflow itself; only honoured when the controller enables workflow-level executor plugins."),
        f("hooks", Map(&Ref(&LifecycleHook)), "Workflow-level hooks: `exit` runs at the end (like `onExit`), other keys run when their `expression` becomes true."),
        f("hostAliases", Array(&Ref(&k8s::HostAlias)), "Extra `/etc/hosts` entries in every pod."),
        f("hostNetwork", BOOL, "Runs every pod in the node's network namespace: steps see the node's interfaces and can bind its ports, and two pods of the workflow on one node clash on a port. Set `dnsPolicy: ClusterFirstWithHostNet` with it, or cluster DNS names stop resolving."),
        f("imagePullSecrets", Array(&Ref(&k8s::LocalObjectReference)), "Secrets used to pull images of private registries, for every pod."),
        f("metrics", Ref(&Metrics), "Prometheus metrics emitted for the workflow."),
        f("nodeSelector", Map(&STR), "Node labels every pod must run on; a template's own `nodeSelector` replaces it."),
        f("onExit", STR, "Template run when the workflow ends, whatever its result; `{{workflow.status}}` tells it how it went."),
        f("parallelism", INT, "Most pods of this workflow running at once."),
        f("podDisruptionBudget", Ref(&k8s::PodDisruptionBudgetSpec), "Creates a PodDisruptionBudget for the workflow's pods, so voluntary evictions (node drains) spare them; the selector is filled in if empty."),
        f("podGC", Ref(&PodGC), "Delete pods as they complete or when the workflow ends; by default they stay until the workflow is deleted."),
        f("podMetadata", Ref(&Metadata), "Labels and annotations for every pod."),
        f("podPriority", INT, "Priority value of every pod.").deprecated("use `podPriorityClassName`; removed in v3.7"),
        f("podPriorityClassName", STR, "PriorityClass of every pod."),
        f("podResources", Ref(&k8s::ResourceRequirements), "Pod-level requests and limits for every pod; a template's `podResources` replaces it. Needs Kubernetes' PodLevelResources feature."),
        f("podSpecPatch", STR, "Patch merged into every pod's spec (see the template field of the same name)."),
        f("priority", INT, "Order in which the controller picks workflows when it limits how many run at once; higher first."),
        f("resourceClaims", Array(&Ref(&k8s::PodResourceClaim)), "Dynamic resource claims (DRA) every pod needs before it starts."),
        f("retryStrategy", Ref(&RetryStrategy), "Default retry strategy for every template that has none."),
        f("schedulerName", STR, "Kubernetes scheduler for every pod."),
        f("securityContext", Ref(&k8s::PodSecurityContext), "Pod-level security settings for every pod."),
        f("serviceAccountName", STR, D_SVC_ACCOUNT),
        f("shutdown", STR, "Set on a running workflow to end it: `Stop` still runs exit handlers, `Terminate` does not.").enums(&["Terminate", "Stop"]),
        f("suspend", BOOL, "Pause the workflow: no new steps start until it is resumed."),
        f("synchronization", Ref(&Synchronization), "Locks the whole workflow must hold before it runs."),
        f("templateDefaults", Ref(&Template), "Values merged into every template that does not set them (e.g. a default `retryStrategy` or `timeout`)."),
        f("templates", Array(&Ref(&Template)), "The templates of the workflow."),
        f("tolerations", Array(&Ref(&k8s::Toleration)), "Taints every pod tolerates."),
        f("ttlStrategy", Ref(&TTLStrategy), "Delete the workflow object some time after it finishes."),
        f("volumeClaimGC", Ref(&VolumeClaimGC), "When claims from `volumeClaimTemplates` are deleted."),
        f("volumeClaimTemplates", Array(&Ref(&k8s::PersistentVolumeClaim)), "Persistent volume claims created when the workflow starts, mountable by every pod by their `metadata.name`."),
        f("volumes", Array(&Ref(&k8s::Volume)), "Volumes every pod of the workflow can mount."),
        f("workflowMetadata", Ref(&WorkflowMetadata), "Labels and annotations added to the workflow object."),
        f("workflowTemplateRef", Ref(&WorkflowTemplateRef), "Run a WorkflowTemplate: its spec is used, merged with the fields set here."),
    }

    WorkflowStatus = "State of a workflow. Written by the controller." {
        f("artifactGCStatus", Ref(&ArtGCStatus), D_STATUS),
        f("artifactRepositoryRef", Ref(&ArtifactRepositoryRefStatus), D_STATUS),
        f("compressedNodes", STR, D_STATUS),
        f("conditions", Array(&Ref(&Condition)), D_STATUS),
        f("estimatedDuration", INT, D_STATUS),
        f("finishedAt", TIME, D_STATUS),
        f("message", STR, D_STATUS),
        f("nodes", Map(&Ref(&NodeStatus)), D_STATUS),
        f("offloadNodeStatusVersion", STR, D_STATUS),
        f("outputs", Ref(&Outputs), D_STATUS),
        f("persistentVolumeClaims", Array(&Ref(&k8s::Volume)), D_STATUS),
        f("phase", STR, D_STATUS),
        f("progress", STR, D_STATUS),
        f("resourcesDuration", Map(&INT), D_STATUS),
        f("startedAt", TIME, D_STATUS),
        f("storedTemplates", Map(&Ref(&Template)), D_STATUS),
        f("storedWorkflowTemplateSpec", Ref(&WorkflowSpec), D_STATUS),
        f("synchronization", Ref(&SynchronizationStatus), D_STATUS),
        f("taskResultsCompletionStatus", Map(&BOOL), D_STATUS),
    }

    WorkflowStep = "One step of a steps template." {
        f("arguments", Ref(&Arguments), D_ARGUMENTS),
        f("continueOn", Ref(&ContinueOn), D_CONTINUE_ON),
        f("hooks", Map(&Ref(&LifecycleHook)), D_HOOKS),
        f("inline", Ref(&Template), D_INLINE),
        f("name", STR, "Name of the step, unique in the template; used in `{{steps.NAME.*}}`."),
        f("onExit", STR, D_ON_EXIT).deprecated("use `hooks: {exit: {template: ...}}`"),
        f("template", STR, D_TEMPLATE_NAME),
        f("templateRef", Ref(&TemplateRef), D_TEMPLATE_REF),
        f("when", STR, D_WHEN),
        f("withItems", Array(&Ref(&Item)), D_WITH_ITEMS),
        f("withParam", STR, D_WITH_PARAM),
        f("withSequence", Ref(&Sequence), D_WITH_SEQUENCE),
    }

    WorkflowTemplate = "A reusable, namespaced library of templates (and a submittable workflow spec)." {
        f("apiVersion", STR, D_API_VERSION).enums(API_VERSION),
        f("kind", STR, "Always `WorkflowTemplate`.").enums(&["WorkflowTemplate"]),
        f("metadata", Ref(&k8s::ObjectMeta), D_METADATA),
        f("spec", Ref(&WorkflowSpec), "The templates and defaults, written like a workflow's spec."),
    }

    WorkflowTemplateRef = "A WorkflowTemplate (or ClusterWorkflowTemplate) whose spec a workflow runs." {
        f("clusterScope", BOOL, "Refer to a ClusterWorkflowTemplate instead."),
        f("name", STR, "Name of the template object."),
    }

    ZipStrategy = "Pack as a zip file; takes no settings: write `zip: {}`." {}
}
