//! Dev helper: how long generating and compiling argolint's own schema (or one given as the
//! first argument) takes, and validating every Argo document of the examples against it.
//!
//! `cargo run --release --example schema_speed [-- SCHEMA.json]`
use std::time::Instant;

fn main() {
    let shared = std::env::var("ARGOLINT_SHARED").unwrap_or_else(|_| "../shared".into());
    let t = Instant::now();
    let (schema, origin) = match std::env::args().nth(1) {
        Some(path) => (
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap(),
            path,
        ),
        None => (
            argolint::api::schema::json_schema(argolint::api::ArgoVersion::LATEST, None),
            "argolint model".to_string(),
        ),
    };
    println!("build schema value ({origin}): {:?}", t.elapsed());
    let t = Instant::now();
    let v = argolint::validate::SchemaValidator::new(schema, origin).unwrap();
    println!("compile (all kinds): {:?}", t.elapsed());
    let (files, _) = argolint::engine::discover(&[format!("{shared}/corpus/argo-examples").into()]);
    let parsed: Vec<_> = files
        .iter()
        .map(|f| argolint::source::parse_text(&std::fs::read_to_string(f).unwrap()))
        .collect();
    let roots: Vec<_> = parsed
        .iter()
        .flat_map(|p| p.documents.iter().filter_map(|d| d.root.as_ref()))
        .filter(|r| argolint::model::Manifest::from_root(r).is_some())
        .collect();
    let t = Instant::now();
    let mut errors = 0;
    for r in &roots {
        errors += v.check(r).len();
    }
    println!(
        "validate {} Argo documents: {:?} ({errors} errors)",
        roots.len(),
        t.elapsed()
    );
}
