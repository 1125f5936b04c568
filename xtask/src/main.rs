//! argolint's developer tools, run as `cargo xtask <command>` (an alias in
//! `.cargo/config.toml`):
//!
//! - `generate [--check]`: regenerate every generated file (or, with `--check`, list the
//!   stale ones and write nothing, exiting 1);
//! - `new-rule <category> <rule-name>`: scaffold a rule from the templates in
//!   `xtask/templates/`.

mod generate;
mod new_rule;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask generate [--check]             regenerate every generated file (--check: list stale ones, write nothing)
  cargo xtask new-rule <category> <rule-name>  scaffold src/rules/<category>/<rule_name>.rs, its registry line and fixtures
categories: schema, validation, reliability, scale, resources, security";

/// The argolint checkout (this crate's parent folder).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the checkout")
        .to_path_buf()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["generate"] => generate::run(false),
        ["generate", "--check"] => generate::run(true),
        ["new-rule", category, name] => new_rule::run(&root(), category, name),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(true)
        }
        _ => Err(format!("unknown arguments {args:?}\n{USAGE}")),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
