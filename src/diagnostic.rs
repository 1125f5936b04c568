//! The one diagnostic type every check produces and every emitter consumes.

use serde::Serialize;

use crate::rule::RuleMeta;
use crate::source::Span;

pub use crate::rule::Severity;

/// A secondary location with a short explanation ("template `x` is defined here").
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One text replacement: `span` of the original file becomes `replacement`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edit {
    #[serde(skip)]
    pub span: Span,
    pub replacement: String,
}

/// A change that resolves the diagnostic.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// What the fix does, imperative: "rename `schedule` to `schedules`".
    pub message: String,
    pub edits: Vec<Edit>,
    /// Safe fixes keep the manifest's meaning; unsafe ones need a human look.
    pub safe: bool,
}

impl Edit {
    /// Replace the text at `span` with `replacement` (empty: delete it).
    pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }
}

impl Edit {
    /// Replace the scalar `node` with the text `to`, plain when `to` reads back as the same
    /// string (in YAML 1.1 and 1.2) and `node` was plain, double-quoted otherwise.
    pub fn rename_scalar(node: &crate::source::Node, to: &str) -> Edit {
        let plain_ok = to.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && to
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
            && !matches!(
                to.to_ascii_lowercase().as_str(),
                "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
            );
        let was_plain = node.as_scalar().is_some_and(|s| s.is_plain());
        let text = if plain_ok && was_plain {
            to.to_string()
        } else {
            crate::source::yaml_double_quoted(to)
        };
        Edit::replace(node.span, text)
    }
}

impl Fix {
    /// A fix that keeps the manifest's meaning: `--fix` applies it.
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            message: message.into(),
            edits,
            safe: true,
        }
    }

    /// A fix that needs a human look: applied only with `--unsafe-fixes`.
    pub fn unsafe_(message: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            message: message.into(),
            edits,
            safe: false,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    /// Primary location, a byte range of the file.
    pub span: Span,
    pub labels: Vec<Label>,
    /// Where in the document: `.spec.templates[2].retryStrategy.backoff`.
    pub path: Option<String>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic at the rule's default severity.
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            path: None,
            help: None,
            fix: None,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
