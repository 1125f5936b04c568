//! `cargo xtask new-rule <category> <rule-name>`: scaffold a rule.
//!
//! Writes `src/rules/<category>/<rule_name>.rs` and `testdata/rules/<rule-name>/{bad,good}.yaml`
//! from the templates in `xtask/templates/`, adds `pub mod <rule_name>;` to the category's
//! `mod.rs` and the rule's line to `RULES` in `src/rules/mod.rs`. When the rule contract
//! changes, the templates and the two anchors below are what to update.

use std::path::Path;

/// The rule file, the fixtures and the registry line, with `__PLACEHOLDERS__`.
const RULE_TEMPLATE: &str = include_str!("../templates/rule.rs");
const BAD_TEMPLATE: &str = include_str!("../templates/bad.yaml");
const GOOD_TEMPLATE: &str = include_str!("../templates/good.yaml");
const REGISTRY_LINE_TEMPLATE: &str = include_str!("../templates/registry-line.rs");

/// Where the registry starts in `src/rules/mod.rs`, and the line that ends it.
const REGISTRY_START: &str = "pub static RULES: &[Rule] = &[";
const REGISTRY_END: &str = "];";

/// The category folders a scaffolded rule can go in: folder, `Category` variant, code
/// hundred (ARCHITECTURE.md's code ranges). `source/` is left out: the parser reports those.
pub const CATEGORIES: &[(&str, &str, u32)] = &[
    ("schema", "Schema", 2),
    ("validation", "Validation", 3),
    ("reliability", "Reliability", 4),
    ("scale", "Scale", 5),
    ("resources", "Resources", 6),
    ("security", "Security", 7),
];

/// Everything the templates are filled with.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRule {
    /// `missing-image`
    pub name: String,
    /// `missing_image`
    pub module: String,
    /// `MissingImage`
    pub type_name: String,
    /// `validation`
    pub category: String,
    /// `Validation`
    pub variant: String,
    /// `AL333`
    pub code: String,
}

impl NewRule {
    /// Checks the name and category, and picks the next free code of the category given the
    /// codes already in use.
    pub fn new(category: &str, name: &str, used_codes: &[u32]) -> Result<NewRule, String> {
        let Some(&(folder, variant, hundred)) = CATEGORIES.iter().find(|(f, ..)| *f == category)
        else {
            let known: Vec<&str> = CATEGORIES.iter().map(|(f, ..)| *f).collect();
            return Err(format!(
                "`{category}` is not a rule category; use one of {}",
                known.join(", ")
            ));
        };
        let kebab = !name.is_empty()
            && name.split('-').all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
            && name.as_bytes()[0].is_ascii_lowercase();
        if !kebab {
            return Err(format!(
                "`{name}` is not a kebab-case rule name (like `missing-image`)"
            ));
        }
        let base = hundred * 100;
        let last = used_codes
            .iter()
            .copied()
            .filter(|c| (base..base + 100).contains(c))
            .max()
            .unwrap_or(base);
        if last + 1 >= base + 100 {
            return Err(format!("no free code left in AL{hundred}xx"));
        }
        Ok(NewRule {
            name: name.to_string(),
            module: name.replace('-', "_"),
            type_name: name
                .split('-')
                .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
                .collect(),
            category: folder.to_string(),
            variant: variant.to_string(),
            code: format!("AL{}", last + 1),
        })
    }

    /// A template with its placeholders filled in.
    pub fn render(&self, template: &str) -> String {
        template
            .replace("__RULE_NAME__", &self.name)
            .replace("__RULE_MODULE__", &self.module)
            .replace("__RULE_STRUCT__", &self.type_name)
            .replace("__RULE_CATEGORY__", &self.variant)
            .replace("__CATEGORY_MODULE__", &self.category)
            .replace("__RULE_CODE__", &self.code)
    }
}

/// Every `ALnnn` code written as `code: "ALnnn"` in the sources.
pub fn used_codes(sources: &[String]) -> Vec<u32> {
    let mut codes = Vec::new();
    for text in sources {
        for (i, _) in text.match_indices("code: \"AL") {
            let digits = &text[i + 9..];
            if let Some(n) = digits.get(..3).and_then(|d| d.parse().ok()) {
                codes.push(n);
            }
        }
    }
    codes
}

fn pub_mod_name(line: &str) -> Option<&str> {
    line.strip_prefix("pub mod ")?.strip_suffix(';')
}

