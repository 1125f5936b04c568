//! What the protocol layer (tower-lsp-server) reports through `tracing`, written to stderr
//! (an editor shows it in its log of the server): a malformed message is answered with a
//! JSON-RPC error and the server goes on, and this says why. Warnings and errors only.

use std::sync::atomic::{AtomicU64, Ordering};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// Prints events at `WARN` and above as `argolint lsp: <level>: <message>`.
pub struct StderrLog {
    next_span: AtomicU64,
}

impl StderrLog {
    pub fn new() -> StderrLog {
        StderrLog {
            next_span: AtomicU64::new(1),
        }
    }
}

impl Default for StderrLog {
    fn default() -> Self {
        StderrLog::new()
    }
}

struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        } else {
            self.0.push_str(&format!(" {}={value:?}", field.name()));
        }
    }
}

impl Subscriber for StderrLog {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        *metadata.level() <= Level::WARN
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(self.next_span.fetch_add(1, Ordering::Relaxed))
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut m = Message(String::new());
        event.record(&mut m);
        let level = event.metadata().level().as_str().to_ascii_lowercase();
        eprintln!("argolint lsp: {level}: {}", m.0);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}
