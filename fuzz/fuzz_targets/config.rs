//! The configuration loader: any `.argolint.yaml` text is accepted or gives errors, each
//! at a place in the file, never a panic.
#![no_main]
use argolint::config::load_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.split('\n').count();
    if let Err(errors) = load_text(std::path::Path::new("/fuzz/.argolint.yaml"), text.to_string()) {
        assert!(!errors.is_empty());
        for e in errors {
            assert!(e.line >= 1 && e.line <= lines + 1, "{e:?}");
        }
    }
});
