//! The committed `schemas/` validate every Argo document of upstream's examples with an
//! independent validator (Python's `jsonschema`), one document at a time, and reject
//! near-miss mutations of them. Needs `pip install -r tools/requirements.txt`: in CI
//! (`CI=true`) a missing module fails the test, elsewhere it skips with a message.

use std::path::PathBuf;
use std::process::Command;

use argolint::api::ArgoVersion;
use serde_json::Value;

fn skip_or_fail(why: &str) {
    crate::common::skip(&format!("committed schemas vs Python jsonschema: {why}"));
}

#[test]
fn python_jsonschema_accepts_every_example_and_rejects_mutations() {
    let Some(shared) = crate::common::shared_dir() else {
        return;
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .arg(root.join("tools/validate_with_jsonschema.py"))
        .arg("--schemas")
        .arg(root.join("schemas"))
        .arg("--version")
        .arg(ArgoVersion::LATEST.to_string())
        .arg(shared.join("corpus/argo-examples"))
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => return skip_or_fail(&format!("cannot run python3: {e}")),
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    if out.status.code() == Some(3) {
        return skip_or_fail(&format!(
            "python modules missing ({}); pip install -r tools/requirements.txt",
            stdout.trim()
        ));
    }
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "validator printed no summary ({e}); stdout: {stdout}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    eprintln!(
        "python jsonschema ({}): {} files, {} Argo documents validated, {} non-Argo skipped; \
         {} schema errors; mutations caught {}/{}",
        summary["validator"],
        summary["files"],
        summary["documents"],
        summary["skipped_non_argo"],
        summary["schema_errors"].as_array().map_or(0, Vec::len),
        summary["mutations_caught"],
        summary["mutations_tried"],
    );
    assert_eq!(
        summary["schema_errors"],
        serde_json::json!([]),
        "{summary:#}"
    );
    assert_eq!(
        summary["mutations_missed"],
        serde_json::json!([]),
        "{summary:#}"
    );
    assert_eq!(
        summary["grammar_problems"],
        serde_json::json!([]),
        "{summary:#}"
    );
    // The corpus is upstream's examples folder: 217 files, 223 Argo documents.
    assert!(summary["documents"].as_u64() >= Some(200), "{summary:#}");
    assert!(
        summary["mutations_tried"].as_u64() >= Some(500),
        "{summary:#}"
    );
    assert!(out.status.success(), "{summary:#}");
}
