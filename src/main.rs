//! The `argolint` command line: a thin shell over the engine.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use argolint::api::ArgoVersion;
use argolint::diagnostic::Severity;
use argolint::emit;
use argolint::engine::{self, Input};
use argolint::rules;
use argolint::settings::Settings;

/// Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or I/O error.
const EXIT_FINDINGS: u8 = 1;
const EXIT_TROUBLE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "argolint",
    version,
    about = "A fast static linter for Argo Workflows manifests",
    long_about = "A fast static linter for Argo Workflows manifests (Workflow, WorkflowTemplate, \
ClusterWorkflowTemplate, CronWorkflow).\n\nIt finds YAML mistakes and the settings that hurt in \
production (retries cut short, oversized parameters, containers without resources), each at its \
exact line and column.",
    after_help = "Exit codes: 0 = no finding at or above --fail-on, 1 = findings, 2 = usage or I/O error.\n\
Examples:\n  argolint check workflows/\n  argolint check --format json .\n  helm template chart | argolint check -\n  argolint rule retry-max-duration-overrides-deadline"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and directories (the current directory when none is given).
    Check(CheckArgs),
    /// Print a rule's documentation.
    Rule {
        /// Rule name (`oversized-parameter`) or code (`AL402`).
        name: String,
    },
    /// List every rule.
    Rules,
    /// Write documentation files.
    Docs {
        #[command(subcommand)]
        what: DocsCommand,
    },
}

#[derive(Subcommand)]
enum DocsCommand {
    /// Write `<name>.md` for every rule and a `README.md` index.
    Rules {
        /// The directory to write into.
        #[arg(long, default_value = "rules")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Snippets with labels and help, for people.
    Human,
    /// The stable JSON contract (see README), for tools.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to lint; `-` reads standard input. Directories are walked for
    /// *.yaml, *.yml and *.json, honouring .gitignore.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Exit with 1 when a finding has at least this severity: error, warning or info.
    #[arg(long, default_value = "error", value_parser = parse_severity)]
    fail_on: Severity,
    /// The name to show for standard input.
    #[arg(long, default_value = "<stdin>")]
    stdin_filename: String,
    /// The Argo Workflows release the manifests target (3.4 to 4.1).
    #[arg(long, default_value_t = ArgoVersion::LATEST, value_parser = parse_version)]
    argo_version: ArgoVersion,
    /// When to colour human output (auto: on a terminal without NO_COLOR set).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

fn parse_version(s: &str) -> Result<ArgoVersion, String> {
    s.parse()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rule { name } => match rules::find(&name) {
            Some(meta) => print(&meta.render_docs()),
            None => {
                let names: Vec<&str> = rules::all().iter().map(|m| m.name).collect();
                let hint = suggest(&name, &names)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                eprintln!("error: no rule named `{name}`{hint}; `argolint rules` lists them");
                ExitCode::from(EXIT_TROUBLE)
            }
        },
        Command::Rules => {
            let mut out = String::new();
            for m in rules::all() {
                out.push_str(&format!(
                    "{:<6} {:<40} {:<8} {}\n",
                    m.code, m.name, m.severity, m.summary
                ));
            }
            print(&out)
        }
        Command::Docs {
            what: DocsCommand::Rules { out },
        } => write_rule_docs(&out),
    }
}

fn write_rule_docs(dir: &std::path::Path) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: {}: {e}", dir.display());
        return ExitCode::from(EXIT_TROUBLE);
    }
    let files = rules::docs::files();
    for (name, text) in &files {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(EXIT_TROUBLE);
        }
    }
    eprintln!("wrote {} files to {}", files.len(), dir.display());
    ExitCode::SUCCESS
}

fn print(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`argolint ... | head`) is not an error worth a panic.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    ExitCode::SUCCESS
}

fn suggest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(name, c), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

fn check(args: CheckArgs) -> ExitCode {
    let settings = Settings {
        argo_version: args.argo_version,
        ..Settings::default()
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let inputs: Vec<Input> = paths
        .into_iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                Input::Stdin {
                    name: args.stdin_filename.clone(),
                }
            } else {
                Input::Path(p)
            }
        })
        .collect();
    let report = engine::lint_inputs(&inputs, &settings);
    let text = match args.format {
        Format::Json => emit::json::render(&report),
        Format::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            emit::human::render(&report, color)
        }
    };
    print(&text);
    for e in &report.io_errors {
        eprintln!("error: {e}");
    }
    if !report.io_errors.is_empty() {
        return ExitCode::from(EXIT_TROUBLE);
    }
    let failing = report
        .diagnostics()
        .any(|(_, d)| d.severity >= args.fail_on);
    if failing {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}
