//! The `argolint` command line: flags into settings, the engine, an emitter, an exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::api::ArgoVersion;
use crate::baseline::Baseline;
use crate::config::{self, Overrides, Resolver};
use crate::diagnostic::Severity;
use crate::emit;
use crate::engine::{self, Input, Report, RunOptions};
use crate::fix;
use crate::rule::RuleMeta;
use crate::rules;

/// Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage, configuration or I/O error.
const EXIT_FINDINGS: u8 = 1;
const EXIT_TROUBLE: u8 = 2;

/// `argolint --version` (`-V` prints the first line only): the crate's version and the Argo
/// Workflows releases it models.
fn long_version() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let lines: Vec<String> = ArgoVersion::ALL.iter().map(|v| v.to_string()).collect();
        format!(
            "{}\ntargets Argo Workflows {} (default {}; --argo-version)",
            env!("CARGO_PKG_VERSION"),
            lines.join(", "),
            ArgoVersion::LATEST
        )
    })
}

#[derive(Parser)]
#[command(
    name = "argolint",
    version,
    long_version = long_version(),
    about = "A fast static linter for Argo Workflows manifests",
    long_about = "A fast static linter for Argo Workflows manifests (Workflow, WorkflowTemplate, \
ClusterWorkflowTemplate, CronWorkflow).\n\nIt finds YAML mistakes and the settings that hurt in \
production (retries cut short, oversized parameters, containers without resources), each at its \
exact line and column.",
    after_help = "Exit codes: 0 = no finding at or above --fail-on, 1 = findings, 2 = usage, configuration or I/O error.\n\
Examples:\n  argolint check workflows/\n  argolint check --format json .\n  helm template chart | argolint check -\n  argolint rule retry-max-duration-overrides-deadline"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and directories (the current directory when none is given).
    Check(Box<CheckArgs>),
    /// Print a rule's documentation.
    Rule {
        /// Rule name (`oversized-parameter`) or code (`AL402`).
        name: String,
    },
    /// List every rule.
    Rules {
        /// `table` for people, `json` for tools.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Write a commented starter `.argolint.yaml` in the current directory.
    Init {
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), generated from the command-line definition.
    Man,
    /// Explain a field: type, allowed values, default, versions, description, risk rules
    /// (e.g. `spec.templates.retryStrategy.backoff.maxDuration`).
    Explain {
        /// A field path without list indices.
        path: String,
        /// The Argo release to describe.
        #[arg(long, default_value_t = ArgoVersion::LATEST, value_parser = parse_version)]
        argo_version: ArgoVersion,
    },
    /// Print argolint's JSON Schema for Argo manifests (strict: unknown fields rejected).
    Schema {
        /// The Argo release the schema describes.
        #[arg(long, default_value_t = ArgoVersion::LATEST, value_parser = parse_version)]
        argo_version: ArgoVersion,
        /// Only this kind (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow).
        #[arg(long)]
        kind: Option<String>,
    },
    /// Run the language server (LSP over stdin/stdout) for editors: diagnostics as you
    /// type, hover docs, completion, quick fixes.
    #[command(
        long_about = "Run the language server for editors: the Language Server Protocol \
over stdin and stdout, until the client sends `exit`.\n\n\
Diagnostics on open, change and save (every rule of `argolint check`, schema validation \
included, under the nearest .argolint.yaml), hover documentation of the field under the \
cursor, completion of keys and allowed values for the target Argo release, and quick fixes \
(a rule's fix, or a `# argolint: ignore[rule]` comment). templateRefs resolve against the \
WorkflowTemplates of the workspace folders (indexed at start-up, honouring .gitignore).\n\n\
Point the editor's LSP client at `argolint lsp` for YAML files; see the README section \
\"Editor integration\"."
    )]
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Write documentation: the rules, the field reference, or your own templates.
    Docs {
        #[command(subcommand)]
        what: DocsCommand,
    },
    /// Print the graph of a DAG or steps template as Mermaid or Graphviz DOT.
    #[command(
        long_about = "Print the graph of a DAG or steps template, as it is defined (before \
any run): one node per task or step with the template it calls, its loop and its `when`; \
edges from `depends` (labelled with the result they wait for), `dependencies` and the order \
of step groups.\n\n\
Without --template: the file's only DAG or steps template, else its entrypoint's.",
        after_help = "Examples:\n  argolint graph pipeline.yaml\n  argolint graph pipeline.yaml --template build --format dot | dot -Tsvg > build.svg"
    )]
    Graph {
        /// The manifest file (`-` reads standard input).
        file: PathBuf,
        /// The template to draw: `NAME`, or `DOCUMENT/NAME` when several documents of the
        /// file have a template of that name.
        #[arg(long)]
        template: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "mermaid")]
        format: GraphFormat,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// A Mermaid flowchart (GitHub and GitLab draw it in Markdown).
    Mermaid,
    /// Graphviz DOT.
    Dot,
}

