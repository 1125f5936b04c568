//! Damaged versions of the upstream examples (cut short, lines dropped or duplicated,
//! indentation shifted, characters replaced) are linted without a panic, and every rule and
//! the schema mapping cope with whatever shape results.

use crate::common;

use argolint::engine::lint_source;
use argolint::settings::Settings;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn damage(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return String::new();
    }
    for _ in 0..3 {
        let i = rng.below(lines.len());
        match rng.below(6) {
            0 => lines.truncate(i.max(1)),
            1 => {
                lines.remove(i);
                if lines.is_empty() {
                    lines.push(String::new());
                }
            }
            2 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            3 => lines[i] = format!("  {}", lines[i]),
            4 => lines[i] = lines[i].trim_start().to_string(),
            _ => {
                let chars: Vec<char> = lines[i].chars().collect();
                if !chars.is_empty() {
                    let at = rng.below(chars.len());
                    let with = [':', '-', '[', '{', '"', '1', ' ', '&', '*'][rng.below(9)];
                    let mut c = chars;
                    c[at] = with;
                    lines[i] = c.into_iter().collect();
                }
            }
        }
    }
    lines.join("\n")
}

#[test]
fn damaged_examples_never_panic() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let (mut files, _) = argolint::engine::discover(&[corpus]);
    files.sort();
    let settings = Settings::default();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut linted = 0;
    let mut findings = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for _ in 0..10 {
            let bad = damage(&text, &mut rng);
            let report = lint_source(path.to_str().unwrap(), &bad, &settings);
            linted += 1;
            findings += report.diagnostics.len();
        }
    }
    eprintln!("{linted} damaged examples linted, {findings} findings, no panic");
    assert!(linted >= 10 * 200);
}
