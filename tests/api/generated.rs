//! The committed generated files (`schemas/`, `docs/fields/`) match what the model generates.
//! Regenerate with `ARGOLINT_BLESS=1 cargo test --test api generated`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use argolint::api::schema;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compare (or, when blessing, write) a directory's generated files. Files in `dir` with the
/// given extension that are not generated any more are reported (or removed).
fn check_dir(dir: &Path, ext: &str, files: BTreeMap<String, String>) {
    let mut stale = Vec::new();
    for (name, text) in &files {
        let path = dir.join(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != *text {
            if crate::bless() {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).expect("mkdir");
                }
                std::fs::write(&path, text).expect("write");
                eprintln!("blessed {}", path.display());
            } else {
                stale.push(name.clone());
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if name.ends_with(ext) && !files.contains_key(&name) {
                if crate::bless() {
                    std::fs::remove_file(e.path()).expect("remove");
                    eprintln!("removed {}", e.path().display());
                } else {
                    stale.push(format!("{name} (no longer generated)"));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files in {}: {}; regenerate with ARGOLINT_BLESS=1 cargo test --test api generated",
        dir.display(),
        stale.join(", ")
    );
}

#[test]
fn committed_schemas_are_up_to_date() {
    let files: BTreeMap<String, String> = schema::committed()
        .into_iter()
        .map(|(v, k)| {
            (
                schema::file_name(v, k),
                schema::render(&schema::json_schema(v, k)),
            )
        })
        .collect();
    assert_eq!(files.len(), 10);
    check_dir(&root().join("schemas"), ".json", files);
}

#[test]
fn committed_field_docs_are_up_to_date() {
    let files = argolint::api::docs::field_docs(None);
    assert!(files.len() > 100);
    check_dir(&root().join("docs/fields"), ".md", files);
}
