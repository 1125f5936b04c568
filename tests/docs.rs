//! The committed `rules/` documentation must match what the rules' code says; regenerate
//! with `cargo run -- docs rules`.

use std::collections::BTreeSet;
use std::path::Path;

use argolint::rules;

#[test]
fn rule_docs_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut stale = Vec::new();
    let files = rules::docs::files();
    for (name, text) in &files {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(on_disk) if on_disk == *text => {}
            Ok(_) => stale.push(format!("{name} differs")),
            Err(e) => stale.push(format!("{name}: {e}")),
        }
    }
    let expected: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(&dir).expect("rules/ exists") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !expected.contains(name.as_str()) {
            stale.push(format!("{name} documents no rule"));
        }
    }
    assert!(
        stale.is_empty(),
        "rules/ is stale, run `cargo run -- docs rules`: {stale:#?}"
    );
    assert_eq!(files.len(), rules::all().len() + 1);
}
