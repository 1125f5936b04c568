//! The Python wheel and the pre-commit round trip. maturin (from PyPI, in `target/tools/venv`)
//! builds the wheel with the release profile; it is installed into a clean venv and run
//! without cargo on PATH. The real `pre-commit` (from PyPI, same venv) runs the hooks with
//! `try-repo` in a scratch git repository holding a good and a bad manifest: the Python hook
//! of `pre-commit-mirror/` (pip fed from a local folder, no index, no cargo), the Rust hook and
//! the system hook of this repository. Install times are printed, never asserted.
//! `scripts/install-test-tools.sh` installs the tools; without them these tests skip locally
//! with a message and fail on CI.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn skip(what: &str, why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what}: {why} (CI must run this test: scripts/install-test-tools.sh)");
    }
    eprintln!("SKIPPED: {what}: {why}");
}

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
    skip(
        "pre-commit",
        "not found (scripts/install-test-tools.sh installs it into target/tools/venv)",
    );
    None
}

/// The argolint wheel of this version, built once per test run with `maturin build --release`
/// into `target/wheels` (cargo makes a rebuild of an unchanged tree a no-op; `.ci/run` builds
/// it before the tests). None, after `skip`, without maturin.
fn wheel() -> Option<PathBuf> {
    static WHEEL: OnceLock<Option<PathBuf>> = OnceLock::new();
    WHEEL
        .get_or_init(|| {
            let maturin = root().join("target/tools/venv/bin/maturin");
            if !maturin.exists() {
                skip(
                    "the Python wheel",
                    "maturin not found (scripts/install-test-tools.sh installs it into target/tools/venv)",
                );
                return None;
            }
            let out_dir = root().join("target/wheels");
            let prefix = format!("argolint-{VERSION}-");
            let ours = |dir: &Path| -> Vec<PathBuf> {
                std::fs::read_dir(dir)
                    .map(|d| {
                        d.filter_map(|e| e.ok().map(|e| e.path()))
                            .filter(|p| {
                                let name = p.file_name().unwrap().to_string_lossy();
                                name.starts_with(&prefix) && name.ends_with(".whl")
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            };
            for old in ours(&out_dir) {
                std::fs::remove_file(old).unwrap();
            }
            let start = Instant::now();
            let out = Command::new(&maturin)
                .current_dir(root())
                .args(["build", "--release", "--locked", "--out"])
                .arg(&out_dir)
                .env("CARGO_TERM_COLOR", "never")
                .output()
                .unwrap();
            assert!(out.status.success(), "maturin build: {}", text(&out));
            let built = ours(&out_dir);
            assert_eq!(built.len(), 1, "one wheel expected: {built:?}");
            let size = std::fs::metadata(&built[0]).unwrap().len();
            eprintln!(
                "wheel {} ({:.1} MB), maturin build took {:.1} s",
                built[0].file_name().unwrap().to_string_lossy(),
                size as f64 / 1e6,
                start.elapsed().as_secs_f64()
            );
            Some(built[0].clone())
        })
        .clone()
}

/// PATH without the folders that hold cargo or rustc: what a machine without Rust has.
fn path_without_rust() -> std::ffi::OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|d| !d.join("cargo").exists() && !d.join("rustc").exists())
        .collect();
    std::env::join_paths(kept).unwrap()
}

fn venv(dir: &Path) -> PathBuf {
    let venv = dir.join("venv");
    let ok = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .unwrap()
        .success();
    assert!(ok, "python3 -m venv");
    venv
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

/// The working tree of this repository (tracked and untracked, not ignored files) as one
/// commit of a scratch repository, as `try-repo` shadows a dirty tree; returns it and the
/// commit.
fn snapshot_of_this_repo() -> (tempfile::TempDir, String) {
    let files = Command::new("git")
        .current_dir(root())
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .output()
        .unwrap();
    assert!(files.status.success());
    let dir = tempfile::tempdir().unwrap();
    for name in files.stdout.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = std::str::from_utf8(name).unwrap();
        let from = root().join(name);
        if !from.is_file() {
            continue; // deleted but not yet staged
        }
        let to = dir.path().join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
    }
    let rev = commit_all(dir.path());
    (dir, rev)
}

/// `git init` + commit of everything in `dir`; returns the commit.
fn commit_all(dir: &Path) -> String {
    git(dir, &["init", "-q"]);
    git(dir, &["config", "user.email", "ci@example.com"]);
    git(dir, &["config", "user.name", "ci"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "snapshot"]);
    let head = Command::new("git")
        .current_dir(dir)
        .args(["rev-parse", "HEAD"])
        .output()
        .unwrap();
    String::from_utf8(head.stdout).unwrap().trim().to_string()
}

/// In a new scratch repository with a new pre-commit home, configures `hook` from
/// `hook_repo` at `rev`, installs it (`pre-commit install-hooks`, timed: the install time)
/// and runs it on the good and the bad manifest. Returns (install, good run, bad run).
fn install_then_run(
    tool: &Path,
    hook_repo: &Path,
    rev: &str,
    hook: &str,
    env: &[(&str, &std::ffi::OsStr)],
) -> (Output, Output, Output, tempfile::TempDir) {
    let repo = scratch_repo();
    let home = tempfile::tempdir().unwrap();
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n",
        hook_repo.display()
    );
    std::fs::write(repo.path().join(".pre-commit-config.yaml"), config).unwrap();
    git(repo.path(), &["add", ".pre-commit-config.yaml"]);
    git(repo.path(), &["commit", "-qm", "config"]);
    let pre_commit = |args: &[&str]| {
        let start = Instant::now();
        let out = Command::new(tool)
            .current_dir(repo.path())
            .env("PRE_COMMIT_HOME", home.path())
            .env("PRE_COMMIT_COLOR", "never")
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .args(args)
            .output()
            .unwrap();
        (out, start.elapsed())
    };
    let (install, install_time) = pre_commit(&["install-hooks"]);
    let (good, good_time) = pre_commit(&["run", hook, "--files", "good.yaml"]);
    let (bad, bad_time) = pre_commit(&["run", hook, "--files", "bad.yaml"]);
    eprintln!(
        "pre-commit hook {hook}: install {}, then a run on one file {} and {}",
        secs(install_time),
        secs(good_time),
        secs(bad_time)
    );
    (install, good, bad, home)
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

#[test]
fn wheel_installs_in_a_clean_venv_and_lints_without_cargo() {
    let Some(wheel) = wheel() else { return };
    let dir = tempfile::tempdir().unwrap();
    let venv = venv(dir.path());
    let ok = Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--quiet",
            "--no-index",
            "--disable-pip-version-check",
        ])
        .arg(&wheel)
        .status()
        .unwrap()
        .success();
    assert!(ok, "pip install {}", wheel.display());

    // The metadata PyPI shows.
    let meta = Command::new(venv.join("bin/python"))
        .args([
            "-c",
            "import importlib.metadata as m, json; d = m.metadata('argolint'); \
             print(json.dumps({k: d.get_all(k) for k in set(d.keys())} | {'body': d.get_payload()}))",
        ])
        .output()
        .unwrap();
    assert!(meta.status.success(), "{}", text(&meta));
    let meta: serde_json::Value = serde_json::from_slice(&meta.stdout).unwrap();
    assert_eq!(meta["Version"][0], VERSION);
    assert_eq!(meta["Name"][0], "argolint");
    assert_eq!(meta["License-Expression"][0], "Apache-2.0", "{meta}");
    assert_eq!(meta["License-File"][0], "LICENSE", "{meta}");
    assert_eq!(
        meta["Description-Content-Type"][0],
        "text/markdown; charset=UTF-8; variant=GFM"
    );
    assert!(
        meta["Summary"][0]
            .as_str()
            .unwrap()
            .contains("Argo Workflows")
    );
    assert!(meta["Requires-Python"][0].as_str().is_some());
    let classifiers = meta["Classifier"].as_array().unwrap();
    assert!(
        classifiers
            .iter()
            .any(|c| c == "Programming Language :: Rust"),
        "{meta}"
    );
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert_eq!(meta["body"].as_str().unwrap().trim(), readme.trim());

    // The binary on the venv's PATH, run where there is no cargo.
    let path = {
        let mut paths = vec![venv.join("bin")];
        paths.extend(std::env::split_paths(&path_without_rust()));
        std::env::join_paths(paths).unwrap()
    };
    assert!(
        Command::new("cargo")
            .arg("--version")
            .env("PATH", &path)
            .output()
            .is_err(),
        "cargo must not be on this PATH"
    );
    let run = |args: &[&str]| {
        Command::new("argolint")
            .current_dir(root())
            .env("PATH", &path)
            .args(args)
            .output()
            .unwrap()
    };
    let version = run(&["--version"]);
    assert!(version.status.success());
    assert!(
        String::from_utf8_lossy(&version.stdout).starts_with(&format!("argolint {VERSION}\n")),
        "{}",
        text(&version)
    );
    let examples = run(&["check", "testdata/examples"]);
    assert!(examples.status.success(), "{}", text(&examples));

    // On upstream's examples it reports exactly what the build under test reports.
    let corpus = std::env::var_os("ARGOLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"))
        .join("corpus/argo-examples");
    if !corpus.is_dir() {
        return skip(
            "the wheel on upstream's examples",
            &format!("{} not found (set ARGOLINT_SHARED)", corpus.display()),
        );
    }
    let corpus = corpus.to_str().unwrap();
    let from_wheel = run(&["check", "--format", "json", corpus]);
    let under_test = Command::new(env!("CARGO_BIN_EXE_argolint"))
        .current_dir(root())
        .args(["check", "--format", "json", corpus])
        .output()
        .unwrap();
    assert_eq!(from_wheel.status.code(), under_test.status.code());
    let parsed: serde_json::Value = serde_json::from_slice(&from_wheel.stdout).unwrap();
    assert!(
        parsed["summary"]["files"].as_u64().unwrap() > 200,
        "{}",
        parsed["summary"]
    );
    assert!(
        from_wheel.stdout == under_test.stdout,
        "the wheel's argolint reports otherwise"
    );
}

