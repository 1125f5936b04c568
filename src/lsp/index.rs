//! The language server's index of the workspace's WorkflowTemplates and
//! ClusterWorkflowTemplates, so `templateRef`s resolve across files as in `argolint check`.
//!
//! Built once on a background thread at `initialize` (the walk honours `.gitignore` like the
//! CLI's and stops at [`Limits`]), then kept current from the text of open documents, which
//! wins over what is on disk until the document is closed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::model::{Kind, Manifest};
use crate::source::{SourceFile, parse_text};
use crate::workspace::Unit;

/// How much work the start-up walk may do.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Manifest files (`*.yaml`, `*.yml`, `*.json`) looked at.
    pub max_files: usize,
    /// Files larger than this are skipped.
    pub max_file_bytes: u64,
    /// Wall time for the walk and the reading.
    pub budget: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_files: 20_000,
            max_file_bytes: 4 * 1024 * 1024,
            budget: Duration::from_secs(3),
        }
    }
}

/// What the start-up walk did, for the log.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub templates: usize,
    pub elapsed: Duration,
    /// Why the walk stopped early, if it did.
    pub stopped: Option<String>,
}

#[derive(Default)]
pub struct State {
    /// The start-up walk is over.
    pub ready: bool,
    /// Files holding templates, by key (a path, or the URI of a document not on disk).
    pub units: HashMap<String, Unit>,
    /// Keys of open documents: their text, not the disk's, is indexed.
    open: HashSet<String>,
    /// Files on disk that are not template files but may refer to one (their text holds a
    /// `templateRef` or `workflowTemplateRef`): where references and renames look.
    pub referrers: HashSet<String>,
}

impl State {
    /// Every indexed file but `key` (the document being linted brings its own text).
    pub fn others<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Unit> + 'a {
        self.units
            .iter()
            .filter(move |(k, _)| k.as_str() != key)
            .map(|(_, u)| u)
    }

    pub fn template_count(&self) -> usize {
        self.units.values().map(count_templates).sum()
    }
}

#[derive(Default)]
pub struct Index {
    state: Mutex<State>,
    ready: Condvar,
}

fn count_templates(u: &Unit) -> usize {
    u.parsed
        .documents
        .iter()
        .filter_map(|d| d.root.as_ref())
        .filter_map(Manifest::from_root)
        .filter(|m| {
            matches!(
                m.kind,
                Kind::WorkflowTemplate | Kind::ClusterWorkflowTemplate
            )
        })
        .count()
}

/// Whether a file's text may refer to a template of another file.
pub fn may_refer(text: &str) -> bool {
    text.contains("emplateRef")
}

/// The file as an index entry, if it defines a template.
fn unit_of(name: &str, text: &str) -> Option<Unit> {
    // Cheap test first: most files are not templates.
    if !text.contains("WorkflowTemplate") {
        return None;
    }
    let file = SourceFile::new(name, text);
    let parsed = parse_text(&file.text);
    let unit = Unit { file, parsed };
    (count_templates(&unit) > 0).then_some(unit)
}

/// The walk: manifest files under `dirs`, honouring `.gitignore`, within the limits.
fn walk(dirs: &[PathBuf], limits: Limits, started: Instant) -> (Vec<PathBuf>, Option<String>) {
    let mut files = Vec::new();
    for dir in dirs {
        let walker = ignore::WalkBuilder::new(dir)
            .require_git(false)
            .follow_links(false)
            .build();
        for entry in walker.flatten() {
            if started.elapsed() > limits.budget {
                return (
                    files,
                    Some(format!("time budget of {:?} spent", limits.budget)),
                );
            }
            let p = entry.path();
            let manifest = entry.file_type().is_some_and(|t| t.is_file())
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| ["yaml", "yml", "json"].contains(&e));
            if !manifest {
                continue;
            }
            if files.len() >= limits.max_files {
                return (files, Some(format!("{} files looked at", limits.max_files)));
            }
            files.push(p.to_path_buf());
        }
    }
    (files, None)
}

