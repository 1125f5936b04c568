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
        Some(Box::new(&self.code))
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

/// Renders every diagnostic, then the summary line. `color` chooses ANSI styling.
pub fn render(report: &Report, color: bool, quiet: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for f in &report.files {
        render_file(&handler, f, &mut out);
    }
    if !quiet {
        out.push_str(&Summary::of(report).line());
        out.push('\n');
    }
    out
}

fn render_file(handler: &GraphicalReportHandler, f: &FileReport, out: &mut String) {
    for d in &f.diagnostics {
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
        let (source, message) = if showable {
            (
                Some(NamedSource::new(&f.file.name, f.file.text.clone())),
                d.message.clone(),
            )
        } else {
            let path = d
                .path
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            (
                None,
                format!(
                    "{}\nat {}:{line}:{col}{path}; the line is too long to show",
                    d.message, f.file.name
                ),
            )
        };
        let r = Rendered {
            d,
            source,
            code: format!("{}[{}]", d.rule.code, d.rule.name),
            message,
        };
        if handler.render_report(out, &r).is_err() {
            out.push_str(&format!(
                "{}:{line}:{col}: {}[{}] {}\n",
                f.file.name, d.severity, d.rule.name, d.message
            ));
        }
        out.push('\n');
    }
}
