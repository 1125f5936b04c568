//! Settings a lint run uses: the target Argo version, rule thresholds and severity policy.
//! Command-line flags fill them; a configuration file will too.

use crate::api::ArgoVersion;

#[derive(Clone, Debug)]
pub struct Settings {
    /// The Argo Workflows release the manifests will run on.
    pub argo_version: ArgoVersion,
    /// `oversized-parameter` warns above this many bytes.
    pub parameter_warn_bytes: usize,
    /// Files larger than this are not parsed.
    pub max_file_bytes: u64,
    /// `unbounded-fan-out` flags a literal fan-out (`withItems`, `withSequence`) above this
    /// many items when no `parallelism` bounds it.
    pub fan_out_items_threshold: usize,
    /// `workflow-too-many-nodes` warns above this many nodes.
    pub max_nodes_threshold: u64,
    /// The controller's `workflowDefaults` already set `podGC` and `ttlStrategy`: silences
    /// `missing-pod-gc` and `missing-ttl-strategy`.
    pub controller_sets_gc_defaults: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            argo_version: ArgoVersion::LATEST,
            parameter_warn_bytes: 64 * 1024,
            max_file_bytes: 20 * 1024 * 1024,
            fan_out_items_threshold: 100,
            max_nodes_threshold: 5000,
            controller_sets_gc_defaults: false,
        }
    }
}
