//! The `argolint` binary: everything lives in the library (`argolint::cli`).

fn main() -> std::process::ExitCode {
    argolint::cli::main()
}
