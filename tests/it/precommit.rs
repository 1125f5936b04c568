//! The pre-commit round trip: the real `pre-commit` (from PyPI; `.ci/run` installs it into
//! `target/tools/venv`) runs this repository's hooks with `try-repo` in a scratch git
//! repository holding a good and a bad manifest.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pre_commit() -> Option<PathBuf> {
    let local = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tools/venv/bin/pre-commit");
    if local.exists() {
        return Some(local);
    }
    if Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Some(PathBuf::from("pre-commit"));
    }
    if std::env::var_os("CI").is_some() {
        panic!("pre-commit is not installed: .ci/run installs it into target/tools/venv");
    }
    eprintln!(
        "SKIPPED: pre-commit not found (python3 -m venv target/tools/venv && target/tools/venv/bin/pip install pre-commit)"
    );
    None
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

fn scratch_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["config", "user.email", "ci@example.com"]);
    git(d, &["config", "user.name", "ci"]);
    std::fs::copy("testdata/examples/hello-world.yaml", d.join("good.yaml")).unwrap();
    std::fs::copy("testdata/rules/duplicate-key/bad.yaml", d.join("bad.yaml")).unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "manifests"]);
    dir
}

fn try_repo(
    tool: &Path,
    repo: &Path,
    home: &Path,
    hook: &str,
    file: &str,
    path_dir: Option<&Path>,
) -> Output {
    let mut c = Command::new(tool);
    c.current_dir(repo)
        .env("PRE_COMMIT_HOME", home)
        .env("PRE_COMMIT_COLOR", "never")
        .args([
            "try-repo",
            env!("CARGO_MANIFEST_DIR"),
            hook,
            "--files",
            file,
        ]);
    if let Some(dir) = path_dir {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut paths = vec![dir.to_path_buf()];
        paths.extend(std::env::split_paths(&path));
        c.env("PATH", std::env::join_paths(paths).unwrap());
    }
    c.output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn system_hook_passes_good_and_fails_bad() {
    let Some(tool) = pre_commit() else { return };
    let repo = scratch_repo();
    let home = tempfile::tempdir().unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_argolint"));
    let bin_dir = bin.parent().unwrap();
    let good = try_repo(
        &tool,
        repo.path(),
        home.path(),
        "argolint-system",
        "good.yaml",
        Some(bin_dir),
    );
    assert!(good.status.success(), "{}", text(&good));
    let bad = try_repo(
        &tool,
        repo.path(),
        home.path(),
        "argolint-system",
        "bad.yaml",
        Some(bin_dir),
    );
    assert!(!bad.status.success());
    let out = text(&bad);
    assert!(
        out.contains("duplicate-key") && out.contains("bad.yaml:7:3"),
        "{out}"
    );
}

#[test]
fn rust_hook_builds_from_source_and_lints() {
    let Some(tool) = pre_commit() else { return };
    let repo = scratch_repo();
    // Kept across runs so the release build is made once per commit of this repository.
    let home = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tools/pre-commit-home");
    let good = try_repo(&tool, repo.path(), &home, "argolint", "good.yaml", None);
    assert!(good.status.success(), "{}", text(&good));
    let bad = try_repo(&tool, repo.path(), &home, "argolint", "bad.yaml", None);
    assert!(!bad.status.success());
    assert!(
        text(&bad).contains("duplicate key `labels`"),
        "{}",
        text(&bad)
    );
}

#[test]
fn docs_hook_regenerates_stale_template_docs() {
    let Some(tool) = pre_commit() else { return };
    let repo = scratch_repo();
    let d = repo.path();
    std::fs::create_dir_all(d.join("templates")).unwrap();
    std::fs::copy(
        "testdata/docs/catalog/image-tools.yaml",
        d.join("templates/image-tools.yaml"),
    )
    .unwrap();
    std::fs::write(
        d.join(".argolint.yaml"),
        "docs:\n  paths: [templates]\n  out: docs\n",
    )
    .unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_argolint"));
    let status = Command::new(&bin)
        .current_dir(d)
        .args(["docs", "templates"])
        .status()
        .unwrap();
    assert!(status.success());
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "templates and their docs"]);
    let home = tempfile::tempdir().unwrap();
    let run = || {
        try_repo(
            &tool,
            d,
            home.path(),
            "argolint-docs",
            "templates/image-tools.yaml",
            Some(bin.parent().unwrap()),
        )
    };
    let fresh = run();
    assert!(fresh.status.success(), "{}", text(&fresh));
    // A new input makes the committed page stale: the hook rewrites it and fails once.
    let yaml = std::fs::read_to_string(d.join("templates/image-tools.yaml")).unwrap();
    std::fs::write(
        d.join("templates/image-tools.yaml"),
        yaml.replacen(
            "          - name: image\n",
            "          - name: registry\n          - name: image\n",
            1,
        ),
    )
    .unwrap();
    let stale = run();
    assert!(!stale.status.success(), "{}", text(&stale));
    assert!(
        text(&stale).contains("files were modified by this hook"),
        "{}",
        text(&stale)
    );
    let page = std::fs::read_to_string(d.join("docs/image-tools.md")).unwrap();
    assert!(page.contains("| `registry` | yes |"), "{page}");
    let again = run();
    assert!(again.status.success(), "{}", text(&again));
}
