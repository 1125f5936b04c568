//! Inputs that once crashed argolint or took minutes, replayed through the fuzz targets'
//! own checks (`fuzz/checks.rs`) on the stable toolchain: every file under
//! `testdata/fuzz/<target>/` goes to that target's check. A crash the fuzzer finds is saved
//! there (`fuzz/artifacts/<target>/crash-…`, renamed to say what it is) with its fix.

#[path = "../../fuzz/checks.rs"]
mod checks;

use std::path::Path;

#[test]
fn every_saved_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/fuzz");
    type Check = fn(&[u8]);
    let targets: [(&str, Check); 6] = [
        ("parse", checks::parse),
        ("lint", checks::lint),
        ("expressions", checks::expressions),
        ("config", checks::config),
        ("fix", checks::fix),
        ("lsp", checks::lsp),
    ];
    let mut replayed = 0;
    for (name, check) in targets {
        let dir = root.join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            eprintln!("replaying {}", path.display());
            check(&data);
            replayed += 1;
        }
    }
    assert!(
        replayed >= 6,
        "only {replayed} saved inputs under {}",
        root.display()
    );
}

/// The parser target's span properties (every span a range of the text at character
/// boundaries; a plain one-line scalar's span slices the text to its value) on every
/// manifest of testdata and of upstream's examples.
#[test]
fn spans_slice_the_source_on_every_known_manifest() {
    fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                yaml_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    yaml_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata"),
        &mut files,
    );
    let local = files.len();
    if let Some(shared) = crate::common::shared_dir() {
        yaml_files(&shared.join("corpus"), &mut files);
    }
    for f in &files {
        checks::parse(&std::fs::read(f).unwrap());
    }
    assert!(local > 100, "only {local} manifests under testdata");
    eprintln!("{} manifests checked ({local} from testdata)", files.len());
}
