//! Mutation test over the upstream examples: a near-miss key or enum value written into a
//! valid manifest must be reported exactly once, at that place, with the original as the
//! suggestion.
//!
//! For every Argo document of every example, up to three keys the model knows (the first,
//! middle and last in document order) are renamed by deleting one inner character
//! (`retryStrategy` → `retryStrtegy`), and every enum value is changed the same way.
//! Each mutant is linted on its own; the mutant is caught when it yields exactly one
//! `unknown-field` (or `invalid-enum-value`) more than the original, at the mutated key (or
//! value), suggesting the original text.

use crate::common;

use argolint::api::{self, ArgoVersion, Kind};
use argolint::engine::lint_source;
use argolint::settings::Settings;
use argolint::source::{Span, parse_text};

struct Mutant {
    /// The file's text with the mutation applied.
    text: String,
    /// Where the mutated text starts.
    at: u32,
    original: String,
    mutated: String,
}

/// `word` with one inner character removed, or `None` when it is too short to stay
/// recognisable.
fn near_miss(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 3 {
        return None;
    }
    let i = chars.len() / 2;
    // Deleting one of a doubled letter (`mutexes` has none, `annotations` has `nn`) gives the
    // same word for either; that is still a near miss.
    let mut out: String = chars[..i].iter().collect();
    out.extend(&chars[i + 1..]);
    Some(out)
}

fn splice(text: &str, span: Span, replacement: &str) -> String {
    let (s, e) = (span.start as usize, span.end as usize);
    format!("{}{}{}", &text[..s], replacement, &text[e..])
}

/// The key and enum mutants of one file.
fn mutants(text: &str) -> (Vec<Mutant>, Vec<Mutant>) {
    let parsed = parse_text(text);
    let mut keys = Vec::new();
    let mut enums = Vec::new();
    for doc in &parsed.documents {
        let Some(root) = &doc.root else { continue };
        let Some(kind) = root
            .get("kind")
            .and_then(|k| k.as_str())
            .and_then(Kind::from_kind)
        else {
            continue;
        };
        if root.get("apiVersion").and_then(|a| a.as_str()) != Some("argoproj.io/v1alpha1") {
            continue;
        }
        let mut key_sites = Vec::new();
        let mut enum_sites = Vec::new();
        api::walk::walk(root, kind, ArgoVersion::LATEST, &mut |t, f, entry| {
            if entry.merged || t.name == root_name(kind) && matches!(f.name, "kind" | "apiVersion")
            {
                return;
            }
            if let Some(m) = near_miss(f.name)
                && t.field(&m).is_none()
            {
                key_sites.push((entry.key.span, f.name.to_string(), m));
            }
            if !f.enum_values.is_empty()
                && let Some(v) = entry.value.as_str()
                && f.enum_values.contains(&v)
                && let Some(m) = near_miss(v)
                && !f.enum_values.contains(&m.as_str())
            {
                enum_sites.push((entry.value.span, v.to_string(), m));
            }
        });
        let pick = |sites: Vec<(Span, String, String)>| {
            let len = sites.len();
            let mut idx: Vec<usize> = vec![0, len / 2, len.saturating_sub(1)];
            idx.dedup();
            idx.into_iter()
                .filter(|i| *i < len)
                .map(|i| sites[i].clone())
                .collect::<Vec<_>>()
        };
        for (span, original, mutated) in pick(key_sites) {
            keys.push(Mutant {
                text: splice(text, span, &mutated),
                at: span.start,
                original,
                mutated,
            });
        }
        // Enum values are rarer: every one is mutated.
        for (span, original, mutated) in enum_sites {
            enums.push(Mutant {
                text: splice(text, span, &mutated),
                at: span.start,
                original,
                mutated,
            });
        }
    }
    (keys, enums)
}

fn root_name(kind: Kind) -> &'static str {
    api::root_type(kind).name
}

/// Findings of `rule` in a file: (start, message, help).
fn findings(name: &str, text: &str, rule: &str) -> Vec<(u32, String, String)> {
    lint_source(name, text, &Settings::default())
        .diagnostics
        .iter()
        .filter(|d| d.rule.name == rule)
        .map(|d| {
            (
                d.span.start,
                d.message.clone(),
                d.help.clone().unwrap_or_default(),
            )
        })
        .collect()
}

/// Whether the mutant adds exactly one finding of `rule`, at the mutation, naming the original.
fn caught(name: &str, before: usize, m: &Mutant, rule: &str) -> Result<(), String> {
    let after = findings(name, &m.text, rule);
    let here: Vec<_> = after.iter().filter(|(at, _, _)| *at == m.at).collect();
    let suggestion = format!("`{}`", m.original);
    if after.len() != before + 1 || here.len() != 1 {
        return Err(format!(
            "{name}: `{}` → `{}`: {} {rule} finding(s) instead of {} (one at the place: {})",
            m.original,
            m.mutated,
            after.len(),
            before + 1,
            here.len()
        ));
    }
    let (_, message, help) = here[0];
    if !message.contains(&suggestion) && !help.contains(&suggestion) {
        return Err(format!(
            "{name}: `{}` → `{}`: no suggestion of `{}`: {message} / {help}",
            m.original, m.mutated, m.original
        ));
    }
    Ok(())
}

#[test]
fn near_miss_keys_and_enum_values_are_each_caught_once() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let (mut files, errors) = argolint::engine::discover(&[corpus]);
    assert!(errors.is_empty(), "{errors:?}");
    files.sort();
    let (mut key_tried, mut key_caught, mut enum_tried, mut enum_caught) = (0, 0, 0, 0);
    let mut examples_with_key = 0;
    let mut misses = Vec::new();
    for path in &files {
        let name = path.to_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let (keys, enums) = mutants(&text);
        if !keys.is_empty() {
            examples_with_key += 1;
        }
        let unknown_before = findings(name, &text, "unknown-field").len();
        for m in &keys {
            key_tried += 1;
            match caught(name, unknown_before, m, "unknown-field") {
                Ok(()) => key_caught += 1,
                Err(e) => misses.push(e),
            }
        }
        let enum_before = findings(name, &text, "invalid-enum-value").len();
        for m in &enums {
            enum_tried += 1;
            match caught(name, enum_before, m, "invalid-enum-value") {
                Ok(()) => enum_caught += 1,
                Err(e) => misses.push(e),
            }
        }
    }
    eprintln!(
        "mutation test over {} examples ({examples_with_key} with Argo documents): renamed keys caught {key_caught}/{key_tried}, changed enum values caught {enum_caught}/{enum_tried}",
        files.len()
    );
    // Floors well under what the examples give (about 3 keys per document; enum fields are
    // set in few examples), so a walk that silently stops finding sites fails.
    assert!(key_tried >= 600, "too few key mutants: {key_tried}");
    assert!(enum_tried >= 30, "too few enum mutants: {enum_tried}");
    assert!(
        misses.is_empty(),
        "{} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}
