//! What rules tell the user to write must be accepted where it is written: configuration keys
//! as `.argolint.yaml` spells them, command-line flags that exist, and Argo fields that the
//! target release has.
//!
//! The texts are every rule's summary and docs, and the messages and help of every finding on
//! every rule fixture (`testdata/rules/*/{bad,good}.yaml`) and precision-corpus file
//! (`testdata/precision/`), linted at every modelled target release.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use argolint::api::{self, ArgoVersion};
use argolint::engine::lint_source;
use argolint::rules::{self, Category};
use argolint::settings::Settings;
use clap::CommandFactory;

/// Backticked spans of a text: `` `spec.ttlStrategy` ``.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// Every key of the configuration file's schema, with its dotted path
/// (`options.cleanup.controller-sets-gc-defaults`).
fn config_keys() -> BTreeSet<String> {
    fn walk(
        schema: &serde_json::Value,
        root: &serde_json::Value,
        prefix: &str,
        out: &mut BTreeSet<String>,
        depth: usize,
    ) {
        if depth > 8 {
            return;
        }
        let mut s = schema;
        for _ in 0..8 {
            if let Some(r) = s.get("$ref").and_then(|r| r.as_str()) {
                let name = r.rsplit('/').next().unwrap_or("");
                s = &root["$defs"][name];
            } else {
                break;
            }
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(alts) = s.get(key).and_then(|a| a.as_array()) {
                for a in alts {
                    walk(a, root, prefix, out, depth + 1);
                }
            }
        }
        if let Some(items) = s.get("items") {
            walk(items, root, prefix, out, depth + 1);
        }
        if let Some(props) = s.get("properties").and_then(|p| p.as_object()) {
            for (k, v) in props {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.insert(path.clone());
                walk(v, root, &path, out, depth + 1);
            }
        }
    }
    let schema = argolint::config::json_schema();
    let mut out = BTreeSet::new();
    walk(&schema, &schema, "", &mut out, 0);
    assert!(
        out.contains("options.cleanup.controller-sets-gc-defaults"),
        "the configuration schema walk found {out:?}"
    );
    out
}

/// A name with its separators and case dropped: `controller_sets_gc_defaults`,
/// `controllerSetsGcDefaults` and `controller-sets-gc-defaults` are all the same key.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Every long flag of every subcommand (`--argo-version`).
fn flags() -> BTreeSet<String> {
    fn walk(cmd: &clap::Command, out: &mut BTreeSet<String>) {
        for a in cmd.get_arguments() {
            if let Some(l) = a.get_long() {
                out.insert(format!("--{l}"));
            }
            for l in a.get_all_aliases().unwrap_or_default() {
                out.insert(format!("--{l}"));
            }
        }
        for s in cmd.get_subcommands() {
            walk(s, out);
        }
    }
    let mut out = BTreeSet::from(["--help".to_string(), "--version".to_string()]);
    walk(&argolint::cli::Cli::command(), &mut out);
    out
}

/// Argo field names present in release `v` (any type), and in any release.
fn fields_in(v: Option<ArgoVersion>) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    for t in api::all_types() {
        for f in t.all_fields() {
            if v.is_none_or(|v| f.exists_in(v)) {
                out.insert(f.name);
            }
        }
    }
    out
}

/// Identifiers in a backticked span: `backoff.cap`, `cap: 5m`, `{duration: 10s, cap: 1m}`.
fn identifiers(token: &str) -> Vec<&str> {
    token
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .collect()
}

/// A snake_case identifier (`fan_out_items_threshold`): the spelling of argolint's own code,
/// never of a configuration key (kebab-case) or an Argo field (camelCase).
fn snake_case(token: &str) -> bool {
    token.contains('_')
        && token
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && token.starts_with(|c: char| c.is_ascii_lowercase())
        && !token.ends_with('_')
}

/// snake_case names that rules mention for what they are, never as something to write.
const NOT_KEYS: &[&str] = &[
    "no_new_privs", // the Linux process flag that `allowPrivilegeEscalation` controls
];

/// One text a rule shows the user, and where it comes from.
struct Text {
    rule: &'static str,
    category: Category,
    /// The target release of the run that produced it; `None` for docs.
    target: Option<ArgoVersion>,
    origin: String,
    text: String,
    /// The finding's help (checked apart from the message: it says what to write).
    help: String,
    /// The linted file's text: a name the message quotes from it is the user's, not advice.
    source: String,
}

fn rule_docs() -> Vec<Text> {
    rules::all()
        .into_iter()
        .map(|m| Text {
            rule: m.name,
            category: m.category,
            target: None,
            origin: format!("docs of {}", m.name),
            text: format!("{}\n\n{}", m.summary, m.docs),
            help: String::new(),
            source: String::new(),
        })
        .collect()
}

