//! `testdata/differential/accepted.yaml`: the differences the project accepts, each with its
//! reason. Read with argolint's own YAML tree, so the file's mistakes point at a line.

use std::collections::HashSet;

use argolint::source::{Node, SourceFile, parse_text};
use regex::Regex;

use crate::differential::compare::{Difference, Direction, NON_ARGO};
use crate::differential::oracle::TARGETS;

pub struct Entry {
    pub id: String,
    pub reason: String,
    pub direction: Direction,
    pub target: Option<String>,
    pub rule: Option<String>,
    pub oracle: Option<Regex>,
    pub class: Option<String>,
    /// `accepted.yaml:LINE`, for messages.
    pub at: String,
}

impl Entry {
    pub fn matches(&self, d: &Difference) -> bool {
        self.direction == d.direction
            && self.target.as_deref().is_none_or(|t| t == d.target)
            && self.class.as_deref().is_none_or(|c| c == d.class)
            && self.rule.as_deref().is_none_or(|r| Some(r) == d.rule)
            && self
                .oracle
                .as_ref()
                .is_none_or(|re| d.oracle.as_ref().is_some_and(|o| re.is_match(&o.message)))
    }
}

const KEYS: &[&str] = &[
    "id",
    "reason",
    "direction",
    "target",
    "rule",
    "oracle",
    "class",
];

/// Reads the entries; every mistake in the file is an error naming its line.
pub fn parse(name: &str, text: &str, classes: &[&str]) -> Result<Vec<Entry>, Vec<String>> {
    let file = SourceFile::new(name, text);
    let parsed = parse_text(text);
    let mut errors: Vec<String> = parsed
        .problems
        .iter()
        .map(|p| at(&file, p.span.start) + ": " + &p.message)
        .collect();
    let Some(root) = parsed.documents.first().and_then(|d| d.root.as_ref()) else {
        return if errors.is_empty() {
            Ok(Vec::new())
        } else {
            Err(errors)
        };
    };
    let Some(items) = root.as_seq() else {
        errors.push(format!(
            "{}: the file must be a list of entries (`[]` for none)",
            at(&file, root.span.start)
        ));
        return Err(errors);
    };
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    for item in items {
        let here = at(&file, item.span.start);
        let Some(map) = item.as_map() else {
            errors.push(format!("{here}: an entry must be a mapping"));
            continue;
        };
        for e in map {
            let k = e.key_str().unwrap_or("");
            if !KEYS.contains(&k) {
                errors.push(format!(
                    "{}: unknown key `{k}` (keys: {})",
                    at(&file, e.key.span.start),
                    KEYS.join(", ")
                ));
            }
        }
        let s = |k: &str| item.get(k).and_then(Node::as_str).map(str::to_string);
        let id = s("id").unwrap_or_default();
        if id.is_empty() {
            errors.push(format!("{here}: `id` is required"));
        } else if !ids.insert(id.clone()) {
            errors.push(format!("{here}: `id` {id} is used twice"));
        }
        let reason = s("reason").unwrap_or_default();
        if reason.trim().is_empty() {
            errors.push(format!(
                "{here}: `reason` is required: say in a sentence why the difference is accepted"
            ));
        }
        let direction = match s("direction").as_deref() {
            Some("argolint-error-only") => Direction::ArgolintErrorOnly,
            Some("oracle-reject-only") => Direction::OracleRejectOnly,
            other => {
                errors.push(format!("{here}: `direction` must be argolint-error-only or oracle-reject-only, not {other:?}"));
                continue;
            }
        };
        let target = s("target");
        if let Some(t) = &target
            && !TARGETS.iter().any(|x| x.name == t)
        {
            let names: Vec<_> = TARGETS.iter().map(|t| t.name).collect();
            errors.push(format!(
                "{here}: `target` {t} is none of {}",
                names.join(", ")
            ));
        }
        let class = s("class");
        if let Some(c) = &class
            && !classes.contains(&c.as_str())
            && c != NON_ARGO
            && c != "example"
            && c != "testdata"
        {
            errors.push(format!(
                "{here}: `class` {c} is none of example, testdata, {NON_ARGO}, {}",
                classes.join(", ")
            ));
        }
        let rule = s("rule");
        let oracle = match s("oracle") {
            None => None,
            Some(re) => match Regex::new(&re) {
                Ok(r) => Some(r),
                Err(e) => {
                    errors.push(format!("{here}: `oracle` is not a regular expression: {e}"));
                    None
                }
            },
        };
        match direction {
            Direction::ArgolintErrorOnly => {
                match &rule {
                    None => errors.push(format!("{here}: an argolint-error-only entry needs `rule` (the argolint rule whose error Argo does not make)")),
                    Some(r) if argolint::rules::find(r).is_none_or(|m| m.name != r) => {
                        errors.push(format!("{here}: `rule` {r} is not the name of an argolint rule"))
                    }
                    _ => {}
                }
                if item.get("oracle").is_some() {
                    errors.push(format!(
                        "{here}: `oracle` applies to oracle-reject-only entries"
                    ));
                }
            }
            Direction::OracleRejectOnly => {
                if item.get("oracle").is_none() {
                    errors.push(format!("{here}: an oracle-reject-only entry needs `oracle` (a regular expression on upstream's message)"));
                }
                if rule.is_some() {
                    errors.push(format!(
                        "{here}: `rule` applies to argolint-error-only entries"
                    ));
                }
            }
        }
        out.push(Entry {
            id,
            reason,
            direction,
            target,
            rule,
            oracle,
            class,
            at: here,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn at(file: &SourceFile, offset: u32) -> String {
    format!("{}:{}", file.name, file.line_col(offset).0)
}

/// Marks every difference with the entries that accept it; returns how many each matched.
pub fn apply(entries: &[Entry], diffs: &mut [Difference]) -> Vec<usize> {
    let mut counts = vec![0; entries.len()];
    for d in diffs.iter_mut() {
        for (i, e) in entries.iter().enumerate() {
            if e.matches(d) {
                counts[i] += 1;
                d.accepted_by.push(e.id.clone());
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mistake_is_named() {
        let text = "- id: a\n  direction: argolint-error-only\n  rule: no-such-rule\n  colour: red\n- id: a\n  reason: x\n  direction: oracle-reject-only\n";
        let errs = parse("accepted.yaml", text, &[]).err().unwrap();
        let all = errs.join("\n");
        for want in [
            "`reason` is required",
            "not the name of an argolint rule",
            "unknown key `colour`",
            "used twice",
            "needs `oracle`",
        ] {
            assert!(all.contains(want), "{want} in\n{all}");
        }
        assert!(parse("accepted.yaml", "[]\n", &[]).unwrap().is_empty());
        let ok = "- id: a\n  reason: Argo checks this at run time.\n  direction: argolint-error-only\n  rule: undefined-template\n  target: v3.7\n";
        assert_eq!(parse("accepted.yaml", ok, &[]).unwrap().len(), 1);
    }
}
