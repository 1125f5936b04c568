//! The graph of a DAG or steps template, before it is run: one node per task or step
//! (its name, the template it calls, its loop and `when`), edges from `depends`,
//! `dependencies` and the order of step groups. Rendered as Mermaid (GitHub and GitLab draw
//! it in Markdown) or Graphviz DOT.

use std::collections::HashMap;
use std::fmt::Write;

use crate::model::expr::parse_depends;
use crate::model::{Step, Template, TemplateType};
use crate::source::Node;

/// Labels longer than this many characters are cut with `…`.
const MAX_LABEL: usize = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphKind {
    Dag,
    Steps,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeRole {
    /// A task or a step.
    Call,
    /// Where one group of parallel steps ends and the next begins.
    Join,
    /// A task named in `depends` or `dependencies` that the DAG does not define.
    Missing,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphNode {
    pub name: String,
    pub role: NodeRole,
    /// What it runs: `template: x`, `templateRef: lib/x`, `inline: Container`.
    pub calls: Option<String>,
    /// `withItems (3)`, `withParam: {{…}}`, `withSequence: 1..5`.
    pub looped: Option<String>,
    /// The `when` expression.
    pub when: Option<String>,
    /// A `depends` expression that edges alone do not tell (`||`, `!`), or one that does
    /// not parse.
    pub depends: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// The result the edge waits for (`Failed`, `not Skipped`); none for plain success.
    pub label: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graph {
    pub kind: GraphKind,
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<Edge>,
}

/// The graph of a DAG or steps template; `None` for other types.
pub fn build(t: &Template<'_>) -> Option<Graph> {
    match t.template_type()? {
        TemplateType::Dag => Some(dag(t)),
        TemplateType::Steps => Some(steps(t)),
        _ => None,
    }
}

fn text(n: &Node) -> String {
    match n.as_str() {
        Some(s) => s.to_string(),
        None => n.to_json().to_string(),
    }
}

fn call_node(s: &Step<'_>, fallback: String) -> GraphNode {
    let calls = if let Some(t) = s.get("template") {
        Some(format!("template: {}", text(t)))
    } else if let Some(r) = s.get("templateRef") {
        let name = r.get("name").map(text).unwrap_or_default();
        let tmpl = r.get("template").map(text).unwrap_or_default();
        let cluster = if r.get("clusterScope").and_then(Node::as_bool) == Some(true) {
            " (cluster)"
        } else {
            ""
        };
        Some(format!("templateRef: {name}/{tmpl}{cluster}"))
    } else {
        s.get("inline").map(|i| {
            let ty = Template { node: i }
                .template_type()
                .map_or("template", TemplateType::as_str);
            format!("inline: {ty}")
        })
    };
    let looped = if let Some(items) = s.get("withItems") {
        Some(match items.as_seq() {
            Some(list) => format!("withItems ({})", list.len()),
            None => format!("withItems: {}", text(items)),
        })
    } else if let Some(p) = s.get("withParam") {
        Some(format!("withParam: {}", text(p)))
    } else {
        s.get("withSequence").map(|q| {
            let f = |k: &str| q.get(k).map(text);
            match (f("count"), f("start"), f("end")) {
                (Some(c), _, _) => format!("withSequence: count {c}"),
                (None, s, e) => format!(
                    "withSequence: {}..{}",
                    s.unwrap_or_else(|| "0".into()),
                    e.unwrap_or_else(|| "0".into())
                ),
            }
        })
    };
    GraphNode {
        name: s.name().map_or(fallback, str::to_string),
        role: NodeRole::Call,
        calls,
        looped,
        when: s.get("when").map(text),
        depends: None,
    }
}

fn dag(t: &Template<'_>) -> Graph {
    let tasks: Vec<Step<'_>> = t.dag_tasks().collect();
    let mut g = Graph {
        kind: GraphKind::Dag,
        nodes: tasks
            .iter()
            .enumerate()
            .map(|(i, s)| call_node(s, format!("task #{}", i + 1)))
            .collect(),
        edges: Vec::new(),
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, n) in g.nodes.iter().enumerate() {
        index.entry(n.name.clone()).or_insert(i);
    }
    for (to, task) in tasks.iter().enumerate() {
        if let Some(expr) = task.get("depends") {
            let expr = text(expr);
            match parse_depends(&expr) {
                Ok(ops) => {
                    for op in ops {
                        let negated = expr[..op.task_range.0].trim_end().ends_with('!');
                        let label = match (negated, op.result) {
                            (false, None) => None,
                            (false, Some((r, _))) => Some(r.to_string()),
                            (true, None) => Some("not".to_string()),
                            (true, Some((r, _))) => Some(format!("not {r}")),
                        };
                        let from = g.node_for(&mut index, op.task);
                        g.add_edge(from, to, label);
                    }
                    if expr.contains("||") || expr.contains('!') {
                        g.nodes[to].depends = Some(expr);
                    }
                }
                Err(e) => {
                    g.nodes[to].depends = Some(format!("{expr} (does not parse: {})", e.message))
                }
            }
        } else {
            for d in task.node.seq("dependencies") {
                let from = g.node_for(&mut index, &text(d));
                g.add_edge(from, to, None);
            }
        }
    }
    g
}

fn steps(t: &Template<'_>) -> Graph {
    let mut g = Graph {
        kind: GraphKind::Steps,
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for s in t.steps() {
        if groups.len() <= s.group {
            groups.resize(s.group + 1, Vec::new());
        }
        let i = g.nodes.len();
        g.nodes.push(call_node(&s, format!("step #{}", i + 1)));
        groups[s.group].push(i);
    }
    let groups: Vec<Vec<usize>> = groups.into_iter().filter(|g| !g.is_empty()).collect();
    for pair in groups.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if before.len() > 1 && after.len() > 1 {
            let join = g.nodes.len();
            g.nodes.push(GraphNode {
                name: String::new(),
                role: NodeRole::Join,
                calls: None,
                looped: None,
                when: None,
                depends: None,
            });
            for &b in before {
                g.add_edge(b, join, None);
            }
            for &a in after {
                g.add_edge(join, a, None);
            }
        } else {
            for &b in before {
                for &a in after {
                    g.add_edge(b, a, None);
                }
            }
        }
    }
    g
}

impl Graph {
    /// The node of the task `name`, or a new node marking it as missing.
    fn node_for(&mut self, index: &mut HashMap<String, usize>, name: &str) -> usize {
        if let Some(&i) = index.get(name) {
            return i;
        }
        let i = self.nodes.len();
        self.nodes.push(GraphNode {
            name: name.to_string(),
            role: NodeRole::Missing,
            calls: None,
            looped: None,
            when: None,
            depends: None,
        });
        index.insert(name.to_string(), i);
        i
    }

    fn add_edge(&mut self, from: usize, to: usize, label: Option<String>) {
        let e = Edge { from, to, label };
        if !self.edges.contains(&e) {
            self.edges.push(e);
        }
    }

    /// The lines of a node's label, unescaped.
    pub fn label_lines(&self, i: usize) -> Vec<String> {
        let n = &self.nodes[i];
        match n.role {
            NodeRole::Join => Vec::new(),
            NodeRole::Missing => vec![n.name.clone(), "(not defined)".to_string()],
            NodeRole::Call => {
                let mut lines = vec![n.name.clone()];
                lines.extend(n.calls.clone());
                lines.extend(n.looped.as_ref().map(|l| format!("loop: {}", cut(l))));
                lines.extend(n.when.as_ref().map(|w| format!("when: {}", cut(w))));
                lines.extend(n.depends.as_ref().map(|d| format!("depends: {}", cut(d))));
                lines
            }
        }
    }

    /// Mermaid flowchart source. Node ids are `n0`, `n1`, … (never a keyword such as `end`);
    /// every label is quoted, with the characters Mermaid would read as syntax written as
    /// entity codes.
    pub fn mermaid(&self) -> String {
        let mut out = String::from("flowchart TD\n");
        for (i, n) in self.nodes.iter().enumerate() {
            let label = self
                .label_lines(i)
                .iter()
                .map(|l| mermaid_escape(l))
                .collect::<Vec<_>>()
                .join("<br/>");
            match n.role {
                NodeRole::Join => {
                    let _ = writeln!(out, "  n{i}(( ))");
                }
                _ => {
                    let _ = writeln!(out, "  n{i}[\"{label}\"]");
                }
            }
        }
        for e in &self.edges {
            match &e.label {
                Some(l) => {
                    let _ = writeln!(
                        out,
                        "  n{} -->|\"{}\"| n{}",
                        e.from,
                        mermaid_escape(l),
                        e.to
                    );
                }
                None => {
                    let _ = writeln!(out, "  n{} --> n{}", e.from, e.to);
                }
            }
        }
        let classes = [
            ("loop", "stroke-width:3px", self.ids(|n| n.looped.is_some())),
            (
                "conditional",
                "stroke-dasharray:5 5",
                self.ids(|n| n.when.is_some()),
            ),
            (
                "missing",
                "fill:#eeeeee,stroke:#999999,color:#666666",
                self.ids(|n| n.role == NodeRole::Missing),
            ),
        ];
        for (name, style, ids) in classes {
            if !ids.is_empty() {
                let _ = writeln!(out, "  classDef {name} {style}");
                let _ = writeln!(out, "  class {} {name}", ids.join(","));
            }
        }
        out
    }

    fn ids(&self, pick: impl Fn(&GraphNode) -> bool) -> Vec<String> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| pick(n))
            .map(|(i, _)| format!("n{i}"))
            .collect()
    }

    /// Graphviz DOT source: loops drawn with a double border, conditional nodes dashed,
    /// missing tasks dotted and grey.
    pub fn dot(&self, title: &str) -> String {
        let mut out = format!("digraph {} {{\n", dot_quote(title));
        out.push_str("  rankdir=TB;\n  node [shape=box];\n");
        for (i, n) in self.nodes.iter().enumerate() {
            if n.role == NodeRole::Join {
                let _ = writeln!(out, "  n{i} [shape=point, label=\"\"];");
                continue;
            }
            let label = self.label_lines(i).join("\n");
            let mut attrs = vec![format!("label={}", dot_quote(&label))];
            if n.looped.is_some() {
                attrs.push("peripheries=2".into());
            }
            if n.when.is_some() {
                attrs.push("style=dashed".into());
            }
            if n.role == NodeRole::Missing {
                attrs.push("style=dotted, color=gray50, fontcolor=gray50".into());
            }
            let _ = writeln!(out, "  n{i} [{}];", attrs.join(", "));
        }
        for e in &self.edges {
            match &e.label {
                Some(l) => {
                    let _ = writeln!(out, "  n{} -> n{} [label={}];", e.from, e.to, dot_quote(l));
                }
                None => {
                    let _ = writeln!(out, "  n{} -> n{};", e.from, e.to);
                }
            }
        }
        out.push_str("}\n");
        out
    }
}

/// A label cut to [`MAX_LABEL`] characters.
fn cut(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX_LABEL {
        return one_line;
    }
    let mut out: String = one_line.chars().take(MAX_LABEL - 1).collect();
    out.push('…');
    out
}

/// Text for inside a quoted Mermaid label: characters Mermaid or its HTML labels would read
/// as syntax become entity codes (`#34;`), which Mermaid turns back into the characters.
pub fn mermaid_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' | '#' | '&' | '<' | '>' | '{' | '}' | '[' | ']' | '|' | '`' | '\\' | ';' => {
                let _ = write!(out, "#{};", c as u32);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A DOT quoted string: `"` and `\` escaped, line breaks as `\n`.
pub fn dot_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse_text;

    fn graph(yaml: &str) -> Graph {
        let parsed = parse_text(yaml);
        let root = parsed.documents[0].root.as_ref().unwrap();
        build(&Template { node: root }).unwrap()
    }

    #[test]
    fn dag_edges_carry_the_depends_result() {
        let g = graph(
            "name: main\ndag:\n  tasks:\n    - {name: a, template: t}\n    - {name: b, template: t, depends: \"a.Failed || !a.Skipped\"}\n    - {name: c, template: t, dependencies: [a, ghost]}\n",
        );
        let edges: Vec<_> = g
            .edges
            .iter()
            .map(|e| (e.from, e.to, e.label.as_deref()))
            .collect();
        assert_eq!(
            edges,
            [
                (0, 1, Some("Failed")),
                (0, 1, Some("not Skipped")),
                (0, 2, None),
                (3, 2, None)
            ]
        );
        assert_eq!(g.nodes[3].role, NodeRole::Missing);
        assert_eq!(
            g.nodes[1].depends.as_deref(),
            Some("a.Failed || !a.Skipped")
        );
    }

    #[test]
    fn step_groups_meet_at_a_join_only_when_both_are_parallel() {
        let g = graph(
            "name: main\nsteps:\n  - - {name: a, template: t}\n  - - {name: b, template: t}\n    - {name: c, template: t}\n  - - {name: d, template: t}\n    - {name: e, template: t}\n",
        );
        assert_eq!(g.nodes.len(), 6);
        assert_eq!(g.nodes[5].role, NodeRole::Join);
        assert_eq!(g.edges.len(), 2 + 2 + 2);
    }

    #[test]
    fn labels_are_escaped_for_both_formats() {
        assert_eq!(
            mermaid_escape("a \"b\" {{x}}"),
            "a #34;b#34; #123;#123;x#125;#125;"
        );
        assert_eq!(mermaid_escape("end"), "end");
        assert_eq!(dot_quote("a \"b\"\\n\nx"), "\"a \\\"b\\\"\\\\n\\nx\"");
    }

    #[test]
    fn unparsable_depends_is_shown_not_fatal() {
        let g = graph(
            "name: main\ndag:\n  tasks:\n    - {name: a, template: t}\n    - {name: b, template: t, depends: \"a &&\"}\n",
        );
        assert!(g.edges.is_empty());
        assert!(
            g.nodes[1]
                .depends
                .as_deref()
                .unwrap()
                .contains("does not parse")
        );
    }
}
