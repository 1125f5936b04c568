//! The language server's handlers, as plain functions: diagnostics, hover, completion and
//! code actions at positions taken from the input, on the input as a buffer; and the frame
//! filter that reads the client's messages.
#![no_main]
use argolint::api::ArgoVersion;
use argolint::engine::lint_source;
use argolint::lsp::features::{Doc, code_actions, completion, diagnostics, hover};
use argolint::lsp::text::{Encoding, Lines};
use argolint::settings::Settings;
use libfuzzer_sys::fuzz_target;
use tower_lsp_server::ls_types::{Position, Range, Uri};

fuzz_target!(|data: &[u8]| {
    // The first bytes choose positions; the rest is the buffer (and a stream of frames).
    if data.len() < 6 {
        return;
    }
    let (pos, rest) = data.split_at(6);
    argolint::lsp::transport::check_frames(rest);
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let uri: Uri = "file:///fuzz.yaml".parse().unwrap();
    let lines = Lines::new(text);
    let report = lint_source("fuzz.yaml", text, &Settings::default());
    for enc in [Encoding::Utf8, Encoding::Utf16] {
        let doc = Doc { uri: &uri, text, lines: &lines, enc };
        diagnostics(&doc, &report);
        for p in pos.chunks(2) {
            let at = Position::new(u32::from(p[0] % 64), u32::from(p[1]));
            hover(&doc, at, ArgoVersion::LATEST);
            completion(&doc, at, ArgoVersion::LATEST);
            let range = Range::new(Position::new(0, 0), at);
            code_actions(&doc, &report, range, None, || None);
        }
    }
});