#[test]
fn mirror_pins_this_version() {
    let pyproject =
        std::fs::read_to_string(root().join("pre-commit-mirror/pyproject.toml")).unwrap();
    assert!(
        pyproject.contains(&format!("version = \"{VERSION}\"")),
        "pre-commit-mirror/pyproject.toml: set version to {VERSION}"
    );
    assert!(
        pyproject.contains(&format!("\"argolint=={VERSION}\"")),
        "pre-commit-mirror/pyproject.toml: pin argolint=={VERSION}"
    );
}

#[test]
fn python_hook_installs_the_wheel_without_cargo_and_lints() {
    let Some(tool) = pre_commit() else { return };
    let Some(wheel) = wheel() else { return };
    let wheelhouse = root().join("target/tools/wheelhouse");
    if !wheelhouse.is_dir() {
        return skip(
            "the Python hook",
            "target/tools/wheelhouse missing (scripts/install-test-tools.sh)",
        );
    }
    // The mirror as its own repository, as it is published.
    let mirror = tempfile::tempdir().unwrap();
    for name in [".pre-commit-hooks.yaml", "pyproject.toml", "README.md"] {
        std::fs::copy(
            root().join("pre-commit-mirror").join(name),
            mirror.path().join(name),
        )
        .unwrap();
    }
    let rev = commit_all(mirror.path());
    // pip finds argolint and the mirror's build backend in local folders only.
    let links = tempfile::tempdir().unwrap();
    std::fs::copy(&wheel, links.path().join(wheel.file_name().unwrap())).unwrap();
    let find_links = format!("{} {}", links.path().display(), wheelhouse.display());
    let path = path_without_rust();
    assert!(
        Command::new("cargo")
            .arg("--version")
            .env("PATH", &path)
            .output()
            .is_err(),
        "cargo must not be on this PATH"
    );
    let env: [(&str, &std::ffi::OsStr); 4] = [
        ("PATH", path.as_os_str()),
        ("PIP_NO_INDEX", "1".as_ref()),
        ("PIP_FIND_LINKS", find_links.as_ref()),
        ("PIP_DISABLE_PIP_VERSION_CHECK", "1".as_ref()),
    ];
    let (install, good, bad, home) = install_then_run(&tool, mirror.path(), &rev, "argolint", &env);
    assert!(install.status.success(), "{}", text(&install));
    assert!(good.status.success(), "{}", text(&good));
    assert!(!bad.status.success());
    let out = text(&bad);
    assert!(
        out.contains("duplicate-key") && out.contains("bad.yaml:7:3"),
        "{out}"
    );
    // The hook ran the wheel's binary, from the environment pre-commit made.
    let envs: Vec<PathBuf> = walk_for(home.path(), "argolint");
    assert!(
        envs.iter()
            .any(|p| p.parent().unwrap().ends_with("bin")
                && std::fs::read(p).unwrap().len() > 1_000_000),
        "no argolint binary in the hook's environment: {envs:?}"
    );
}

/// Files named `name` under `dir`, two levels of pre-commit's store deep and more.
fn walk_for(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                stack.push(p);
            } else if e.file_name() == name {
                found.push(p);
            }
        }
    }
    found
}

#[test]
fn rust_hook_builds_from_source_and_lints() {
    let Some(tool) = pre_commit() else { return };
    // pre-commit builds the hook with `cargo install` from its own clone: a whole release
    // build, once.
    // The test builds without LTO and with parallel codegen units (CI's 2 cores would spend
    // 10+ minutes on the release profile's fat LTO); the install time printed is this
    // build's, not a user's (see BENCHMARKS.md for the release profile's).
    let (snapshot, rev) = snapshot_of_this_repo();
    let fast: [(&str, &std::ffi::OsStr); 2] = [
        ("CARGO_PROFILE_RELEASE_LTO", "off".as_ref()),
        ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16".as_ref()),
    ];
    let (install, good, bad, _home) =
        install_then_run(&tool, snapshot.path(), &rev, "argolint-rust", &fast);
    assert!(install.status.success(), "{}", text(&install));
    assert!(good.status.success(), "{}", text(&good));
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
