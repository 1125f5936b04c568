//! Baselines: record today's findings, then fail CI only on new ones.
//!
//! A finding is keyed by file, rule code, document path and message (not by line, so edits
//! elsewhere in a file do not invalidate it), with a count for repeats.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::report::Report;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub file: String,
    pub code: String,
    pub path: Option<String>,
    pub message: String,
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

type Key = (String, String, Option<String>, String);

fn key_of(file: &str, d: &crate::diagnostic::Diagnostic) -> Key {
    (
        file.to_string(),
        d.rule.code.to_string(),
        d.path.clone(),
        d.message.clone(),
    )
}

impl Baseline {
    pub fn from_report(report: &Report) -> Baseline {
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        for (f, d) in report.diagnostics() {
            *counts.entry(key_of(&f.file.name, d)).or_default() += 1;
        }
        Baseline {
            version: 1,
            findings: counts
                .into_iter()
                .map(|((file, code, path, message), count)| Entry {
                    file,
                    code,
                    path,
                    message,
                    count,
                })
                .collect(),
        }
    }

    pub fn read(path: &std::path::Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the baseline: {e}", path.display()))?;
        let b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not an argolint baseline: {e}", path.display()))?;
        if b.version != 1 {
            return Err(format!(
                "{}: baseline version {} is not supported",
                path.display(),
                b.version
            ));
        }
        Ok(b)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Removes the findings the baseline already records; returns how many were removed.
    pub fn filter(&self, report: &mut Report) -> usize {
        let mut budget: BTreeMap<Key, usize> = self
            .findings
            .iter()
            .map(|e| {
                (
                    (
                        e.file.clone(),
                        e.code.clone(),
                        e.path.clone(),
                        e.message.clone(),
                    ),
                    e.count,
                )
            })
            .collect();
        let mut removed = 0;
        for f in &mut report.files {
            let name = f.file.name.to_string();
            f.diagnostics
                .retain(|d| match budget.get_mut(&key_of(&name, d)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        removed += 1;
                        false
                    }
                    _ => true,
                });
        }
        removed
    }
}