#[derive(Subcommand)]
enum DocsCommand {
    /// Write a Markdown reference of every field of the four kinds.
    Fields {
        /// The directory to write into.
        #[arg(long, default_value = "docs/fields")]
        out: PathBuf,
        /// Describe this release only (default: every modelled release).
        #[arg(long, value_parser = parse_version)]
        argo_version: Option<ArgoVersion>,
    },
    /// Write `<name>.md` for every rule and a `README.md` index.
    Rules {
        /// The directory to write into.
        #[arg(long, default_value = "rules")]
        out: PathBuf,
    },
    /// Document your WorkflowTemplates and ClusterWorkflowTemplates as Markdown: inputs,
    /// outputs, resources, a usage snippet and a graph of each DAG and steps template.
    #[command(
        long_about = "Document your WorkflowTemplates and ClusterWorkflowTemplates (and, with \
--kinds, Workflows and CronWorkflows) as Markdown: for each manifest its name, kind, namespace, \
the `workflows.argoproj.io/description` annotation and the comment above it; for each template \
its type, inputs (required or not, default, allowed values, description), outputs, the \
resources it asks for, a Mermaid graph of DAG and steps templates, and a ready-to-paste DAG \
task calling it through a `templateRef`.\n\n\
By default the documentation goes to standard output. --out DIR writes one page per manifest \
and a README.md index; --inject FILE replaces the text between `<!-- BEGIN_ARGOLINT_DOCS -->` \
and `<!-- END_ARGOLINT_DOCS -->` in FILE. With --check nothing is written: the command exits \
with 1 and prints a diff when the files are not up to date.\n\n\
The `docs:` block of .argolint.yaml sets paths, out, inject and kinds; flags win.",
        after_help = "Exit codes: 0 = written (or up to date with --check), 1 = stale (--check), 2 = usage, configuration, input or I/O error.\n\
Examples:\n  argolint docs templates templates/\n  argolint docs templates templates/ --out docs/templates\n  argolint docs templates templates/ --inject README.md --check"
    )]
    Templates(Box<TemplateDocsArgs>),
}

#[derive(clap::Args)]
struct TemplateDocsArgs {
    /// Files or directories to document [default: `docs.paths` from the configuration, or
    /// the current directory]. Directories are walked for *.yaml, *.yml and *.json,
    /// honouring .gitignore and the configuration's `exclude`.
    paths: Vec<PathBuf>,
    /// Write `<name>.md` for every manifest and a `README.md` index into DIR (pages this
    /// command wrote before for manifests that are gone are removed).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Put the documentation between the markers `<!-- BEGIN_ARGOLINT_DOCS -->` and
    /// `<!-- END_ARGOLINT_DOCS -->` of this Markdown file.
    #[arg(long, value_name = "FILE")]
    inject: Option<PathBuf>,
    /// Write nothing; exit with 1 and print a unified diff when the files of --out or
    /// --inject are not up to date.
    #[arg(long)]
    check: bool,
    /// The kinds to document, comma-separated [default: WorkflowTemplate,ClusterWorkflowTemplate,
    /// or `docs.kinds`]. Also Workflow and CronWorkflow.
    #[arg(long, value_delimiter = ',', value_parser = parse_kind)]
    kinds: Vec<crate::api::Kind>,
    /// Use this configuration file instead of the nearest `.argolint.yaml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
}