/// How a file on disk is named in messages: relative to the folder it was found under.
pub fn display_name(path: &Path, roots: &[PathBuf]) -> String {
    roots
        .iter()
        .find_map(|r| path.strip_prefix(r).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}

impl Index {
    /// Walks `dirs` and indexes their templates, then marks the index ready.
    pub fn build(&self, dirs: &[PathBuf], roots: &[PathBuf], limits: Limits) -> Summary {
        let started = Instant::now();
        let (files, mut stopped) = walk(dirs, limits, started);
        let read: Vec<(String, Option<Unit>)> = files
            .par_iter()
            .filter_map(|p| {
                if started.elapsed() > limits.budget {
                    return None;
                }
                let meta = std::fs::metadata(p).ok()?;
                if meta.len() > limits.max_file_bytes {
                    return None;
                }
                let text = std::fs::read_to_string(p).ok()?;
                let key = p.display().to_string();
                match unit_of(&display_name(p, roots), &text) {
                    Some(u) => Some((key, Some(u))),
                    None => may_refer(&text).then_some((key, None)),
                }
            })
            .collect();
        if stopped.is_none() && started.elapsed() > limits.budget {
            stopped = Some(format!("time budget of {:?} spent", limits.budget));
        }
        let mut state = self.lock();
        let mut templates = 0;
        for (key, unit) in read {
            match unit {
                Some(unit) if !state.open.contains(&key) => {
                    templates += count_templates(&unit);
                    state.units.insert(key, unit);
                }
                Some(_) => {}
                None => {
                    state.referrers.insert(key);
                }
            }
        }
        state.ready = true;
        drop(state);
        self.ready.notify_all();
        Summary {
            files: files.len(),
            templates,
            elapsed: started.elapsed(),
            stopped,
        }
    }

    /// Marks the index ready without walking (no workspace folder).
    pub fn mark_ready(&self) {
        self.lock().ready = true;
        self.ready.notify_all();
    }

    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The index, once the start-up walk is over or `deadline` has passed.
    pub fn wait(&self, deadline: Instant) -> MutexGuard<'_, State> {
        let mut state = self.lock();
        while !state.ready {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            state = match self.ready.wait_timeout(state, deadline - now) {
                Ok((s, _)) => s,
                Err(e) => e.into_inner().0,
            };
        }
        state
    }

    /// An open document's text replaces the file's entry. Returns whether the index changed
    /// in a way other documents may see (a template file, before or after).
    pub fn update_open(&self, key: &str, name: &str, text: &str) -> bool {
        let unit = unit_of(name, text);
        let mut state = self.lock();
        state.open.insert(key.to_string());
        let had = state.units.contains_key(key);
        let has = unit.is_some();
        match unit {
            Some(u) => {
                state.units.insert(key.to_string(), u);
            }
            None => {
                state.units.remove(key);
            }
        }
        had || has
    }

    /// A closed document: what is on disk counts again (if it is on disk).
    pub fn close(&self, key: &str, path: Option<&Path>, name: &str) -> bool {
        let text = path.and_then(|p| std::fs::read_to_string(p).ok());
        let unit = text.as_deref().and_then(|t| unit_of(name, t));
        let mut state = self.lock();
        state.open.remove(key);
        if unit.is_none() && text.as_deref().is_some_and(may_refer) {
            state.referrers.insert(key.to_string());
        } else {
            state.referrers.remove(key);
        }
        let had = state.units.remove(key).is_some();
        let has = unit.is_some();
        if let Some(u) = unit {
            state.units.insert(key.to_string(), u);
        }
        had || has
    }

    /// A file changed on disk (watched-files notification), unless it is open.
    pub fn refresh(&self, key: &str, path: &Path, name: &str) -> bool {
        if self.lock().open.contains(key) {
            return false;
        }
        let text = std::fs::read_to_string(path).ok();
        let unit = text.as_deref().and_then(|t| unit_of(name, t));
        let mut state = self.lock();
        if unit.is_none() && text.as_deref().is_some_and(may_refer) {
            state.referrers.insert(key.to_string());
        } else {
            state.referrers.remove(key);
        }
        let had = state.units.remove(key).is_some();
        let has = unit.is_some();
        if let Some(u) = unit {
            state.units.insert(key.to_string(), u);
        }
        had || has
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WT: &str = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: shared}\nspec:\n  templates:\n    - name: hello\n      container: {image: alpine:3.20}\n";

    #[test]
    fn indexes_templates_honouring_gitignore_and_limits() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::write(root.join("wt.yaml"), WT).unwrap();
        std::fs::write(root.join("other.yaml"), "kind: ConfigMap\n").unwrap();
        std::fs::create_dir(root.join("ignored")).unwrap();
        std::fs::write(
            root.join("ignored/wt2.yaml"),
            WT.replace("shared", "hidden"),
        )
        .unwrap();
        std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
        let index = Index::default();
        let s = index.build(
            std::slice::from_ref(&root),
            std::slice::from_ref(&root),
            Limits::default(),
        );
        assert_eq!((s.files, s.templates, s.stopped.is_none()), (2, 1, true));
        let state = index.wait(Instant::now());
        assert!(state.ready);
        let names: Vec<&str> = state.units.values().map(|u| &*u.file.name).collect();
        assert_eq!(names, ["wt.yaml"]);
        drop(state);

        let capped = Index::default();
        let limits = Limits {
            max_files: 1,
            ..Limits::default()
        };
        let s = capped.build(
            std::slice::from_ref(&root),
            std::slice::from_ref(&root),
            limits,
        );
        assert_eq!(s.files, 1);
        assert!(s.stopped.unwrap().contains("1 files"));
    }

    #[test]
    fn open_documents_win_over_the_disk() {
        let index = Index::default();
        assert!(index.update_open("k", "k.yaml", WT));
        assert_eq!(index.lock().template_count(), 1);
        // Edited into something else: gone, and the change is worth re-linting others.
        assert!(index.update_open("k", "k.yaml", "kind: Workflow\n"));
        assert_eq!(index.lock().template_count(), 0);
        assert!(!index.update_open("k", "k.yaml", "kind: Workflow\n"));
        // Closed, not on disk: nothing.
        assert!(!index.close("k", None, "k.yaml"));
        // Waiting on an index that is never built gives up at the deadline.
        let t = Instant::now();
        let state = index.wait(t + Duration::from_millis(20));
        assert!(!state.ready && t.elapsed() >= Duration::from_millis(20));
    }
}