/// `mod_rs` with `pub mod <module>;` added in alphabetical order to its (longest) run of
/// `pub mod` lines: the rule modules.
pub fn add_mod_line(mod_rs: &str, module: &str) -> Result<String, String> {
    let lines: Vec<&str> = mod_rs.lines().collect();
    if lines.iter().any(|l| pub_mod_name(l) == Some(module)) {
        return Err(format!("`pub mod {module};` is already there"));
    }
    // Runs of consecutive `pub mod` lines: (first index, length).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if pub_mod_name(l).is_some() {
            match runs.last_mut() {
                Some((start, len)) if *start + *len == i => *len += 1,
                _ => runs.push((i, 1)),
            }
        }
    }
    let Some(&(start, len)) = runs.iter().max_by_key(|(s, l)| (*l, usize::MAX - s)) else {
        return Err("no `pub mod` lines to add to".into());
    };
    let at = (start..start + len)
        .find(|&i| pub_mod_name(lines[i]).is_some_and(|m| m > module))
        .unwrap_or(start + len);
    let new_line = format!("pub mod {module};");
    let mut out: Vec<&str> = lines[..at].to_vec();
    out.push(&new_line);
    out.extend(&lines[at..]);
    Ok(out.join("\n") + if mod_rs.ends_with('\n') { "\n" } else { "" })
}

/// `rules_mod_rs` with the rule's registry line added to `RULES`: after the last line of
/// the same category, else at the end.
pub fn add_registry_line(rules_mod_rs: &str, rule: &NewRule) -> Result<String, String> {
    let new_line = rule.render(REGISTRY_LINE_TEMPLATE);
    let new_line = new_line.trim_end_matches('\n');
    let lines: Vec<&str> = rules_mod_rs.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_end() == REGISTRY_START)
        .ok_or_else(|| format!("no `{REGISTRY_START}` in src/rules/mod.rs"))?;
    let end = (start..lines.len())
        .find(|&i| lines[i].trim() == REGISTRY_END)
        .ok_or_else(|| format!("`{REGISTRY_START}` is never closed"))?;
    if lines[start..end]
        .iter()
        .any(|l| l.trim() == new_line.trim())
    {
        return Err(format!("`{}` is already registered", new_line.trim()));
    }
    let same_category = format!("rule!({}::", rule.category);
    let at = (start + 1..end)
        .rev()
        .find(|&i| lines[i].trim_start().starts_with(&same_category))
        .map_or(end, |i| i + 1);
    let mut out: Vec<&str> = lines[..at].to_vec();
    out.push(new_line);
    out.extend(&lines[at..]);
    Ok(out.join("\n")
        + if rules_mod_rs.ends_with('\n') {
            "\n"
        } else {
            ""
        })
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if path.exists() {
        return Err(format!("{} exists already", path.display()));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn rust_sources(dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            rust_sources(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(read(&path)?);
        }
    }
    Ok(())
}