fn parse_kind(s: &str) -> Result<crate::api::Kind, String> {
    s.parse()
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Snippets with labels and help, for people.
    Human,
    /// One line per finding: `file:line:col: severity[rule] message`.
    Concise,
    /// The stable JSON contract (see README), for tools.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
    /// GitLab Code Quality report.
    Gitlab,
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
    /// Exit with 1 when a finding has at least this severity: error, warning or info
    /// [default: error, or `fail-on` from the configuration].
    #[arg(long, value_parser = parse_severity)]
    fail_on: Option<Severity>,
    /// Exit with 0 even when there are findings (2 still signals trouble).
    #[arg(long)]
    exit_zero: bool,
    /// Print only the findings, no summary line.
    #[arg(long, short)]
    quiet: bool,
    /// Print how many findings each rule produced instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Run only these rules: names, codes (AL401), code prefixes (AL4), categories
    /// (resources) or `all`; comma-separated or repeated. Replaces the configuration's
    /// selection.
    #[arg(long, value_name = "RULES", value_delimiter = ',', value_parser = parse_selector)]
    select: Option<Vec<String>>,
    /// Run these rules too, on top of the configuration's selection (or `--select`).
    #[arg(long, value_name = "RULES", value_delimiter = ',', value_parser = parse_selector, visible_alias = "enable")]
    extend_select: Vec<String>,
    /// Do not run these rules (same selectors as --select).
    #[arg(long, value_name = "RULES", value_delimiter = ',', value_parser = parse_selector, visible_alias = "disable")]
    ignore: Vec<String>,
    /// Report only findings of at least this severity: error, warning or info [default:
    /// info, or `min-severity` from the configuration]. Applies to every format.
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    min_severity: Option<Severity>,
    /// Human output: show every finding in full. Without it, a run with more than 30
    /// findings shows errors in full, the first 5 warnings of each rule in full, and counts
    /// the rest per rule (machine formats always carry every finding).
    #[arg(long)]
    show_all: bool,
    /// The name to show for standard input.
    #[arg(long, default_value = "<stdin>")]
    stdin_filename: String,
    /// The Argo Workflows release the manifests target (3.4 to 4.1) [default: the
    /// configuration's, or the newest].
    #[arg(long, value_parser = parse_version)]
    argo_version: Option<ArgoVersion>,
    /// Validate against this JSON Schema instead of argolint's own (for a patched Argo build);
    /// documents are dispatched on `kind` to the schema's definition of that kind.
    #[arg(long, value_name = "FILE")]
    schema: Option<PathBuf>,
    /// Also read the WorkflowTemplates and ClusterWorkflowTemplates under DIR, so that
    /// `templateRef`s to them resolve (they are not linted). Repeatable.
    #[arg(long = "templates", value_name = "DIR")]
    templates: Vec<PathBuf>,
    /// What a `templateRef` or `workflowTemplateRef` to a template not among the files is
    /// worth (it may live in the cluster): ignore, warn or error [default: warn].
    #[arg(long, value_name = "LEVEL", value_parser = parse_external_refs)]
    external_refs: Option<crate::settings::ExternalRefs>,
    /// Which Argo CRDs the cluster runs with: full (the API server validates `spec`) or
    /// minimal (it does not) [default: the configuration's, or the target release's
    /// default: minimal before v4.0, full from v4.0].
    #[arg(long, value_name = "KIND", value_parser = parse_crds)]
    crds: Option<crate::settings::Crds>,
    /// Use this configuration file for every file instead of the nearest `.argolint.yaml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
    /// Apply configuration `exclude` globs to files named on the command line too (for
    /// pre-commit, which names every file).
    #[arg(long)]
    force_exclude: bool,
    /// When to colour human output (auto: on a terminal without NO_COLOR set).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Report only findings that this baseline file does not record.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Add `# argolint: ignore[rule] REASON` comments for every current finding, then exit.
    #[arg(long, value_name = "REASON", num_args = 0..=1, default_missing_value = "")]
    add_suppressions: Option<String>,
    /// Apply safe fixes to the files (rewritten in place, atomically).
    #[arg(long)]
    fix: bool,
    /// Show the fixes as a unified diff without writing anything.
    #[arg(long)]
    diff: bool,
    /// Also apply fixes that may change meaning (with --fix or --diff).
    #[arg(long)]
    unsafe_fixes: bool,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

/// A rule selector of `--select`, `--extend-select` or `--ignore`, checked against the rules.
fn parse_selector(s: &str) -> Result<String, String> {
    let s = s.trim();
    match config::resolve_selector(s) {
        Some(_) => Ok(s.to_string()),
        None => Err(config::unknown_selector(s)),
    }
}

fn parse_external_refs(s: &str) -> Result<crate::settings::ExternalRefs, String> {
    s.parse()
}

fn parse_crds(s: &str) -> Result<crate::settings::Crds, String> {
    s.parse()
}

fn parse_version(s: &str) -> Result<ArgoVersion, String> {
    s.parse()
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(*args),
        Command::Rule { name } => match rules::find(&name) {
            Some(meta) => print(&meta.render_docs()),
            None => {
                let names: Vec<&str> = rules::all().iter().map(|m| m.name).collect();
                let hint = crate::suggest::did_you_mean(&name, &names)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                eprintln!("error: no rule named `{name}`{hint}; `argolint rules` lists them");
                ExitCode::from(EXIT_TROUBLE)
            }
        },
        Command::Rules { format } => print(&list_rules(format)),
        Command::Init { force } => init(force),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "argolint", &mut out);
            print(&String::from_utf8_lossy(&out))
        }
        Command::Man => print(&man_page()),
        Command::Lsp { stdio: _ } => crate::lsp::run(),
        Command::Docs {
            what: DocsCommand::Rules { out },
        } => write_files(&out, rules::docs::files()),
        Command::Docs {
            what: DocsCommand::Fields { out, argo_version },
        } => write_files(&out, crate::reference::docs::field_docs(argo_version)),
        Command::Docs {
            what: DocsCommand::Templates(args),
        } => crate::cli_docs::templates(crate::cli_docs::TemplateDocs {
            paths: args.paths,
            out: args.out,
            inject: args.inject,
            check: args.check,
            kinds: args.kinds,
            config: args.config,
            isolated: args.isolated,
        }),
        Command::Graph {
            file,
            template,
            format,
        } => crate::cli_docs::graph(&file, template.as_deref(), format == GraphFormat::Dot),
        Command::Explain { path, argo_version } => {
            match crate::reference::explain::explain(&path, argo_version) {
                Ok(text) => print(&text),
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(EXIT_TROUBLE)
                }
            }
        }
        Command::Schema { argo_version, kind } => {
            let kind = match kind.map(|k| k.parse::<crate::api::Kind>()).transpose() {
                Ok(k) => k,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_TROUBLE);
                }
            };
            print(&crate::api::schema::render(
                &crate::api::schema::json_schema(argo_version, kind),
            ))
        }
    }
}

