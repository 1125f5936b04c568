//! Argo Workflows release lines that argolint models.

use std::fmt;
use std::str::FromStr;

/// A modelled Argo Workflows minor release (`major.minor`).
///
/// argolint models the release lines v3.4 to v4.1; patch numbers do not change the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArgoVersion {
    pub major: u8,
    pub minor: u8,
}

impl ArgoVersion {
    pub const V3_4: ArgoVersion = ArgoVersion::new(3, 4);
    pub const V3_5: ArgoVersion = ArgoVersion::new(3, 5);
    pub const V3_6: ArgoVersion = ArgoVersion::new(3, 6);
    pub const V3_7: ArgoVersion = ArgoVersion::new(3, 7);
    pub const V4_0: ArgoVersion = ArgoVersion::new(4, 0);
    pub const V4_1: ArgoVersion = ArgoVersion::new(4, 1);

    /// Every modelled release line, oldest first.
    pub const ALL: [ArgoVersion; 6] = [
        Self::V3_4,
        Self::V3_5,
        Self::V3_6,
        Self::V3_7,
        Self::V4_0,
        Self::V4_1,
    ];

    /// The newest modelled release line: the default target.
    pub const LATEST: ArgoVersion = Self::V4_1;

    pub const fn new(major: u8, minor: u8) -> Self {
        ArgoVersion { major, minor }
    }

    /// Whether this release installs the full CRDs by default (v4.0 and later), so that the
    /// API server validates `spec`; earlier releases install the minimal ones.
    pub const fn installs_full_crds(self) -> bool {
        self.major >= 4
    }

    /// Position of this release line in [`ArgoVersion::ALL`] (its bit in a
    /// [`Versions`](crate::api::Versions) set); `None` for an unmodelled version.
    pub const fn index(self) -> Option<usize> {
        let mut i = 0;
        while i < Self::ALL.len() {
            if Self::ALL[i].major == self.major && Self::ALL[i].minor == self.minor {
                return Some(i);
            }
            i += 1;
        }
        None
    }
}

impl Default for ArgoVersion {
    fn default() -> Self {
        Self::LATEST
    }
}

impl fmt::Display for ArgoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}.{}", self.major, self.minor)
    }
}

/// Accepts `3.5`, `v3.5`, `3.5.15` and `v3.5.15`; the version must be a modelled release line.
impl FromStr for ArgoVersion {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().trim_start_matches(['v', 'V']);
        let mut parts = t.split('.');
        let major = parts.next().and_then(|p| p.parse::<u8>().ok());
        let minor = parts.next().and_then(|p| p.parse::<u8>().ok());
        let patch_ok = parts.next().is_none_or(|p| p.parse::<u32>().is_ok());
        let extra = parts.next().is_some();
        match (major, minor) {
            (Some(major), Some(minor)) if patch_ok && !extra => {
                let v = ArgoVersion::new(major, minor);
                if ArgoVersion::ALL.contains(&v) {
                    Ok(v)
                } else {
                    Err(format!(
                        "Argo Workflows {v} is not modelled; choose one of {}",
                        ArgoVersion::ALL.map(|v| v.to_string()).join(", ")
                    ))
                }
            }
            _ => Err(format!(
                "`{s}` is not a version; write it as MAJOR.MINOR, e.g. 3.6"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_accepted_spellings() {
        for s in ["3.5", "v3.5", "3.5.15", "V3.5.2"] {
            assert_eq!(s.parse::<ArgoVersion>(), Ok(ArgoVersion::V3_5), "{s}");
        }
    }

    #[test]
    fn rejects_unknown_and_malformed_versions() {
        assert!(
            "3.3"
                .parse::<ArgoVersion>()
                .unwrap_err()
                .contains("not modelled")
        );
        assert!(
            "three"
                .parse::<ArgoVersion>()
                .unwrap_err()
                .contains("MAJOR.MINOR")
        );
        assert!("3.5.1.2".parse::<ArgoVersion>().is_err());
    }

    #[test]
    fn orders_by_release() {
        assert!(ArgoVersion::V3_5 < ArgoVersion::V3_6);
        assert!(ArgoVersion::V3_7 < ArgoVersion::V4_0);
        assert_eq!(ArgoVersion::LATEST, *ArgoVersion::ALL.last().unwrap());
    }
}
