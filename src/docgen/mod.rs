//! Documentation of the user's own templates: `argolint docs templates` and `argolint graph`.
//!
//! Data flows one way: the parsed files (`workspace::Unit`, from `source`) are read through
//! the `model` views into a [`Catalog`] of plain values, which [`markdown`] renders as pages
//! and [`graph`] as diagrams; [`inject`] puts a rendering between markers in a README. Nothing
//! here reads rules or emitters, nor touches the file system: the CLI does the I/O.

pub mod graph;
pub mod inject;
pub mod markdown;

use std::collections::BTreeMap;

use crate::model::{Kind, Manifest, Template, inputs};
use crate::source::{Comment, Node, SourceFile};
use crate::workspace::Unit;

pub use graph::Graph;

/// The annotation Argo's UI shows as a template's description.
pub const DESCRIPTION_ANNOTATION: &str = "workflows.argoproj.io/description";
/// The annotation Argo's UI shows as a template's title.
pub const TITLE_ANNOTATION: &str = "workflows.argoproj.io/title";

/// The kinds documented unless asked otherwise.
pub const DEFAULT_KINDS: [Kind; 2] = [Kind::WorkflowTemplate, Kind::ClusterWorkflowTemplate];

/// Every documented manifest, sorted by name, kind, namespace and place.
#[derive(Debug, Default)]
pub struct Catalog {
    pub manifests: Vec<ManifestDoc>,
}

#[derive(Debug, Clone)]
pub struct ManifestDoc {
    pub kind: Kind,
    pub name: String,
    pub namespace: Option<String>,
    /// The file as named on the command line, and the line of the document's start.
    pub file: String,
    pub line: usize,
    pub title: Option<String>,
    /// The description annotation, then the comment above the document.
    pub description: Vec<String>,
    pub entrypoint: Option<String>,
    /// `spec.arguments`.
    pub arguments: Vec<ParamDoc>,
    pub argument_artifacts: Vec<ArtifactDoc>,
    /// The entrypoint first, then by name.
    pub templates: Vec<TemplateDoc>,
    /// The page's file name without `.md`: the name, made unique within the catalog.
    pub page: String,
}

