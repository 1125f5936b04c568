//! Helpers shared by the integration tests: where the shared data is, and how a test that
//! cannot run says so.

use std::path::PathBuf;

/// Where the shared data is expected: `$ARGOLINT_SHARED`, else `../shared` beside the clone.
pub fn shared_path() -> PathBuf {
    std::env::var_os("ARGOLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

/// The shared data (upstream's examples, schemas and CRDs), or `None` when it is absent:
/// then the calling test has printed `SKIPPED: …` and should return. On CI (`CI` set) an
/// absent shared folder fails the test instead.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = shared_path();
    if dir.is_dir() {
        return Some(dir);
    }
    skip(&format!(
        "shared data not found at {} (set ARGOLINT_SHARED)",
        dir.display()
    ));
    None
}

/// `<shared>/corpus/argo-examples`, upstream's example manifests (see [`shared_dir`]).
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = shared_dir()?.join("corpus/argo-examples");
    assert!(
        dir.is_dir(),
        "the shared data has no {}: is ARGOLINT_SHARED right?",
        dir.display()
    );
    Some(dir)
}

/// True when the run should rewrite the generated files it checks instead of failing on
/// them (`ARGOLINT_BLESS=1`, as `cargo xtask generate` sets it).
pub fn bless() -> bool {
    std::env::var("ARGOLINT_BLESS").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Says that the current test cannot run, and why: on CI (`CI` set) that fails it; elsewhere
/// it prints `SKIPPED: <test>: <why>` and the caller returns.
pub fn skip(why: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let msg = format!("SKIPPED: {test}: {why}");
    if std::env::var_os("CI").is_some() {
        panic!("{msg} (CI is set: this test must run)");
    }
    eprintln!("{msg}");
}

#[test]
fn a_missing_shared_folder_skips_or_fails_on_ci() {
    // Runs the check in a child process of this binary, with ARGOLINT_SHARED pointing nowhere.
    if std::env::var_os("ARGOLINT_COMMON_CHILD").is_some() {
        assert!(shared_dir().is_none());
        return;
    }
    let me = std::env::current_exe().unwrap();
    let run = |ci: bool| {
        let mut cmd = std::process::Command::new(&me);
        cmd.args([
            "common::a_missing_shared_folder_skips_or_fails_on_ci",
            "--exact",
            "--nocapture",
        ])
        .env("ARGOLINT_COMMON_CHILD", "1")
        .env("ARGOLINT_SHARED", "/nonexistent/argolint-shared");
        if ci {
            cmd.env("CI", "true");
        } else {
            cmd.env_remove("CI");
        }
        cmd.output().unwrap()
    };
    let local = run(false);
    let stderr = String::from_utf8_lossy(&local.stderr);
    assert!(local.status.success(), "{stderr}");
    assert!(
        stderr.contains("SKIPPED: common::a_missing_shared_folder_skips_or_fails_on_ci: shared data not found at /nonexistent/argolint-shared"),
        "{stderr}"
    );
    let ci = run(true);
    assert!(!ci.status.success(), "on CI a missing shared folder fails");
    let output = String::from_utf8_lossy(&ci.stdout) + String::from_utf8_lossy(&ci.stderr);
    assert!(output.contains("CI is set: this test must run"), "{output}");
}
