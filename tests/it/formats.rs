//! Every output format, snapshot-tested on the same input; SARIF also checked by a real
//! SARIF validator (Microsoft's SARIF Multitool, installed by `.ci/run` from npm).

use std::path::PathBuf;

use assert_cmd::Command;

const INPUTS: [&str; 2] = [
    "testdata/rules/retry-max-duration-overrides-deadline/bad.yaml",
    "testdata/rules/duplicate-key/bad.yaml",
];

fn output(args: &[&str]) -> String {
    let out = Command::cargo_bin("argolint")
        .unwrap()
        .arg("check")
        .args(args)
        .args(INPUTS)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    // Machine-specific: the working directory and the version.
    let cwd = std::env::current_dir().unwrap().display().to_string();
    text.replace(&cwd, "[CWD]")
        .replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}

#[test]
fn concise() {
    insta::assert_snapshot!(output(&["--format", "concise"]));
}

#[test]
fn github() {
    insta::assert_snapshot!(output(&["--format", "github"]));
}

#[test]
fn junit() {
    insta::assert_snapshot!(output(&["--format", "junit"]));
}

#[test]
fn gitlab() {
    let text = output(&["--format", "gitlab"]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let fps: std::collections::HashSet<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].clone())
        .collect();
    assert_eq!(
        fps.len(),
        v.as_array().unwrap().len(),
        "fingerprints are unique"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn statistics() {
    insta::assert_snapshot!(output(&["--statistics"]));
}

#[test]
fn quiet_drops_the_summary() {
    let text = output(&["--format", "concise", "--quiet"]);
    assert!(!text.contains("Found"));
    assert!(!text.contains("fixable with"));
    let full = output(&["--format", "concise"]);
    // The summary and the line that counts fixable findings.
    let summary = full
        .lines()
        .filter(|l| l.starts_with("Found") || l.contains("fixable with `--fix"))
        .count();
    assert_eq!(summary, 2, "{full}");
    assert_eq!(text.lines().count(), full.lines().count() - summary);
}

#[test]
fn exit_zero() {
    Command::cargo_bin("argolint")
        .unwrap()
        .args([
            "check",
            "--exit-zero",
            "testdata/rules/duplicate-key/bad.yaml",
        ])
        .assert()
        .code(0);
}

#[test]
fn sarif_snapshot_and_shape() {
    let text = output(&["--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), argolint::rules::all().len());
    for r in run["results"].as_array().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert!(rules[i]["helpUri"].as_str().unwrap().ends_with(".md"));
    }
    // The rules' help texts are long; the snapshot keeps the results.
    insta::assert_json_snapshot!(run["results"]);
}

/// The official SARIF 2.1.0 schema, as shipped in the npm package @microsoft/jest-sarif.
fn sarif_schema() -> Option<PathBuf> {
    let p = PathBuf::from(
        "target/tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json",
    );
    p.exists().then_some(p)
}

fn sarif_log() -> serde_json::Value {
    serde_json::from_str(&output(&["--format", "sarif"])).unwrap()
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let Some(path) = sarif_schema() else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "the SARIF schema package is not installed: .ci/run installs it into target/tools"
            );
        }
        eprintln!(
            "SKIPPED: SARIF 2.1.0 schema not found (npm install --prefix target/tools @microsoft/jest-sarif)"
        );
        return;
    };
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    // The `language` patterns of the schema (`run`, `toolComponent`: argolint writes neither)
    // are valid in JavaScript but not in Rust's regex dialect; they are dropped so the schema
    // compiles.
    let mut schema = schema;
    for def in ["run", "toolComponent"] {
        if let Some(lang) = schema.pointer_mut(&format!("/definitions/{def}/properties/language")) {
            lang.as_object_mut().unwrap().remove("pattern");
        }
    }
    let validator = jsonschema::validator_for(&schema).unwrap();
    let log = sarif_log();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The check can fail: a broken log is refused.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

fn sarif_multitool() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("ARGOLINT_SARIF_MULTITOOL").map(PathBuf::from),
        Some(PathBuf::from(
            "target/tools/node_modules/.bin/sarif-multitool",
        )),
    ];
    candidates.into_iter().flatten().find(|p| p.exists())
}

#[test]
fn sarif_passes_a_real_sarif_validator() {
    let Some(tool) = sarif_multitool() else {
        if std::env::var_os("CI").is_some() {
            panic!("SARIF Multitool not installed: .ci/run installs it into target/tools");
        }
        eprintln!(
            "SKIPPED: SARIF Multitool not found (npm install --prefix target/tools @microsoft/sarif-multitool)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("argolint.sarif");
    // Relative and absolute paths both make valid artifact locations.
    let absolute = std::fs::canonicalize("testdata/rules/removed-field/bad.yaml").unwrap();
    let out = Command::cargo_bin("argolint")
        .unwrap()
        .args(["check", "--format", "sarif"])
        .args(INPUTS)
        .arg(absolute)
        .output()
        .unwrap();
    std::fs::write(&log, &out.stdout).unwrap();
    let report = dir.path().join("validation.sarif");
    let v = std::process::Command::new(&tool)
        .arg("validate")
        .arg(&log)
        .arg("--output")
        .arg(&report)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&v.stdout);
    assert!(
        v.status.success(),
        "validator failed: {stdout}\n{}",
        String::from_utf8_lossy(&v.stderr)
    );
    // The validator's own findings: schema errors and rule errors must be absent.
    let findings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let errors: Vec<String> = findings["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] == "error")
        .map(|r| r["message"].to_string())
        .collect();
    assert!(errors.is_empty(), "SARIF validation errors: {errors:#?}");
}
