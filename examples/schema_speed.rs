//! Dev helper: how long compiling upstream's schema for one kind and validating the corpus take.
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/schema/argo-workflows-v4.1.2.schema.json".into());
    let t = std::time::Instant::now();
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    println!("read+parse schema: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let mut root = schema.clone();
    root.as_object_mut().unwrap().remove("oneOf");
    root["$ref"] = "#/definitions/io.argoproj.workflow.v1alpha1.Workflow".into();
    let v = jsonschema::options()
        .should_validate_formats(false)
        .build(&root)
        .unwrap();
    println!("compile Workflow: {:?}", t.elapsed());
    let (files, _) = argolint::engine::discover(&["../shared/corpus/argo-examples".into()]);
    let docs: Vec<serde_json::Value> = files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            argolint::source::parse_text(&text)
                .documents
                .into_iter()
                .filter_map(|d| d.root)
                .filter(|r| r.get("kind").and_then(|k| k.as_str()) == Some("Workflow"))
                .map(|r| r.to_json())
                .collect::<Vec<_>>()
        })
        .collect();
    let t = std::time::Instant::now();
    let mut errors = 0;
    for d in &docs {
        errors += v.iter_errors(d).count();
    }
    println!(
        "validate {} Workflow docs: {:?} ({errors} errors)",
        docs.len(),
        t.elapsed()
    );
}