fn write_files<N: AsRef<Path>, T: AsRef<[u8]>>(
    dir: &Path,
    files: impl IntoIterator<Item = (N, T)>,
) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: {}: {e}", dir.display());
        return ExitCode::from(EXIT_TROUBLE);
    }
    let files: Vec<(N, T)> = files.into_iter().collect();
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

/// The roff manual page of the whole command line: clap_mangen's page of `argolint`, then a
/// section per subcommand with every option it takes.
pub fn man_page() -> String {
    let mut out = Vec::new();
    let cmd = Cli::command();
    let _ = clap_mangen::Man::new(cmd.clone()).render(&mut out);
    let mut text = String::from_utf8_lossy(&out).into_owned();
    let mut subs = Vec::new();
    collect_subcommands(&cmd, "argolint", &mut subs);
    for (name, sub) in subs {
        text.push_str(&man_subcommand(&name, &sub));
    }
    text
}

fn collect_subcommands(cmd: &clap::Command, prefix: &str, out: &mut Vec<(String, clap::Command)>) {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("{prefix} {}", sub.get_name());
        out.push((name.clone(), sub.clone()));
        collect_subcommands(sub, &name, out);
    }
}

/// Escapes text for roff: backslashes, and a leading `.` or `'` that would read as a request.
fn roff(text: &str) -> String {
    text.replace('\\', "\\e")
        .replace('-', "\\-")
        .lines()
        .map(|l| {
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn man_subcommand(name: &str, cmd: &clap::Command) -> String {
    let mut out = format!(".SH \"{}\"\n", name.to_uppercase());
    let about = cmd
        .get_long_about()
        .or(cmd.get_about())
        .map(|a| a.to_string())
        .unwrap_or_default();
    let usage = cmd.clone().bin_name(name).render_usage().to_string();
    out.push_str(&format!(
        "\\fB{}\\fR\n.PP\n{}\n",
        roff(usage.trim_start_matches("Usage: ")),
        roff(&about)
    ));
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" || arg.is_hide_set() {
            continue;
        }
        let mut head = Vec::new();
        if let Some(s) = arg.get_short() {
            head.push(format!("\\fB\\-{s}\\fR"));
        }
        if let Some(l) = arg.get_long() {
            head.push(format!("\\fB\\-\\-{}\\fR", roff(l)));
        }
        let takes_value = arg.get_action().takes_values();
        let value = arg
            .get_value_names()
            .map(|v| {
                v.iter()
                    .map(|n| format!("<{n}>"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|| format!("<{}>", id.to_uppercase()));
        let head = if arg.is_positional() {
            format!("\\fI{}\\fR", roff(&value))
        } else if takes_value {
            format!("{} \\fI{}\\fR", head.join(", "), roff(&value))
        } else {
            head.join(", ")
        };
        let help = arg
            .get_long_help()
            .or(arg.get_help())
            .map(|h| h.to_string())
            .unwrap_or_default();
        let mut extra = Vec::new();
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() && takes_value {
            extra.push(format!("[default: {}]", defaults.join(", ")));
        }
        let choices: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !choices.is_empty() && takes_value {
            extra.push(format!("[possible values: {}]", choices.join(", ")));
        }
        let aliases: Vec<String> = arg
            .get_visible_aliases()
            .unwrap_or_default()
            .iter()
            .map(|a| format!("--{a}"))
            .collect();
        if !aliases.is_empty() {
            extra.push(format!("[aliases: {}]", aliases.join(", ")));
        }
        out.push_str(&format!(
            ".TP\n{head}\n{}\n",
            roff(format!("{help} {}", extra.join(" ")).trim())
        ));
    }
    out
}

fn list_rules(format: ListFormat) -> String {
    match format {
        ListFormat::Json => {
            let list: Vec<_> = rules::all()
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "code": m.code,
                        "name": m.name,
                        "category": m.category.as_str(),
                        "severity": m.severity,
                        "summary": m.summary,
                        "fixable": fix::FIXABLE_RULES.contains(&m.name),
                        "url": m.url(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
        }
        ListFormat::Table => {
            let all = rules::all();
            let width = |f: fn(&RuleMeta) -> usize, title: &str| {
                all.iter().map(|m| f(m)).max().unwrap_or(0).max(title.len())
            };
            let (wc, wn, wk, ws) = (
                width(|m| m.code.len(), "CODE"),
                width(|m| m.name.len(), "NAME"),
                width(|m| m.category.as_str().len(), "CATEGORY"),
                width(|m| m.severity.to_string().len(), "SEVERITY"),
            );
            let mut out = format!(
                "{:<wc$}  {:<wn$}  {:<wk$}  {:<ws$}  {:<3}  {}\n",
                "CODE", "NAME", "CATEGORY", "SEVERITY", "FIX", "SUMMARY"
            );
            for m in &all {
                out.push_str(&format!(
                    "{:<wc$}  {:<wn$}  {:<wk$}  {:<ws$}  {:<3}  {}\n",
                    m.code,
                    m.name,
                    m.category.as_str(),
                    m.severity.to_string(),
                    if fix::FIXABLE_RULES.contains(&m.name) {
                        "[*]"
                    } else {
                        ""
                    },
                    m.summary
                ));
            }
            out.push_str(
                "\nFIX [*]: `argolint check --fix` can resolve some of the rule's findings.\n",
            );
            out
        }
    }
}

/// The starter configuration `argolint init` writes.
pub const STARTER_CONFIG: &str = r#"# argolint configuration. Every key is optional; the values below are the defaults
# unless marked "example". Editors complete this file with schemas/argolint-config.schema.json.

# The Argo Workflows release your cluster runs (3.4 to 4.1).
# argo-version: "4.1"

# `argolint check` exits with 1 on findings at or above this severity: error, warning, info.
fail-on: error

# Files not to lint, relative to this file (example).
exclude: []
#  - "charts/**/templates/**"

# Rules to turn off: names, codes (AL602), categories (resources, reliability, …) or `all`.
disable: []

# Rules to turn back on after `disable`.
enable: []

# Severity per rule, code or category (example).
severity: {}
#  missing-resource-requests: error

# Rules to ignore in some files, by glob (example).
per-path-ignores: {}
#  "examples/**": [missing-memory-limit, missing-resource-requests]

# Rule thresholds.
options:
  oversized-parameter:
    warn-bytes: 65536
  unbounded-fan-out:
    max-items: 100
  workflow-too-many-nodes:
    max-nodes: 5000
  cleanup:
    # true when the controller's workflowDefaults set podGC and ttlStrategy
    controller-sets-gc-defaults: false

# `argolint docs templates`: documentation of your WorkflowTemplates (example).
# docs:
#   paths: [templates]          # what to document (default: this folder)
#   out: docs/templates         # one page per template and a README.md index
#   inject: README.md           # or/and: between <!-- BEGIN_ARGOLINT_DOCS --> and <!-- END_ARGOLINT_DOCS -->
#   kinds: [WorkflowTemplate, ClusterWorkflowTemplate]   # also Workflow, CronWorkflow
"#;

fn init(force: bool) -> ExitCode {
    let path = Path::new(config::CONFIG_NAMES[0]);
    if path.exists() && !force {
        eprintln!(
            "error: {} already exists; use --force to overwrite it",
            path.display()
        );
        return ExitCode::from(EXIT_TROUBLE);
    }
    match std::fs::write(path, STARTER_CONFIG) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

fn print(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`argolint ... | head`) is not an error worth a panic.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    ExitCode::SUCCESS
}

fn check(args: CheckArgs) -> ExitCode {
    let schema = match &args.schema {
        Some(path) => match crate::validate::SchemaValidator::from_file(path) {
            Ok(v) => {
                Some(std::sync::Arc::new(v) as std::sync::Arc<dyn crate::settings::ExternalSchema>)
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_TROUBLE);
            }
        },
        None => None,
    };
    let overrides = Overrides {
        argo_version: args.argo_version,
        crds: args.crds,
        schema,
        external_refs: args.external_refs,
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        min_severity: args.min_severity,
    };
    let resolver = if args.isolated {
        Resolver::fixed({
            let mut s = crate::settings::Settings::default();
            crate::config::apply(&mut s, &overrides);
            s
        })
    } else {
        match Resolver::new(args.config.as_deref(), overrides) {
            Ok(r) => r,
            Err(errors) => {
                for e in errors {
                    eprintln!("error: {e}");
                }
                return ExitCode::from(EXIT_TROUBLE);
            }
        }
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    // Before any linting: every configuration error of every configuration file the run
    // would use (no finding is linted under defaults beside a broken configuration). A path
    // that does not exist is an I/O error of the run (exit 2); the other paths are linted.
    if !args.isolated {
        let (files, _) = engine::discover(
            &paths
                .iter()
                .filter(|p| p.as_os_str() != "-")
                .cloned()
                .collect::<Vec<_>>(),
        );
        let _ = resolver.config_for(Path::new("./.argolint.yaml"));
        if paths.iter().any(|p| p.as_os_str() == "-") {
            let _ = resolver.config_for(Path::new(&args.stdin_filename));
        }
        for f in &files {
            let _ = resolver.config_for(f);
        }
        let errors = resolver.take_errors();
        if !errors.is_empty() {
            for e in &errors {
                eprintln!("error: {e}");
            }
            eprintln!(
                "argolint: {} in the configuration; nothing was linted",
                if errors.len() == 1 {
                    "1 error".to_string()
                } else {
                    format!("{} errors", errors.len())
                }
            );
            return ExitCode::from(EXIT_TROUBLE);
        }
    }
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
    let options = RunOptions {
        force_exclude: args.force_exclude,
        template_dirs: {
            // The current directory's configuration names folders relative to itself.
            let mut dirs: Vec<PathBuf> = resolver
                .config_for(Path::new("./.argolint.yaml"))
                .map(|c| {
                    c.config
                        .template_paths
                        .iter()
                        .map(|p| c.dir.join(p))
                        .collect()
                })
                .unwrap_or_default();
            dirs.extend(args.templates.iter().cloned());
            dirs
        },
    };
    let mut report = engine::lint_with(&inputs, &resolver, options.clone());
    // The configuration of the current directory decides `fail-on` when the flag is absent.
    let fail_on = args.fail_on.unwrap_or_else(|| {
        resolver
            .config_for(Path::new("./.argolint.yaml"))
            .and_then(|c| c.config.fail_on)
            .unwrap_or(Severity::Error)
    });

    if let Some(reason) = &args.add_suppressions {
        return add_suppressions(&report, reason);
    }
    let mut fixed_note = None;
    if args.fix || args.diff {
        let stdin = inputs.iter().any(|i| matches!(i, Input::Stdin { .. }));
        if args.diff || stdin {
            return fix_files(&report, &resolver, &args, fail_on);
        }
        // Fixes written: lint again (cross-file references included) and report what
        // remains as a normal run would.
        let c = match apply_fixes(&report, &resolver, &args, fail_on) {
            Ok(c) => c,
            Err(code) => return code,
        };
        report = engine::lint_with(&inputs, &resolver, options);
        fixed_note = Some(format!(
            "fixed {} in {} ({} fixed, {} remaining)",
            plural(c.applied, "finding"),
            plural(c.files, "file"),
            c.applied,
            report.diagnostics().count()
        ));
    }
    if let Some(path) = &args.write_baseline {
        let b = Baseline::from_report(&report);
        return match fix::write_atomic(path, &b.to_json()) {
            Ok(()) => {
                eprintln!(
                    "recorded {} findings in {}",
                    report.diagnostics().count(),
                    path.display()
                );
                trouble_or(&report, ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                ExitCode::from(EXIT_TROUBLE)
            }
        };
    }
    let mut baseline_note = None;
    if let Some(path) = &args.baseline {
        match Baseline::read(path) {
            Ok(b) => {
                let before = report.diagnostics().count();
                b.filter(&mut report);
                let hidden = before - report.diagnostics().count();
                baseline_note = Some(format!(
                    "{hidden} finding{} recorded in the baseline {} not shown.",
                    if hidden == 1 { "" } else { "s" },
                    path.display()
                ));
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_TROUBLE);
            }
        }
    }

    let text = if args.statistics {
        emit::statistics::render(&report)
    } else {
        match args.format {
            Format::Json => emit::json::render(&report),
            Format::Concise => emit::concise::render(&report, args.quiet),
            Format::Sarif => emit::sarif::render(&report, &rules::all()),
            Format::Github => emit::github::render(&report),
            Format::Junit => emit::junit::render(&report),
            Format::Gitlab => emit::gitlab::render(&report),
            Format::Human => {
                let color = match args.color {
                    ColorChoice::Always => true,
                    ColorChoice::Never => false,
                    ColorChoice::Auto => {
                        std::io::stdout().is_terminal()
                            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    }
                };
                emit::human::render(
                    &report,
                    emit::human::Options {
                        color,
                        quiet: args.quiet,
                        show_all: args.show_all,
                    },
                )
            }
        }
    };
    print(&text);
    if let Some(note) = baseline_note.filter(|_| !args.quiet) {
        eprintln!("{note}");
    }
    if let Some(note) = fixed_note {
        eprintln!("{note}");
    }
    if report.files.is_empty() && report.io_errors.is_empty() {
        eprintln!(
            "warning: no file was linted: the paths hold no *.yaml, *.yml or *.json file \
             (or the configuration's `exclude` covers them all)"
        );
    }
    let failing = report.diagnostics().any(|(_, d)| d.severity >= fail_on);
    let code = if failing && !args.exit_zero {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    };
    trouble_or(&report, code)
}

/// Prints I/O and configuration errors; they turn any exit code into 2.
fn trouble_or(report: &Report, code: ExitCode) -> ExitCode {
    for e in &report.io_errors {
        eprintln!("error: {e}");
    }
    if report.io_errors.is_empty() {
        code
    } else {
        ExitCode::from(EXIT_TROUBLE)
    }
}

fn add_suppressions(report: &Report, reason: &str) -> ExitCode {
    let (mut files, mut total) = (0, 0);
    for f in report.files.iter().filter(|f| !f.diagnostics.is_empty()) {
        let Some(path) = &f.path else {
            eprintln!(
                "note: {}: standard input cannot take suppressions",
                f.file.name
            );
            continue;
        };
        let (text, added) = fix::add_suppressions(f, reason);
        if added == 0 || text == *f.file.text {
            continue;
        }
        let before = crate::source::parse_text(&f.file.text).problems.len();
        if crate::source::parse_text(&text).problems.len() > before {
            eprintln!(
                "warning: {}: suppressions would break the YAML; file left as it was",
                f.file.name
            );
            continue;
        }
        if let Err(e) = fix::write_atomic(path, &text) {
            eprintln!("error: cannot write {}: {e}", f.file.name);
            return ExitCode::from(EXIT_TROUBLE);
        }
        files += 1;
        total += added;
    }
    eprintln!("added {total} suppressions to {files} files");
    trouble_or(report, ExitCode::SUCCESS)
}

/// What applying fixes did.
struct FixCounts {
    applied: usize,
    files: usize,
    /// Findings left in the fixed texts (each file linted alone).
    remaining: usize,
    /// Of those, at or above `--fail-on`.
    failing: usize,
    /// Diffs (`--diff`) or the fixed standard input.
    out: String,
}

/// Applies (or, with `--diff`, shows) the fixes of every file.
fn apply_fixes(
    report: &Report,
    resolver: &Resolver,
    args: &CheckArgs,
    fail_on: Severity,
) -> Result<FixCounts, ExitCode> {
    let mut c = FixCounts {
        applied: 0,
        files: 0,
        remaining: 0,
        failing: 0,
        out: String::new(),
    };
    for f in &report.files {
        let fixable = f
            .diagnostics
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|x| x.safe || args.unsafe_fixes));
        if !fixable {
            c.remaining += f.diagnostics.len();
            c.failing += f
                .diagnostics
                .iter()
                .filter(|d| d.severity >= fail_on)
                .count();
            continue;
        }
        let settings = match &f.path {
            Some(p) => resolver.settings_for(p),
            None => resolver.settings_for(Path::new(&args.stdin_filename)),
        };
        let result = fix::fix_text(&f.file.name, &f.file.text, &settings, args.unsafe_fixes);
        if let Some(why) = &result.refused {
            eprintln!(
                "warning: {}: some fixes were not applied: {why}",
                f.file.name
            );
        }
        let after = engine::lint_source(&f.file.name, &result.text, &settings);
        c.remaining += after.diagnostics.len();
        c.failing += after
            .diagnostics
            .iter()
            .filter(|d| d.severity >= fail_on)
            .count();
        if result.applied == 0 || result.text == *f.file.text {
            continue;
        }
        c.applied += result.applied;
        c.files += 1;
        if args.diff {
            c.out
                .push_str(&fix::unified_diff(&f.file.name, &f.file.text, &result.text));
        } else if let Some(path) = &f.path {
            if let Err(e) = fix::write_atomic(path, &result.text) {
                eprintln!("error: cannot write {}: {e}", f.file.name);
                return Err(ExitCode::from(EXIT_TROUBLE));
            }
        } else {
            c.out.push_str(&result.text); // stdin: the fixed text goes to stdout
        }
    }
    Ok(c)
}

fn plural(n: usize, w: &str) -> String {
    format!("{n} {w}{}", if n == 1 { "" } else { "s" })
}

/// `--diff`, or `--fix` on standard input: the diff or the fixed text on stdout, counts on
/// stderr.
fn fix_files(
    report: &Report,
    resolver: &Resolver,
    args: &CheckArgs,
    fail_on: Severity,
) -> ExitCode {
    let c = match apply_fixes(report, resolver, args, fail_on) {
        Ok(c) => c,
        Err(code) => return code,
    };
    print(&c.out);
    let verb = if args.diff { "would fix" } else { "fixed" };
    eprintln!(
        "{verb} {} in {} ({} {}, {} remaining)",
        plural(c.applied, "finding"),
        plural(c.files, "file"),
        c.applied,
        if args.diff { "fixable" } else { "fixed" },
        c.remaining
    );
    let code = if c.failing > 0 && !args.exit_zero && !args.diff {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    };
    trouble_or(report, code)
}
