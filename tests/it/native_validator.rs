//! The native validator (`validate::native`, what `check` runs) against the `jsonschema`
//! crate running the schema argolint publishes (`validate::model_validator`): on every Argo
//! document of the upstream examples, for every modelled release, and on mutants of them
//! (renamed keys, values of other types and forms), both must flag the same places.
//!
//! Where they differ it is by design and checked as such: a value of the wrong type in a
//! field with allowed values is one finding natively, while JSON Schema reports the type
//! and the enum separately.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use argolint::api::{self, ArgoVersion, Kind};
use argolint::diagnostic::Diagnostic;
use argolint::source::{Node, Span, parse_text};
use argolint::validate;

/// Findings by place: span → (rule, message) pairs.
type ByPlace = BTreeMap<(u32, u32), BTreeSet<(String, String)>>;

fn by_place(found: Vec<Diagnostic>) -> ByPlace {
    let mut out = ByPlace::new();
    for d in found {
        out.entry((d.span.start, d.span.end))
            .or_default()
            .insert((d.rule.name.to_string(), d.message));
    }
    out
}

fn argo_documents(text: &str) -> Vec<(Node, Kind)> {
    parse_text(text)
        .documents
        .into_iter()
        .filter_map(|d| {
            let root = d.root?;
            let kind = root
                .get("kind")
                .and_then(|k| k.as_str())
                .and_then(Kind::from_kind)?;
            (root.get("apiVersion").and_then(|a| a.as_str()) == Some("argoproj.io/v1alpha1"))
                .then_some((root, kind))
        })
        .collect()
}

/// Compares both validators on one document; `Err` says how they differ.
///
/// Two differences are by design: the full CRDs' value rules (patterns, bounds) are not in the
/// published schema, and a required field set to null counts as missing for the API server
/// (it prunes nulls first) while JSON Schema sees the key (`null_mutant`: the document had a
/// value replaced by null, so such findings are not compared).
fn compare(root: &Node, kind: Kind, v: ArgoVersion, null_mutant: bool) -> Result<usize, String> {
    let native = by_place(
        validate::native::check(root, kind, v, v.installs_full_crds())
            .into_iter()
            .filter(|d| {
                !d.help
                    .as_deref()
                    .is_some_and(|h| h.contains("CRDs (installed in full)"))
            })
            .filter(|d| !(null_mutant && d.rule.name == "missing-required-field"))
            // The API server's name check has no JSON Schema counterpart in the published schema.
            .filter(|d| !d.message.starts_with("`metadata` has neither"))
            .filter(|d| !d.message.ends_with("missing required field `metadata`"))
            .collect(),
    );
    let reference = by_place(
        validate::model_validator(v)
            .check(root)
            .into_iter()
            .filter(|d| !(null_mutant && d.rule.name == "missing-required-field"))
            // Native reports a missing `metadata` as the API server does: no name.
            .filter(|d| !d.message.ends_with("missing required field `metadata`"))
            .collect(),
    );
    let places: BTreeSet<_> = native.keys().chain(reference.keys()).collect();
    for place in &places {
        let (n, r) = (native.get(place), reference.get(place));
        let (Some(n), Some(r)) = (n, r) else {
            return Err(format!("{v} at {place:?}: native {n:?}, jsonschema {r:?}"));
        };
        // The native findings are among the reference's, or (one finding per value) the
        // single enum finding where JSON Schema reports a type error beside it.
        for (rule, message) in n {
            let same = r.contains(&(rule.clone(), message.clone()));
            let merged =
                rule == "invalid-enum-value" && r.iter().any(|(rr, _)| rr == "invalid-enum-value");
            if !same && !merged {
                return Err(format!(
                    "{v} at {place:?}: native `{rule}: {message}` not in jsonschema {r:?}"
                ));
            }
        }
        let merged_type_error =
            n.len() == 1 && r.len() == 2 && r.iter().any(|(rr, _)| rr == "invalid-enum-value");
        if n.len() != r.len() && !merged_type_error {
            return Err(format!("{v} at {place:?}: native {n:?}, jsonschema {r:?}"));
        }
    }
    Ok(native.values().map(BTreeSet::len).sum())
}