/// Scaffolds the rule in the checkout at `root`. Everything is computed before anything is
/// written, so a refusal leaves the tree as it was.
pub fn run(root: &Path, category: &str, name: &str) -> Result<bool, String> {
    let mut sources = Vec::new();
    rust_sources(&root.join("src"), &mut sources)?;
    let rule = NewRule::new(category, name, &used_codes(&sources))?;

    let rules_dir = root.join("src/rules");
    let rule_file = rules_dir
        .join(&rule.category)
        .join(format!("{}.rs", rule.module));
    let category_mod = rules_dir.join(&rule.category).join("mod.rs");
    let registry = rules_dir.join("mod.rs");
    let fixtures = root.join("testdata/rules").join(&rule.name);
    for p in [&rule_file, &fixtures] {
        if p.exists() {
            return Err(format!("{} exists already", p.display()));
        }
    }
    let new_category_mod = add_mod_line(&read(&category_mod)?, &rule.module)?;
    let new_registry = add_registry_line(&read(&registry)?, &rule)?;

    write_new(&rule_file, &rule.render(RULE_TEMPLATE))?;
    write_new(&fixtures.join("bad.yaml"), &rule.render(BAD_TEMPLATE))?;
    write_new(&fixtures.join("good.yaml"), &rule.render(GOOD_TEMPLATE))?;
    std::fs::write(&category_mod, new_category_mod).map_err(|e| e.to_string())?;
    std::fs::write(&registry, new_registry).map_err(|e| e.to_string())?;

    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    println!("{} `{}` ({:?}):", rule.code, rule.name, rule.variant);
    println!("  wrote    {}", rel(&rule_file));
    println!("  wrote    {}", rel(&fixtures.join("bad.yaml")));
    println!("  wrote    {}", rel(&fixtures.join("good.yaml")));
    println!(
        "  added    `pub mod {};` to {}",
        rule.module,
        rel(&category_mod)
    );
    println!("  added    the rule to RULES in {}", rel(&registry));
    println!(
        "next: fill in the TODOs (docs, check, fixtures), then\n  \
         INSTA_UPDATE=always cargo test --test rules {name}   # review the new snapshot\n  \
         cargo xtask generate                             # rules/{name}.md and the index"
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(category: &str, name: &str) -> NewRule {
        NewRule::new(category, name, &[301, 302, 332, 401, 901]).unwrap()
    }

    #[test]
    fn names_and_the_next_free_code() {
        let r = rule("validation", "missing-thing-2");
        assert_eq!(r.module, "missing_thing_2");
        assert_eq!(r.type_name, "MissingThing2");
        assert_eq!(r.variant, "Validation");
        assert_eq!(r.code, "AL333");
        assert_eq!(rule("scale", "too-big").code, "AL501");
        assert_eq!(rule("reliability", "x").code, "AL402");
    }

    #[test]
    fn refuses_bad_names_and_categories() {
        for bad in ["", "Missing", "missing_image", "-x", "x-", "a--b", "9x"] {
            assert!(NewRule::new("validation", bad, &[]).is_err(), "{bad}");
        }
        assert!(NewRule::new("source", "x", &[]).is_err());
        let full: Vec<u32> = (300..400).collect();
        assert!(NewRule::new("validation", "x", &full).is_err());
    }

    #[test]
    fn finds_the_codes_in_use() {
        let src = vec![
            "code: \"AL314\",\n name: \"x\"".to_string(),
            "pub static META: RuleMeta = RuleMeta {\n    code: \"AL901\",".to_string(),
        ];
        assert_eq!(used_codes(&src), vec![314, 901]);
    }

    #[test]
    fn the_rule_file_fills_every_placeholder_and_has_the_contract() {
        let r = rule("security", "plain-http");
        let text = r.render(RULE_TEMPLATE);
        assert!(!text.contains("__"), "{text}");
        for part in [
            "pub static META: RuleMeta = RuleMeta {",
            "code: \"AL701\"",
            "name: \"plain-http\"",
            "category: Category::Security",
            "pub fn check(cx: &mut Context<'_>) {",
            "cx.diag(",
            "## What it does",
            "## Why is this bad",
            "## Example",
            "## How to fix",
        ] {
            assert!(text.contains(part), "missing {part:?}");
        }
        for t in [BAD_TEMPLATE, GOOD_TEMPLATE] {
            let y = r.render(t);
            assert!(!y.contains("__") && y.contains("kind: Workflow"), "{y}");
        }
    }

    /// The template is written against today's contract: everything it imports and
    /// implements exists in `src/rules/mod.rs` and `src/diagnostic.rs`. When the contract
    /// changes this fails, pointing at `xtask/templates/`.
    #[test]
    fn the_template_matches_the_rule_contract_of_the_sources() {
        let root = crate::root();
        let rules_mod = read(&root.join("src/rules/mod.rs")).unwrap();
        let diagnostic = read(&root.join("src/diagnostic.rs")).unwrap();
        let model = read(&root.join("src/model/mod.rs")).unwrap();
        for (what, haystack) in [
            ("pub struct Rule {", &rules_mod),
            ("pub check: fn(&mut Context<'_>),", &rules_mod),
            ("macro_rules! rule", &rules_mod),
            ("pub fn workflow_spec(&self)", &rules_mod),
            (
                "pub fn diag(&self, span: Span, message: impl Into<String>) -> Diagnostic",
                &rules_mod,
            ),
            (
                "pub fn report(&mut self, diagnostic: Diagnostic)",
                &rules_mod,
            ),
            (REGISTRY_START, &rules_mod),
            ("pub fn with_help(", &diagnostic),
            ("pub fn name_span(&self) -> Span", &model),
        ] {
            assert!(
                haystack.contains(what),
                "the rule contract changed (`{what}` is gone): update xtask/templates/ and \
                 the anchors of xtask/src/new_rule.rs"
            );
        }
        let meta_fields = [
            "code", "name", "category", "severity", "fields", "summary", "docs",
        ];
        let rule_rs = read(&root.join("src/rule.rs")).unwrap();
        for f in meta_fields {
            assert!(
                rule_rs.contains(&format!("pub {f}: ")),
                "RuleMeta has no `{f}`"
            );
        }
    }

    #[test]
    fn the_template_is_the_shape_of_an_existing_rule() {
        // Every `use` of the template is one that a rule of the sources makes too.
        let root = crate::root();
        let existing = read(&root.join("src/rules/validation/missing_image.rs")).unwrap();
        for line in RULE_TEMPLATE.lines().filter(|l| l.starts_with("use ")) {
            let path = line.trim_end_matches(';').trim_start_matches("use ");
            let (module, names) = path.split_once("::{").unwrap_or((path, ""));
            for name in names
                .trim_end_matches('}')
                .split(", ")
                .filter(|n| !n.is_empty())
            {
                assert!(
                    existing.contains(module) && existing.contains(name),
                    "template imports {module}::{name}, which missing_image.rs does not use"
                );
            }
        }
    }

    const CATEGORY_MOD: &str = "//! Docs.\n\npub mod callee;\npub mod scope;\n\npub mod crd_limit;\npub mod dag_cycle;\npub mod missing_image;\n\nuse crate::x;\n";

    #[test]
    fn mod_line_goes_in_order_among_the_rule_modules() {
        let out = add_mod_line(CATEGORY_MOD, "invalid_thing").unwrap();
        assert!(out.contains("pub mod dag_cycle;\npub mod invalid_thing;\npub mod missing_image;"));
        let first = add_mod_line(CATEGORY_MOD, "aaa").unwrap();
        assert!(
            first.contains("\n\npub mod aaa;\npub mod crd_limit;"),
            "{first}"
        );
        let last = add_mod_line(CATEGORY_MOD, "zzz").unwrap();
        assert!(
            last.contains("pub mod missing_image;\npub mod zzz;\n\nuse"),
            "{last}"
        );
        assert!(add_mod_line(CATEGORY_MOD, "dag_cycle").is_err());
        assert_eq!(out.lines().count(), CATEGORY_MOD.lines().count() + 1);
    }

    const REGISTRY: &str = "pub struct Rule;\n\npub static RULES: &[Rule] = &[\n    rule!(schema::removed_field),\n    // Semantic validation (AL3xx).\n    rule!(validation::undefined_template),\n    rule!(validation::crd_limit),\n    rule!(reliability::unbounded_retries),\n];\n\npub fn all() {}\n";

    #[test]
    fn registry_line_goes_after_its_category() {
        let r = rule("validation", "new-check");
        let out = add_registry_line(REGISTRY, &r).unwrap();
        assert!(out.contains(
            "    rule!(validation::crd_limit),\n    rule!(validation::new_check),\n    rule!(reliability::"
        ), "{out}");
        let s = add_registry_line(REGISTRY, &rule("security", "plain-http")).unwrap();
        assert!(
            s.contains(
                "rule!(reliability::unbounded_retries),\n    rule!(security::plain_http),\n];"
            ),
            "{s}"
        );
        assert!(add_registry_line(&out, &r).is_err(), "registered twice");
        assert!(add_registry_line("fn main() {}", &r).is_err());
    }

    #[test]
    fn scaffolds_into_a_copy_of_the_rule_folders() {
        let root = crate::root();
        let tmp = std::env::temp_dir().join(format!("argolint-xtask-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        for rel in ["src/rules/mod.rs", "src/rules/scale/mod.rs"] {
            let to = tmp.join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(root.join(rel), to).unwrap();
        }
        std::fs::create_dir_all(tmp.join("testdata/rules")).unwrap();
        run(&tmp, "scale", "too-many-pods").unwrap();
        let file = read(&tmp.join("src/rules/scale/too_many_pods.rs")).unwrap();
        assert!(file.contains("name: \"too-many-pods\""));
        assert!(
            read(&tmp.join("src/rules/scale/mod.rs"))
                .unwrap()
                .contains("pub mod too_many_pods;")
        );
        assert!(
            read(&tmp.join("src/rules/mod.rs"))
                .unwrap()
                .contains("rule!(scale::too_many_pods),")
        );
        assert!(tmp.join("testdata/rules/too-many-pods/bad.yaml").is_file());
        assert!(
            run(&tmp, "scale", "too-many-pods").is_err(),
            "refuses to overwrite"
        );
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
