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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            argo_version: ArgoVersion::LATEST,
            parameter_warn_bytes: 64 * 1024,
            max_file_bytes: 20 * 1024 * 1024,
        }
    }
}
