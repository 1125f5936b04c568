//! One whole-document lint with every rule, rendered as JSON (line and column of every
//! finding): no panic, whatever the text.
#![no_main]
use argolint::engine::lint_source;
use argolint::report::Report;
use argolint::settings::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let report = lint_source("fuzz.yaml", text, &Settings::default());
    for d in &report.diagnostics {
        assert!(d.span.end as usize <= text.len(), "{d:?}");
    }
    let json = argolint::emit::json::render(&Report {
        files: vec![report],
        io_errors: Vec::new(),
    });
    assert!(json.starts_with('{'));
});
