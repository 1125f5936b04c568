//! "Did you mean": the closest candidate by edit distance, if close enough.

/// The candidate nearest to `word`, when the distance is small for its length.
///
/// The distance is Damerau-Levenshtein in its restricted form (optimal string alignment),
/// ASCII case ignored, computed only within the band of edits that could still qualify, so
/// a long word against many candidates costs a few cells per character, not its length
/// squared.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let w: Vec<char> = word.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut best: Option<(usize, &'a str)> = None;
    let mut c: Vec<char> = Vec::new();
    for &cand in candidates {
        let limit = (cand.len().max(word.len()) / 3).clamp(1, 4);
        let limit = best.map_or(limit, |(d, _)| limit.min(d.saturating_sub(1)));
        c.clear();
        c.extend(cand.chars().map(|ch| ch.to_ascii_lowercase()));
        let Some(d) = distance_within(&w, &c, limit) else {
            continue;
        };
        if d == 0 && cand == word {
            continue;
        }
        if best.is_none_or(|(b, _)| d < b) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// The nearest candidate, and whether it is the only one that near (a fix may replace the
/// word with it without a human choosing).
pub fn did_you_mean_unique<'a>(word: &str, candidates: &[&'a str]) -> Option<(&'a str, bool)> {
    let best = did_you_mean(word, candidates)?;
    let lower = |s: &str| -> Vec<char> { s.chars().map(|c| c.to_ascii_lowercase()).collect() };
    let w = lower(word);
    let d = distance_within(&w, &lower(best), usize::MAX / 4)?;
    let ties = candidates
        .iter()
        .filter(|c| **c != word && distance_within(&w, &lower(c), d).is_some())
        .count();
    Some((best, ties == 1))
}

/// The optimal-string-alignment distance of `a` and `b` if it is at most `k`.
fn distance_within(a: &[char], b: &[char], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    const FAR: usize = usize::MAX / 2;
    let n = b.len();
    // Rows i-2, i-1 and i of the table; cells outside the band stay FAR.
    let mut two = vec![FAR; n + 1];
    let mut one: Vec<usize> = (0..=n).map(|j| if j <= k { j } else { FAR }).collect();
    let mut cur = vec![FAR; n + 1];
    for i in 1..=a.len() {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(n);
        cur.iter_mut().for_each(|x| *x = FAR);
        cur[0] = if i <= k { i } else { FAR };
        let mut row_min = cur[0];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (one[j - 1] + cost).min(one[j] + 1).min(cur[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(two[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k {
            return None;
        }
        std::mem::swap(&mut two, &mut one);
        std::mem::swap(&mut one, &mut cur);
    }
    Some(one[n]).filter(|&d| d <= k)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_names_only() {
        let c = ["retryStrategy", "templates", "entrypoint"];
        assert_eq!(did_you_mean("retryStratgy", &c), Some("retryStrategy"));
        assert_eq!(did_you_mean("entryPoint", &c), Some("entrypoint"));
        assert_eq!(did_you_mean("tmpl", &c), None);
        assert_eq!(did_you_mean("xyz", &c), None);
        let c = ["retryStrategy", "steps", "dag"];
        assert_eq!(did_you_mean("RetryStrategy", &c), Some("retryStrategy"));
        assert_eq!(did_you_mean("stpes", &c), Some("steps"));
        assert_eq!(did_you_mean("banana", &c), None);
    }

    #[test]
    fn distance_matches_a_full_table() {
        // The banded computation against the plain full-table one, on many pairs.
        fn full(a: &[char], b: &[char]) -> usize {
            let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
            for (i, row) in d.iter_mut().enumerate() {
                row[0] = i;
            }
            for (j, cell) in d[0].iter_mut().enumerate() {
                *cell = j;
            }
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    let mut v = (d[i - 1][j - 1] + cost)
                        .min(d[i - 1][j] + 1)
                        .min(d[i][j - 1] + 1);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        v = v.min(d[i - 2][j - 2] + 1);
                    }
                    d[i][j] = v;
                }
            }
            d[a.len()][b.len()]
        }
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "retry",
            "retyr",
            "rety",
            "retries",
            "template",
            "tempalte",
            "templates",
            "steps",
            "stpes",
            "dag",
            "gad",
            "inputs.parameters.x",
            "inputs.parameter.x",
            "outputs.parameters.x",
            "CA",
            "ABC",
        ];
        for a in words {
            for b in words {
                let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let d = full(&a, &b);
                for k in 0..6 {
                    let want = (d <= k).then_some(d);
                    assert_eq!(super::distance_within(&a, &b, k), want, "{a:?} {b:?} {k}");
                }
            }
        }
    }
}
