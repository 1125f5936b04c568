//! What a rule is, independent of any run or check: its identity, category, default
//! severity, documentation and URL. A leaf module: diagnostics, settings, emitters and the
//! field reference use it without depending on the rules themselves.

use std::fmt;

use serde::Serialize;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "`{s}` is not a severity; use error, warning or info"
            )),
        }
    }
}

/// Where rule documentation pages are published.
pub const DOCS_BASE_URL: &str = "https://github.com/argolint/argolint/blob/main/rules/";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// The file is not usable YAML.
    Syntax,
    /// Fields and their shapes, for the target Argo release.
    Schema,
    /// Failure modes that bite at run time: retries, deadlines, sizes.
    Reliability,
    /// Pod resources and container settings.
    Resources,
    /// What Argo's validator rejects: references, names, template structure.
    Validation,
    /// argolint's own comments and configuration.
    Meta,
    /// Load on the controller, the API server and etcd.
    Scale,
    /// Pod security: privileges, host access, credentials.
    Security,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Schema => "schema",
            Category::Reliability => "reliability",
            Category::Resources => "resources",
            Category::Validation => "validation",
            Category::Meta => "meta",
            Category::Scale => "scale",
            Category::Security => "security",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every category, for configuration selectors.
pub const CATEGORIES: &[Category] = &[
    Category::Syntax,
    Category::Schema,
    Category::Reliability,
    Category::Resources,
    Category::Validation,
    Category::Scale,
    Category::Security,
    Category::Meta,
];

/// What a rule is, independent of any run.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable short code, e.g. `AL401`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `retry-max-duration-overrides-deadline`.
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// The model fields the rule looks at, as `Type.field` (`Backoff.maxDuration`); a field
    /// of `Container` also stands for the types that embed it. `argolint explain` lists the
    /// rule under each; a test checks that every entry names a field of the model.
    pub fields: &'static [&'static str],
    /// One line, shown in rule listings.
    pub summary: &'static str,
    /// Markdown: "What it does", "Why is this bad", "Example", "How to fix".
    pub docs: &'static str,
}

impl RuleMeta {
    /// The rule's full documentation page, as `argolint rule NAME` prints it.
    pub fn render_docs(&self) -> String {
        format!(
            "# {} ({})\n\n{}\n\nCategory: {} · Default severity: {}\n\n{}\n",
            self.name,
            self.code,
            self.summary,
            self.category,
            self.severity,
            self.docs.trim()
        )
    }
}

impl RuleMeta {
    /// The URL of the rule's documentation page.
    pub fn url(&self) -> String {
        url(self.name)
    }
}

/// The URL of the documentation page of the rule called `name`.
pub fn url(name: &str) -> String {
    format!("{DOCS_BASE_URL}{name}.md")
}
