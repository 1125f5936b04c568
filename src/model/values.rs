//! Argo and Kubernetes value grammars: durations and resource quantities.

/// Parses an Argo duration: integer seconds (`"30"`) or a Go duration (`"1m30s"`, `"1.5h"`).
/// Returns seconds. Negative durations are rejected.
pub fn parse_duration(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(secs) = s.parse::<i64>() {
        return (secs >= 0).then_some(secs as f64);
    }
    parse_go_duration(s)
}

/// Go's `time.ParseDuration` grammar: `[+]?(number unit)+`, units ns us µs μs ms s m h;
/// a bare `0` is valid.
pub fn parse_go_duration(s: &str) -> Option<f64> {
    let s = s.strip_prefix('+').unwrap_or(s);
    if s == "0" {
        return Some(0.0);
    }
    if s.is_empty() || s.starts_with('-') {
        return None;
    }
    let mut total = 0.0;
    let mut rest = s;
    while !rest.is_empty() {
        let num_len = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
            .map_or(rest.len(), |(i, _)| i);
        let num = &rest[..num_len];
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return None;
        }
        let value: f64 = num.parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || *c == '.')
            .map_or(rest.len(), |(i, _)| i);
        let scale = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        total += value * scale;
        rest = &rest[unit_len..];
    }
    Some(total)
}

/// A Kubernetes resource quantity (`500m`, `1Gi`, `1e3`, `0.5`) as a plain number
/// (cores for cpu, bytes for memory).
pub fn parse_quantity(s: &str) -> Option<f64> {
    let s = s.trim();
    let split = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | '+' | '-')))
        .map_or(s.len(), |(i, _)| i);
    let (num, suffix) = s.split_at(split);
    let value: f64 = num.parse().ok()?;
    let factor = match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        e if e.starts_with(['e', 'E']) => 10f64.powi(e[1..].parse::<i32>().ok()?),
        _ => return None,
    };
    Some(value * factor)
}

/// Seconds as a short human string: `45s`, `2m30s`, `1h`, `1.5s`.
pub fn format_seconds(secs: f64) -> String {
    if secs.fract() != 0.0 && secs < 60.0 {
        return format!("{}s", (secs * 1000.0).round() / 1000.0);
    }
    let total = secs.round() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30"), Some(30.0));
        assert_eq!(parse_duration("1m30s"), Some(90.0));
        assert_eq!(parse_duration("1.5h"), Some(5400.0));
        assert_eq!(parse_duration("250ms"), Some(0.25));
        assert_eq!(parse_duration("0"), Some(0.0));
        for bad in ["", "1d", "m", "1.2.3s", "-5s", "5 s", "1m30", "ten"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn quantities() {
        assert_eq!(parse_quantity("500m"), Some(0.5));
        assert_eq!(parse_quantity("1Gi"), Some(1073741824.0));
        assert_eq!(parse_quantity("1000M"), Some(1e9));
        assert!(parse_quantity("1Gi").unwrap() > parse_quantity("1000M").unwrap());
        assert_eq!(parse_quantity("1e3"), Some(1000.0));
        assert_eq!(parse_quantity("2"), Some(2.0));
        assert_eq!(parse_quantity("1Gb"), None);
        assert_eq!(parse_quantity(""), None);
    }

    #[test]
    fn formats_seconds() {
        assert_eq!(format_seconds(45.0), "45s");
        assert_eq!(format_seconds(150.0), "2m30s");
        assert_eq!(format_seconds(3600.0), "1h");
        assert_eq!(format_seconds(0.0), "0s");
        assert_eq!(format_seconds(1.5), "1.5s");
    }
}