fn finding_texts() -> Vec<Text> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["testdata/rules", "testdata/precision"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                for f in ["bad.yaml", "good.yaml"] {
                    if p.join(f).is_file() {
                        files.push(p.join(f));
                    }
                }
            } else if p.extension().is_some_and(|x| x == "yaml") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(
        files.len() > 100,
        "found only {} fixture files",
        files.len()
    );
    let mut out = Vec::new();
    for v in ArgoVersion::ALL {
        let settings = Settings {
            argo_version: v,
            ..Settings::default()
        };
        for f in &files {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue; // the `not-text` fixture
            };
            let name = f.strip_prefix(root).unwrap().display().to_string();
            let report = lint_source(&name, &text, &settings);
            for d in &report.diagnostics {
                out.push(Text {
                    rule: d.rule.name,
                    category: d.rule.category,
                    target: Some(v),
                    origin: format!("{name} at {v}"),
                    text: d.message.clone(),
                    help: d.help.clone().unwrap_or_default(),
                    source: text.clone(),
                });
            }
        }
    }
    out
}

/// The units of a docs text: prose paragraphs (split at blank lines) and whole fenced code
/// blocks, each code block with the paragraph before it (where a release is usually named).
fn units(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_code = false;
    let mut before = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            if in_code {
                cur.push_str(line);
                out.push((format!("{before}\n{cur}"), true));
                cur.clear();
            } else {
                if !cur.trim().is_empty() {
                    before = cur.clone();
                    out.push((std::mem::take(&mut cur), false));
                }
                cur.clear();
                cur.push_str(line);
                cur.push('\n');
            }
            in_code = !in_code;
            continue;
        }
        if !in_code && line.trim().is_empty() {
            if !cur.trim().is_empty() {
                before = cur.clone();
                out.push((std::mem::take(&mut cur), false));
            }
            cur.clear();
            continue;
        }
        cur.push_str(line);
        cur.push('\n');
    }
    if !cur.trim().is_empty() {
        out.push((cur, in_code));
    }
    out
}

/// YAML keys in a fenced code block (`cap:` in an example), which are not backticked.
fn code_keys(block: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in block.lines() {
        let code = line.split(" #").next().unwrap_or(line);
        for (i, _) in code.match_indices(':') {
            let key = code[..i]
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("");
            if key.starts_with(|c: char| c.is_ascii_alphabetic()) {
                out.push(key);
            }
        }
    }
    out
}

/// Whether a paragraph says which release a field needs (`v3.7`, `Argo Workflows 3.7`).
fn names_a_release(paragraph: &str) -> bool {
    let re = regex::Regex::new(r"\bv?[34]\.[0-9]\b").unwrap();
    re.is_match(paragraph)
}

/// The problems of one text (empty when it is right).
fn problems(
    t: &Text,
    keys: &BTreeSet<String>,
    squashed_keys: &BTreeMap<String, String>,
    flags: &BTreeSet<String>,
    any_field: &BTreeSet<&'static str>,
    field_at: &BTreeMap<ArgoVersion, BTreeSet<&'static str>>,
) -> Vec<String> {
    let mut out = Vec::new();
    // A name the message takes from the linted file is the user's (a template called
    // `main_entry`, a field the user wrote), not something the rule tells them to write.
    let quoted =
        |id: &str, in_help: bool| !in_help && !t.source.is_empty() && t.source.contains(id);
    // A name made from one of the file's (`invalid_metric_name` suggested for
    // `invalid.metric.name`, a snake_case metric label) is the user's too.
    let squashed_source = squash(&t.source);
    let from_source = |id: &str| !t.source.is_empty() && squashed_source.contains(&squash(id));
    let parts = [(t.text.as_str(), false), (t.help.as_str(), true)];
    for token in parts.iter().flat_map(|(text, _)| backticked(text)) {
        let token = token.trim();
        // A flag must exist.
        if token.starts_with("--") && token[2..].starts_with(|c: char| c.is_ascii_lowercase()) {
            let flag = token.split([' ', '=']).next().unwrap_or(token);
            if !flags.contains(flag) {
                out.push(format!(
                    "names the flag `{flag}`, which argolint does not have"
                ));
            }
            continue;
        }
        // A dotted configuration path must resolve.
        if let Some(path) = token.strip_prefix("options.") {
            let path = path.split(':').next().unwrap_or(path).trim();
            if !keys.contains(&format!("options.{path}")) {
                out.push(format!(
                    "names the configuration key `options.{path}`, which `.argolint.yaml` does not have"
                ));
            }
            continue;
        }
        let head = token.split(':').next().unwrap_or(token).trim();
        // A configuration key spelled another way (`controller_sets_gc_defaults`).
        if let Some(real) = squashed_keys.get(&squash(head))
            && head != real.rsplit('.').next().unwrap_or(real)
            && head != real
            && !any_field.contains(head)
        {
            out.push(format!(
                "names `{head}`: the configuration file spells it `{real}`"
            ));
            continue;
        }
        if snake_case(head)
            && !any_field.contains(head)
            && !NOT_KEYS.contains(&head)
            && !from_source(head)
        {
            out.push(format!(
                "names `{head}`, a snake_case name that neither `.argolint.yaml` nor Argo accepts"
            ));
            continue;
        }
    }
    // Argo fields of another release: only the risk rules, whose texts advise what to write
    // (the schema rules name fields of other releases on purpose).
    let advises = matches!(
        t.category,
        Category::Reliability | Category::Scale | Category::Resources | Category::Security
    );
    if advises {
        match t.target {
            Some(v) => {
                let here = &field_at[&v];
                for (token, in_help) in parts
                    .iter()
                    .flat_map(|(text, h)| backticked(text).into_iter().map(move |tk| (tk, *h)))
                {
                    for id in identifiers(token) {
                        if any_field.contains(id) && !here.contains(id) && !quoted(id, in_help) {
                            out.push(format!(
                                "names `{id}` (in `{token}`), a field that the target {v} does not have"
                            ));
                        }
                    }
                }
            }
            None => {
                // Docs are read whatever the target: a field that only some releases have
                // is named with the release that has it.
                let everywhere: BTreeSet<&str> = ArgoVersion::ALL
                    .iter()
                    .map(|v| &field_at[v])
                    .fold(any_field.clone(), |acc, s| {
                        acc.intersection(s).copied().collect()
                    });
                for (p, code) in units(&t.text) {
                    if names_a_release(&p) {
                        continue;
                    }
                    let mut ids: Vec<&str> = if code {
                        code_keys(&p)
                    } else {
                        backticked(&p).into_iter().flat_map(identifiers).collect()
                    };
                    ids.sort_unstable();
                    ids.dedup();
                    for id in ids {
                        if any_field.contains(id) && !everywhere.contains(id) {
                            out.push(format!(
                                "names `{id}`, a field that only some releases have, without saying which: {:?}",
                                p.chars().take(120).collect::<String>()
                            ));
                        }
                    }
                }
            }
        }
    }
    out
}

