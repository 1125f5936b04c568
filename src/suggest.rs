//! "Did you mean": the closest candidate by edit distance, if close enough.

/// The candidate nearest to `word`, when the distance is small for its length.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&lower, &c.to_ascii_lowercase()),
                *c,
            )
        })
        .filter(|(d, c)| *d > 0 || c != &word)
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).clamp(1, 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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
}
