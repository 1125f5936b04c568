//! End to end from a real editor: Debian's Neovim (0.7, installed by `.ci/run`) loads the
//! README's "Neovim 0.7+" set-up, opens `testdata/lsp/nav/` (copied), and through
//! `tests/it/lsp/nvim/driver.lua` goes to a definition in another file, completes a
//! `{{inputs.parameters.` variable and renames a template used in three files. Without
//! `nvim` on PATH the test is skipped with a message (and fails on CI).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::skip;

/// The README's Lua block whose first line is this marker.
const MARKER: &str = "-- argolint: Neovim 0.7+ (vim.lsp.start_client)";

fn readme_setup() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find(&format!("```lua\n{MARKER}\n"))
        .unwrap_or_else(|| panic!("README.md has no ```lua block starting with `{MARKER}`"));
    let body = &readme[start + "```lua\n".len()..];
    body[..body.find("\n```").expect("the block is closed")].to_string()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn neovim_goes_to_definition_completes_and_renames_across_files() {
    let found = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::piped())
        .output();
    let Ok(version) = found else {
        skip("`nvim` is not on PATH (Debian: apt-get install neovim)");
        return;
    };
    let version = String::from_utf8_lossy(&version.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    copy_dir(&super::fixture("nav"), &ws);
    // The set-up's root marker.
    std::fs::write(ws.join(".argolint.yaml"), "# the workspace's root\n").unwrap();
    let setup = dir.path().join("setup.lua");
    std::fs::write(&setup, readme_setup()).unwrap();
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/lsp/nvim/driver.lua");
    let out = dir.path().join("out.txt");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_argolint")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-c"])
        .arg(format!("luafile {}", setup.display()))
        .arg("-c")
        .arg(format!("luafile {}", driver.display()))
        .current_dir(&ws)
        .env("PATH", path)
        .env("ARGOLINT_NVIM_OUT", &out)
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim starts");
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t0.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!(
                "{version} did not finish in 120 s; it said:\n{}",
                std::fs::read_to_string(&out).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let said = std::fs::read_to_string(&out).unwrap_or_default();
    let get = |k: &str| {
        said.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or_else(|| panic!("{version} said no `{k}` (exit {status}):\n{said}"))
            .to_string()
    };
    assert!(status.success(), "{version} exited with {status}:\n{said}");
    assert_eq!(get("attached"), "true", "{said}");
    assert_eq!(get("server"), "argolint");
    assert_ne!(get("diagnostics"), "0", "{said}");
    // Row 7 (1-based), column 12 (0-based): `fetch-data` in `- name: fetch-data`.
    assert_eq!(get("definition"), "shared.yaml:7:12", "{said}");
    assert_eq!(get("definition_line"), "    - name: fetch-data");
    assert_eq!(get("renamed_here"), "true", "{said}");
    // Every file that names the template was changed and written, and nothing else.
    for (file, count) in [
        ("pipeline.yaml", 1),
        ("library/shared.yaml", 3),
        ("nightly.yaml", 1),
    ] {
        let text = std::fs::read_to_string(ws.join(file)).unwrap();
        assert_eq!(text.matches("get-data").count(), count, "{file}:\n{text}");
        assert!(!text.contains("fetch-data"), "{file}:\n{text}");
    }
    // Only `message` is declared by the template the cursor is in.
    assert_eq!(get("completion"), "message", "{said}");
}