fn check_texts(texts: &[Text]) -> Vec<String> {
    let keys = config_keys();
    let mut squashed_keys = BTreeMap::new();
    for k in &keys {
        let last = k.rsplit('.').next().unwrap_or(k);
        squashed_keys.insert(squash(last), k.clone());
    }
    let flags = flags();
    let any_field = fields_in(None);
    let field_at: BTreeMap<ArgoVersion, BTreeSet<&'static str>> = ArgoVersion::ALL
        .iter()
        .map(|v| (*v, fields_in(Some(*v))))
        .collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for t in texts {
        for p in problems(t, &keys, &squashed_keys, &flags, &any_field, &field_at) {
            let line = format!("{} ({}): {p}", t.rule, t.origin);
            if seen.insert(format!("{}: {p}", t.rule)) {
                out.push(line);
            }
        }
    }
    out
}

#[test]
fn rule_docs_name_only_keys_flags_and_fields_that_exist() {
    let bad = check_texts(&rule_docs());
    assert!(bad.is_empty(), "rule docs:\n{}", bad.join("\n"));
}

#[test]
fn rule_findings_name_only_keys_flags_and_fields_that_exist() {
    let bad = check_texts(&finding_texts());
    assert!(bad.is_empty(), "findings:\n{}", bad.join("\n"));
}

/// The checks themselves catch what they are for.
#[test]
fn the_checks_catch_wrong_names() {
    let text = |category, target, s: &str| Text {
        rule: "test",
        category,
        target,
        origin: "test".into(),
        text: s.into(),
        help: String::new(),
        source: String::new(),
    };
    let cases = [
        text(
            Category::Scale,
            None,
            "enable `controller_sets_gc_defaults` in the configuration",
        ),
        text(Category::Scale, None, "raise `fan_out_items_threshold`"),
        text(
            Category::Scale,
            None,
            "set `options.unbounded-fan-out.max_items`",
        ),
        text(Category::Scale, None, "run with `--argo-versions 3.6`"),
        text(
            Category::Reliability,
            Some(ArgoVersion::V3_6),
            "add `cap` on the backoff",
        ),
        text(
            Category::Reliability,
            None,
            "Add a cap:\n```yaml\nbackoff: {duration: 10s, cap: 5m}\n```",
        ),
    ];
    for c in &cases {
        assert!(
            !check_texts(std::slice::from_ref(c)).is_empty(),
            "not caught: {}",
            c.text
        );
    }
    let fine = [
        text(
            Category::Scale,
            None,
            "set `options.cleanup.controller-sets-gc-defaults: true` in `.argolint.yaml`",
        ),
        text(Category::Scale, None, "run with `--argo-version 3.6`"),
        text(
            Category::Reliability,
            Some(ArgoVersion::V3_7),
            "add `cap` on the backoff",
        ),
        text(
            Category::Reliability,
            None,
            "From Argo Workflows v3.7:\n```yaml\nbackoff: {duration: 10s, cap: 5m}\n```",
        ),
    ];
    for c in &fine {
        let p = check_texts(std::slice::from_ref(c));
        assert!(p.is_empty(), "wrongly caught: {}: {p:?}", c.text);
    }
}
