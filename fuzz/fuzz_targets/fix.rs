//! Fix application: a text that parses still parses after every fix (unsafe ones too),
//! and has no finding the original did not have.
#![no_main]
use std::collections::BTreeMap;

use argolint::engine::lint_source;
use argolint::fix::fix_text;
use argolint::settings::Settings;
use argolint::source::parse_text;
use libfuzzer_sys::fuzz_target;

fn by_rule(text: &str, settings: &Settings) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for d in lint_source("fuzz.yaml", text, settings).diagnostics {
        *out.entry(d.rule.name).or_default() += 1;
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let settings = Settings::default();
    let fixed = fix_text("fuzz.yaml", text, &settings, true);
    if fixed.applied == 0 {
        return;
    }
    if parse_text(text).problems.is_empty() {
        assert!(parse_text(&fixed.text).problems.is_empty(), "a fix broke the YAML:\n{}", fixed.text);
    }
    let before = by_rule(text, &settings);
    for (rule, n) in by_rule(&fixed.text, &settings) {
        assert!(n <= before.get(rule).copied().unwrap_or(0), "the fixes added `{rule}` findings:\n{}", fixed.text);
    }
});
