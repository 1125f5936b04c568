//! Dev helper: parse every file under a folder and print the source problems found.
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/argo-examples".into());
    let mut stack = vec![std::path::PathBuf::from(dir)];
    let (mut files, mut docs) = (0, 0);
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
            continue;
        }
        if !p.to_string_lossy().ends_with(".yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let parsed = argolint::source::parse_text(&text);
        files += 1;
        docs += parsed.documents.iter().filter(|d| d.root.is_some()).count();
        for pr in parsed.problems {
            println!("{}: {:?} {}", p.display(), pr.kind, pr.message);
        }
    }
    println!("{files} files, {docs} documents");
}
