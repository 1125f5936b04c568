//! The promises of `--fix`: span edits that keep comments, formatting and key order; atomic
//! rewrites; only results that parse and add no finding; a second run changes nothing.

use std::path::Path;

use assert_cmd::Command;

use argolint::fix;
use argolint::settings::Settings;

const BEFORE: &str = "\
# Nightly run
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: nightly
spec:
  schedule: \"0 2 * * *\"   # every night
  workflowSpec:
    entrypoint: main
    synchronization:
      mutex:
        # held for the whole run
        name: nightly-lock
    templates:
      - name: main
        suspend: {}
";

const AFTER: &str = "\
# Nightly run
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: nightly
spec:
  schedules: [\"0 2 * * *\"]   # every night
  workflowSpec:
    entrypoint: main
    synchronization:
      mutexes:
        # held for the whole run
        - name: nightly-lock
    templates:
      - name: main
        suspend: {}
";

fn argolint(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("argolint").unwrap();
    c.current_dir(dir);
    c
}

#[test]
fn fix_rewrites_in_place_keeping_comments_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("cron.yaml"), BEFORE).unwrap();
    let out = argolint(d)
        .args(["check", "--fix", "cron.yaml"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("fixed 2 findings in 1 file (2 fixed, "),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(d.join("cron.yaml")).unwrap(), AFTER);
    // Nothing left behind by the atomic write.
    let names: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["cron.yaml"]);
}

#[test]
fn fixing_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("cron.yaml"), BEFORE).unwrap();
    argolint(d)
        .args(["check", "--fix", "cron.yaml"])
        .assert()
        .success();
    let once = std::fs::read_to_string(d.join("cron.yaml")).unwrap();
    let out = argolint(d)
        .args(["check", "--fix", "cron.yaml"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixed 0 findings in 0 files"));
    assert_eq!(std::fs::read_to_string(d.join("cron.yaml")).unwrap(), once);
}

#[test]
fn diff_shows_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("cron.yaml"), BEFORE).unwrap();
    let out = argolint(d)
        .args(["check", "--diff", "cron.yaml"])
        .output()
        .unwrap();
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(diff.contains("-  schedule: \"0 2 * * *\"   # every night\n+  schedules: [\"0 2 * * *\"]   # every night"), "{diff}");
    assert!(diff.contains("+        - name: nightly-lock"), "{diff}");
    assert_eq!(
        std::fs::read_to_string(d.join("cron.yaml")).unwrap(),
        BEFORE
    );
}

#[test]
fn stdin_fixes_go_to_stdout() {
    let out = Command::cargo_bin("argolint")
        .unwrap()
        .args(["check", "--fix", "-"])
        .write_stdin(BEFORE)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), AFTER);
}

#[cfg(unix)]
#[test]
fn rewrite_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cron.yaml");
    std::fs::write(&p, BEFORE).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    argolint(dir.path())
        .args(["check", "--fix", "cron.yaml"])
        .assert()
        .success();
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn a_fix_that_breaks_the_yaml_or_adds_findings_is_refused() {
    let settings = Settings::default();
    let before = argolint::engine::lint_source("x.yaml", BEFORE, &settings);
    let allowed = fix::census(&before);
    let broken = BEFORE.replace("schedule: \"0 2 * * *\"", "schedules: [\"0 2 * * *\"");
    assert_eq!(
        fix::vet("x.yaml", &broken, &settings, &allowed).unwrap_err(),
        "the fixed text would not parse"
    );
    let worse = BEFORE.replace(
        "      - name: main\n        suspend: {}\n",
        "      - name: main\n        container: {image: alpine}\n",
    );
    let err = fix::vet("x.yaml", &worse, &settings, &allowed).unwrap_err();
    assert!(err.contains("AL601"), "{err}");
    assert!(fix::vet("x.yaml", AFTER, &settings, &allowed).is_ok());
}

#[test]
fn unsafe_fixes_need_opting_in() {
    // Deleting the first of two duplicate keys keeps what Kubernetes sees, but drops text the
    // author wrote: an unsafe fix.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: a-\n  labels:\n    team: a\n  labels:\n    team: b\nspec:\n  workflowTemplateRef: {name: t}\n";
    std::fs::write(d.join("wf.yaml"), text).unwrap();
    let out = argolint(d)
        .args(["check", "--fix", "wf.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the duplicate key remains");
    assert_eq!(std::fs::read_to_string(d.join("wf.yaml")).unwrap(), text);
    let out = argolint(d)
        .args(["check", "--fix", "--unsafe-fixes", "wf.yaml"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(d.join("wf.yaml")).unwrap(),
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: a-\n  labels:\n    team: b\nspec:\n  workflowTemplateRef: {name: t}\n"
    );
}