#[derive(Debug, Clone)]
pub struct TemplateDoc {
    pub name: String,
    /// `DAG`, `Container`, …; `None` when the template sets no type.
    pub ty: Option<&'static str>,
    /// The comment above the template.
    pub description: Option<String>,
    pub inputs: Vec<ParamDoc>,
    pub input_artifacts: Vec<ArtifactDoc>,
    pub outputs: Vec<ParamDoc>,
    pub output_artifacts: Vec<ArtifactDoc>,
    pub resources: Vec<ResourceDoc>,
    pub graph: Option<Graph>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamDoc {
    pub name: String,
    /// A caller must pass it (inputs), or it has no value (arguments).
    pub required: bool,
    /// `default`, else `value`.
    pub default: Option<String>,
    pub allowed: Vec<String>,
    pub description: Option<String>,
    /// Where the value comes from (`valueFrom`), as `key: value`.
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArtifactDoc {
    pub name: String,
    pub path: Option<String>,
    pub required: bool,
    /// Where the data comes from: `from: …`, `s3`, `http`, …
    pub source: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceDoc {
    /// `main`, `init container x`, `sidecar y`, `pod` (podResources), …
    pub container: String,
    pub requests: Vec<(String, String)>,
    pub limits: Vec<(String, String)>,
}

/// A value as one line of text: a scalar's text, anything else as compact JSON.
fn text(n: &Node) -> String {
    match n.as_str() {
        Some(s) => s.to_string(),
        None => n.to_json().to_string(),
    }
}

fn opt_text(n: Option<&Node>) -> Option<String> {
    n.map(text)
}

/// Reads the documents of `kinds` from the parsed files into a catalog.
pub fn collect<'a>(units: impl IntoIterator<Item = &'a Unit>, kinds: &[Kind]) -> Catalog {
    let mut manifests = Vec::new();
    for unit in units {
        for doc in &unit.parsed.documents {
            if doc.broken {
                continue;
            }
            let Some(root) = &doc.root else { continue };
            let Some(m) = Manifest::from_root(root) else {
                continue;
            };
            if kinds.contains(&m.kind) {
                manifests.push(manifest_doc(&unit.file, &unit.parsed.comments, m));
            }
        }
    }
    manifests.sort_by(|a, b| {
        (&a.name, a.kind as u8, &a.namespace, &a.file, a.line).cmp(&(
            &b.name,
            b.kind as u8,
            &b.namespace,
            &b.file,
            b.line,
        ))
    });
    assign_pages(&mut manifests);
    Catalog { manifests }
}

/// Page names: the manifest's name (characters outside `[A-Za-z0-9._-]` as `_`), with the
/// kind and namespace added where two manifests share a name, then a number if that is not
/// enough. `README` is taken by the index.
fn assign_pages(manifests: &mut [ManifestDoc]) {
    let clean = |s: &str| -> String {
        let s: String = s
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let s = s.trim_matches('.').to_string();
        if s.is_empty() || s.eq_ignore_ascii_case("readme") {
            format!("{s}_")
        } else {
            s
        }
    };
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for m in manifests.iter() {
        *count
            .entry(clean(&m.name).to_ascii_lowercase())
            .or_default() += 1;
    }
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    for m in manifests.iter_mut() {
        let base = clean(&m.name);
        let mut page = if count[&base.to_ascii_lowercase()] > 1 {
            let mut p = format!("{base}.{}", m.kind.as_str().to_ascii_lowercase());
            if let Some(ns) = &m.namespace {
                p = format!("{p}.{}", clean(ns));
            }
            p
        } else {
            base
        };
        let n = taken.entry(page.to_ascii_lowercase()).or_default();
        *n += 1;
        if *n > 1 {
            page = format!("{page}-{n}");
        }
        m.page = page;
    }
}

fn manifest_doc(file: &SourceFile, comments: &[Comment], m: Manifest<'_>) -> ManifestDoc {
    let meta = m.metadata();
    let annotation = |key: &str| {
        meta.and_then(|md| md.get("annotations"))
            .and_then(|a| a.get(key))
            .map(text)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut description = Vec::new();
    description.extend(annotation(DESCRIPTION_ANNOTATION));
    description.extend(comment_above(file, comments, m.root));
    let spec = m.workflow_spec();
    let entrypoint = spec
        .and_then(|s| s.get("entrypoint"))
        .and_then(Node::as_str)
        .map(str::to_string);
    let arguments = spec
        .map(|s| s.argument_parameters())
        .unwrap_or(&[])
        .iter()
        .filter(|p| p.as_map().is_some())
        .map(|p| ParamDoc {
            required: p.get("value").is_none()
                && p.get("valueFrom").is_none()
                && p.get("default").is_none(),
            ..param(file, comments, p)
        })
        .collect();
    let argument_artifacts = spec
        .and_then(|s| s.get("arguments"))
        .map_or(&[][..], |a| a.seq("artifacts"))
        .iter()
        .filter(|a| a.as_map().is_some())
        .map(|a| artifact(file, comments, a, !inputs::has_location(a)))
        .collect();
    let mut templates: Vec<TemplateDoc> = spec
        .map(|s| {
            s.templates()
                .enumerate()
                .map(|(i, t)| template_doc(file, comments, &t, i))
                .collect()
        })
        .unwrap_or_default();
    templates.sort_by(|a, b| {
        let first = |t: &TemplateDoc| Some(&t.name) != entrypoint.as_ref();
        (first(a), &a.name).cmp(&(first(b), &b.name))
    });
    let name = m.name().map(str::to_string).unwrap_or_else(|| {
        // A nameless document still gets a page, named after its file.
        let stem = file.name.rsplit('/').next().unwrap_or(&file.name);
        format!("(unnamed in {stem})")
    });
    ManifestDoc {
        kind: m.kind,
        name,
        namespace: m.namespace().map(str::to_string),
        file: file.name.to_string(),
        line: file.line_col(m.root.span.start).0,
        title: annotation(TITLE_ANNOTATION),
        description,
        entrypoint,
        arguments,
        argument_artifacts,
        templates,
        page: String::new(),
    }
}

fn template_doc(
    file: &SourceFile,
    comments: &[Comment],
    t: &Template<'_>,
    index: usize,
) -> TemplateDoc {
    let list = |key: &str, kind: &str| -> &[Node] { t.get(key).map_or(&[][..], |n| n.seq(kind)) };
    TemplateDoc {
        name: t
            .name()
            .map_or_else(|| format!("(unnamed #{})", index + 1), str::to_string),
        ty: t.template_type().map(|ty| ty.as_str()),
        description: comment_above(file, comments, t.node),
        inputs: maps(list("inputs", "parameters"))
            .into_iter()
            .map(|p| ParamDoc {
                required: inputs::parameter_required(p),
                ..param(file, comments, p)
            })
            .collect(),
        input_artifacts: maps(list("inputs", "artifacts"))
            .into_iter()
            .map(|a| artifact(file, comments, a, inputs::artifact_required(a)))
            .collect(),
        outputs: maps(list("outputs", "parameters"))
            .into_iter()
            .map(|p| param(file, comments, p))
            .collect(),
        output_artifacts: maps(list("outputs", "artifacts"))
            .into_iter()
            .map(|a| artifact(file, comments, a, false))
            .collect(),
        resources: resources(t),
        graph: graph::build(t),
    }
}

/// The mapping items of a list.
fn maps(nodes: &[Node]) -> Vec<&Node> {
    nodes.iter().filter(|n| n.as_map().is_some()).collect()
}

fn param(file: &SourceFile, comments: &[Comment], p: &Node) -> ParamDoc {
    let source = p.get("valueFrom").map(|vf| match vf.as_map() {
        Some(entries) => entries
            .iter()
            .filter(|e| e.key_str() != Some("default"))
            .map(|e| format!("{}: {}", e.key_str().unwrap_or("?"), text(&e.value)))
            .collect::<Vec<_>>()
            .join(", "),
        None => text(vf),
    });
    ParamDoc {
        name: opt_text(p.get("name")).unwrap_or_else(|| "?".into()),
        required: false,
        default: opt_text(p.get("default"))
            .or_else(|| opt_text(p.get("value")))
            .or_else(|| opt_text(p.get("valueFrom").and_then(|v| v.get("default")))),
        allowed: p.seq("enum").iter().map(text).collect(),
        description: opt_text(p.get("description")).or_else(|| comment_above(file, comments, p)),
        source: source.filter(|s| !s.is_empty()),
    }
}

fn artifact(file: &SourceFile, comments: &[Comment], a: &Node, required: bool) -> ArtifactDoc {
    let source = a
        .as_map()
        .unwrap_or(&[])
        .iter()
        .filter_map(|e| Some((e.key_str()?, &e.value)))
        .find(|(k, _)| inputs::is_source_key(k))
        .map(|(k, v)| match k {
            "from" | "fromExpression" => format!("{k}: {}", text(v)),
            _ => k.to_string(),
        })
        .or_else(|| {
            a.get("optional")
                .and_then(Node::as_bool)
                .filter(|b| *b)
                .map(|_| "optional".to_string())
        });
    ArtifactDoc {
        name: opt_text(a.get("name")).unwrap_or_else(|| "?".into()),
        path: opt_text(a.get("path")),
        required,
        source,
        description: opt_text(a.get("description")).or_else(|| comment_above(file, comments, a)),
    }
}

fn resources(t: &Template<'_>) -> Vec<ResourceDoc> {
    let pairs = |res: Option<&Node>, key: &str| -> Vec<(String, String)> {
        res.and_then(|r| r.get(key))
            .and_then(Node::as_map)
            .unwrap_or(&[])
            .iter()
            .map(|e| (e.key_str().unwrap_or("?").to_string(), text(&e.value)))
            .collect()
    };
    let mut out = Vec::new();
    for c in t.containers() {
        let container = match c.role {
            crate::model::ContainerRole::Main => "main".to_string(),
            role => format!(
                "{} {}",
                role.describe(),
                c.node.get("name").map(text).unwrap_or_else(|| "?".into())
            ),
        };
        let requests = pairs(c.resources(), "requests");
        let limits = pairs(c.resources(), "limits");
        if !requests.is_empty() || !limits.is_empty() {
            out.push(ResourceDoc {
                container,
                requests,
                limits,
            });
        }
    }
    if let Some(pod) = t.pod_resources() {
        let requests = pairs(Some(pod), "requests");
        let limits = pairs(Some(pod), "limits");
        if !requests.is_empty() || !limits.is_empty() {
            out.push(ResourceDoc {
                container: "pod (podResources)".to_string(),
                requests,
                limits,
            });
        }
    }
    out
}

/// The comment lines directly above `node` (no blank line between), without the `#`:
/// argolint's own and editors' directives are left out.
fn comment_above(file: &SourceFile, comments: &[Comment], node: &Node) -> Option<String> {
    let lines = &file.lines;
    let mut line = lines.line_of(node.span.start as usize);
    let mut found: Vec<&str> = Vec::new();
    // Comments are in file order: find those that sit alone on the lines above.
    let own_line = |c: &Comment| {
        let start = lines.line_start(lines.line_of(c.span.start as usize));
        file.text
            .get(start..c.span.start as usize)
            .is_some_and(|before| before.trim().is_empty())
    };
    let end = comments.partition_point(|c| c.span.start < node.span.start);
    let mut i = end;
    while line > 0 && i > 0 {
        let c = &comments[i - 1];
        let cl = lines.line_of(c.span.start as usize);
        if cl + 1 != line {
            // A `---` line between the comment and the document does not separate them.
            let between = lines.line_start(cl + 1)..lines.line_start(line);
            let gap = file.text.get(between).unwrap_or("");
            if !(cl + 2 == line && gap.trim() == "---") {
                break;
            }
        }
        if !own_line(c) {
            break;
        }
        found.push(&c.text);
        line = cl;
        i -= 1;
    }
    found.reverse();
    let kept: Vec<&str> = found
        .into_iter()
        .map(|t| t.strip_prefix(' ').unwrap_or(t).trim_end())
        .filter(|t| {
            let t = t.trim_start();
            !(t.starts_with("argolint:")
                || t.starts_with("yaml-language-server:")
                || t.starts_with("@formatter:"))
        })
        .collect();
    let text = kept.join("\n").trim().to_string();
    (!text.is_empty()).then_some(text)
}
