//! The committed `rules/` documentation must match what the rules' code says; regenerate
//! with `cargo xtask generate` (or `cargo run -- docs rules --out rules/`).

use std::collections::BTreeSet;
use std::path::Path;

use argolint::rules;

#[test]
fn rule_docs_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let bless = crate::common::bless();
    let mut stale = Vec::new();
    let files = rules::docs::files();
    for (name, text) in &files {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(on_disk) if on_disk == *text => {}
            _ if bless => {
                std::fs::write(&path, text).expect("write");
                eprintln!("blessed {}", path.display());
            }
            Ok(_) => stale.push(format!("{name} differs")),
            Err(e) => stale.push(format!("{name}: {e}")),
        }
    }
    let expected: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(&dir).expect("rules/ exists") {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !expected.contains(name.as_str()) {
            if bless {
                std::fs::remove_file(entry.path()).expect("remove");
                eprintln!("removed {}", entry.path().display());
            } else {
                stale.push(format!("{name} documents no rule"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "rules/ is stale, run `cargo xtask generate`: {stale:#?}"
    );
    assert_eq!(files.len(), rules::all().len() + 1);
}