fn corpus_files() -> Option<Vec<(String, String)>> {
    let corpus = common::corpus_dir()?;
    let (mut files, errors) = argolint::engine::discover(&[corpus]);
    assert!(errors.is_empty(), "{errors:?}");
    files.sort();
    Some(
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                (p.display().to_string(), text)
            })
            .collect(),
    )
}

#[test]
fn both_validators_agree_on_the_examples_for_every_release() {
    let Some(files) = corpus_files() else { return };
    let mut documents = 0;
    let mut findings = BTreeMap::new();
    let mut problems = Vec::new();
    for (name, text) in &files {
        for (root, kind) in argo_documents(text) {
            documents += 1;
            for v in ArgoVersion::ALL {
                match compare(&root, kind, v, false) {
                    Ok(n) => *findings.entry(v.to_string()).or_insert(0) += n,
                    Err(e) => problems.push(format!("{name}: {e}")),
                }
            }
        }
    }
    eprintln!(
        "native vs jsonschema on {documents} example documents, findings per release: {findings:?}"
    );
    assert!(documents >= 220, "{documents}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Older releases lack fields the examples use: the comparison saw real findings.
    assert!(findings["v3.4"] > 0, "{findings:?}");
}

/// Replacement texts for a value: other types, other forms, YAML 1.1 traps, expressions.
const REPLACEMENTS: &[&str] = &[
    "7",
    "-3",
    "1.5",
    "1e3",
    "true",
    "yes",
    "0755",
    "~",
    "\"x y\"",
    "1 day",
    "250m",
    "5Gi",
    "\"{{inputs.parameters.x}}\"",
    "[1, b]",
    "{a: 1}",
    "OnFailure",
];

fn splice(text: &str, span: Span, replacement: &str) -> String {
    let (s, e) = (span.start as usize, span.end as usize);
    format!("{}{}{}", &text[..s], replacement, &text[e..])
}

#[test]
fn both_validators_agree_on_mutants_of_the_examples() {
    let Some(files) = corpus_files() else { return };
    let (mut tried, mut flagged) = (0usize, 0usize);
    let mut problems = Vec::new();
    let mut round = 0usize;
    for (name, text) in &files {
        for (root, kind) in argo_documents(text) {
            // Every known field's value and key, in document order; a spread of them is
            // mutated (all of them would take minutes in a debug build).
            let mut sites: Vec<(Span, Span, &'static str)> = Vec::new();
            api::walk::walk(&root, kind, ArgoVersion::LATEST, &mut |_, f, entry| {
                if !entry.merged {
                    sites.push((entry.key.span, entry.value.span, f.name));
                }
            });
            let step = (sites.len() / 12).max(1);
            for (key_span, value_span, field) in sites.into_iter().step_by(step) {
                let mut mutants = Vec::new();
                for _ in 0..3 {
                    let r = REPLACEMENTS[round % REPLACEMENTS.len()];
                    round += 1;
                    mutants.push((splice(text, value_span, r), format!("{field}: {r}")));
                }
                let renamed: String = field.chars().rev().collect();
                mutants.push((splice(text, key_span, &renamed), format!("key {renamed}")));
                for (mutant, what) in mutants {
                    for (root, kind) in argo_documents(&mutant) {
                        tried += 1;
                        match compare(&root, kind, ArgoVersion::LATEST, what.ends_with(": ~")) {
                            Ok(n) => flagged += usize::from(n > 0),
                            Err(e) => problems.push(format!("{name} ({what}): {e}")),
                        }
                    }
                }
            }
        }
    }
    eprintln!(
        "native vs jsonschema on {tried} mutated documents: {flagged} with findings, {} disagreements",
        problems.len()
    );
    assert!(tried >= 5000, "{tried}");
    // Most mutants break something; a comparison that saw no findings would prove nothing.
    assert!(flagged * 3 > tried, "{flagged} of {tried}");
    assert!(
        problems.is_empty(),
        "{} disagreements, first ones:\n{}",
        problems.len(),
        problems[..problems.len().min(25)].join("\n")
    );
}
