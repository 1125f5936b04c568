//! The default output: miette's graphical snippets with labels and help, then a summary.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

use super::Summary;
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::{FileReport, Report};

struct Rendered<'a> {
    d: &'a Diagnostic,
    /// `None` when a line to show is too long for a snippet: the message then says where.
    source: Option<NamedSource<std::sync::Arc<str>>>,
    code: String,
    message: String,
}

/// Lines longer than this (a pasted data blob) are not shown as snippets.
const MAX_SNIPPET_LINE: usize = 400;

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let primary_label = self.d.path.clone().unwrap_or_else(|| "here".into());
        let primary = LabeledSpan::new_primary_with_span(
            Some(primary_label),
            self.d.span.start as usize..self.d.span.end as usize,
        );
        let secondary = self.d.labels.iter().map(|l| {
            LabeledSpan::new_with_span(
                Some(l.message.clone()),
                l.span.start as usize..l.span.end as usize,
            )
        });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// What the human output shows.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// ANSI styling.
    pub color: bool,
    /// No summary lines.
    pub quiet: bool,
    /// Every finding in full, none folded into counts.
    pub show_all: bool,
}

/// Above this many findings, the output folds: errors in full, the first
/// [`WARNINGS_PER_RULE`] warnings of each rule in full, the rest counted per rule.
pub const FOLD_ABOVE: usize = 30;
/// Warnings of one rule shown in full in a folded output.
pub const WARNINGS_PER_RULE: usize = 5;

/// Renders the findings (errors, then warnings, then infos; each by file and line), the
/// folded ones as counts per rule, then the summary. See ARCHITECTURE.md, "Human output".
pub fn render(report: &Report, opts: Options) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let all: Vec<(&FileReport, &Diagnostic)> = report.diagnostics().collect();
    let fold = !opts.show_all && all.len() > FOLD_ABOVE;
    let mut out = String::new();
    // Folded findings per (severity, rule): how many, in how many files.
    let mut folded: Vec<(Severity, &'static crate::rule::RuleMeta, usize, Vec<&str>)> = Vec::new();
    let mut shown_per_rule: std::collections::HashMap<&str, usize> = Default::default();
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        for &(f, d) in all.iter().filter(|(_, d)| d.severity == severity) {
            let shown = shown_per_rule.entry(d.rule.code).or_default();
            let in_full = !fold
                || severity == Severity::Error
                || (severity == Severity::Warning && *shown < WARNINGS_PER_RULE);
            if in_full {
                *shown += 1;
                render_one(&handler, f, d, opts.color, &mut out);
                continue;
            }
            match folded
                .iter_mut()
                .find(|(s, r, ..)| *s == severity && r.code == d.rule.code)
            {
                Some((_, _, n, files)) => {
                    *n += 1;
                    if files.last() != Some(&&*f.file.name) {
                        files.push(&f.file.name);
                    }
                }
                None => folded.push((severity, d.rule, 1, vec![&f.file.name])),
            }
        }
    }
    folded.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.2.cmp(&a.2))
            .then(a.1.code.cmp(b.1.code))
    });
    if !folded.is_empty() {
        let total: usize = folded.iter().map(|(_, _, n, _)| n).sum();
        out.push_str(&format!(
            "{total} more findings, counted per rule (`--show-all` shows them in full, \
             `--format concise` one a line, `--select RULE` narrows):\n"
        ));
        for (severity, rule, n, files) in &folded {
            let more = if shown_per_rule.get(rule.code).copied().unwrap_or(0) > 0 {
                " more"
            } else {
                ""
            };
            let files = files.len();
            out.push_str(&format!(
                "  {:<7} {:<6} {:<40} {n}{more} in {files} file{}\n",
                severity.to_string(),
                rule.code,
                rule.name,
                if files == 1 { "" } else { "s" }
            ));
        }
        out.push('\n');
    }
    if !opts.quiet {
        out.push_str(&Summary::of(report).line());
        out.push('\n');
        if let Some(line) = super::fixable_line(report) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Removes ANSI escape sequences (to recognise miette's lines in coloured output).
fn plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// One finding: a line to jump from (`path:line:col: severity[CODE name] message`), then
/// miette's snippet, labels and help.
fn render_one(
    handler: &GraphicalReportHandler,
    f: &FileReport,
    d: &Diagnostic,
    color: bool,
    out: &mut String,
) {
    let (line, col) = f.file.line_col(d.span.start);
    let spans = std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span));
    let showable = spans.into_iter().all(|s| {
        let lines = &f.file.lines;
        let first = lines.line_of(s.start as usize);
        let last = lines.line_of(s.end as usize);
        (first..=last).all(|l| {
            let end = if l + 1 < lines.line_count() {
                lines.line_start(l + 1)
            } else {
                f.file.text.len()
            };
            end - lines.line_start(l) <= MAX_SNIPPET_LINE
        })
    });
    let severity = match (color, d.severity) {
        (false, s) => s.to_string(),
        (true, Severity::Error) => "\u{1b}[1;31merror\u{1b}[0m".to_string(),
        (true, Severity::Warning) => "\u{1b}[1;33mwarning\u{1b}[0m".to_string(),
        (true, Severity::Info) => "\u{1b}[1;36minfo\u{1b}[0m".to_string(),
    };
    out.push_str(&format!(
        "{}:{line}:{col}: {severity}[{} {}] {}{}\n",
        f.file.name,
        d.rule.code,
        d.rule.name,
        super::fix_mark(d),
        d.message
    ));
    let source = if showable {
        Some(NamedSource::new(&f.file.name, f.file.text.clone()))
    } else {
        out.push_str("  (the line is too long to show)\n");
        None
    };
    let r = Rendered {
        d,
        source,
        code: String::new(),
        message: d.message.clone(),
    };
    let mut body = String::new();
    if handler.render_report(&mut body, &r).is_ok() {
        // The message is on the first line already: drop miette's rendering of it.
        let mut lines = body.lines().peekable();
        while let Some(l) = lines.peek() {
            let p = plain(l);
            if ["  × ", "  ⚠ ", "  ☞ ", "  │ "]
                .iter()
                .any(|icon| p.starts_with(icon))
                || p.trim().is_empty()
            {
                lines.next();
            } else {
                break;
            }
        }
        for l in lines {
            out.push_str(l);
            out.push('\n');
        }
    }
    out.push('\n');
}
