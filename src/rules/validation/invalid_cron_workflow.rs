//! `invalid-cron-workflow`: CronWorkflow schedules, time zone, concurrency policy and
//! starting deadline that Argo rejects.

use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::key_span;

pub static META: RuleMeta = RuleMeta {
    code: "AL320",
    name: "invalid-cron-workflow",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A CronWorkflow without schedules, with a schedule that is not a 5-field cron expression, an unknown time zone, an unknown `concurrencyPolicy` or a negative `startingDeadlineSeconds`.",
    docs: r#"
## What it does
For CronWorkflows:

- `spec.schedules` (or the older `schedule`) has at least one entry;
- each schedule is a standard cron expression: five fields (minute, hour, day of month,
  month, day of week) of numbers, names (`JAN`, `MON`), ranges, lists and steps within
  range, or `@hourly`/`@daily`/`@weekly`/`@monthly`/`@yearly`/`@annually`/`@midnight`, or
  `@every <duration>`, optionally prefixed by `CRON_TZ=<zone>`;
- `timezone` is an IANA time zone name (`Europe/Paris`, not `CEST`);
- `concurrencyPolicy` is `Allow`, `Forbid` or `Replace`;
- `startingDeadlineSeconds` is not negative.

## Why is this bad
Argo rejects the CronWorkflow ("cron schedule 0 0 * * * * is malformed: expected exactly
5 fields, found 6"). A six-field (with seconds) expression copied from another scheduler
is the usual cause.

## Example
```yaml
spec:
  schedules: ["0 0 * * * *"]
  timezone: Not/A_Zone
```

## How to fix
Drop the seconds field; use a zone name from the tz database.
"#,
};

static ZONES: &str = include_str!("timezones.txt");

fn known_zone(z: &str) -> bool {
    ZONES.lines().skip(1).any(|l| l == z)
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    if cx.manifest.kind != Kind::CronWorkflow {
        return;
    }
    let Some(spec) = cx.manifest.spec() else {
        return;
    };
    let mut schedules: Vec<&Node> = spec.seq("schedules").iter().collect();
    if let Some(s) = spec.get("schedule") {
        schedules.push(s);
    }
    if schedules.is_empty() {
        let at = key_span(spec, "schedules")
            .or_else(|| cx.manifest.root.entry("spec").map(|e| e.key.span))
            .unwrap_or(spec.span);
        cx.report(
            cx.diag(at, "CronWorkflow has no schedule")
                .with_help("add `schedules: [\"0 * * * *\"]`")
                // The full CRDs require a schedule; without them it is accepted and
                // never runs.
                .with_severity(if cx.settings.full_crds() {
                    Severity::Error
                } else {
                    Severity::Warning
                }),
        );
    }
    for s in schedules {
        let Some(text) = s.as_str() else { continue };
        if let Err(e) = parse_schedule(text) {
            cx.report(
                cx.diag(s.span, format!("cron schedule `{text}` is malformed: {e}"))
                    .with_help("use five fields: minute hour day-of-month month day-of-week, e.g. `0 3 * * MON-FRI`"),
            );
        }
    }
    if let Some(tz) = spec.get("timezone")
        && let Some(z) = tz.as_str()
        && !z.is_empty()
        && !known_zone(z)
    {
        let names: Vec<&str> = ZONES.lines().skip(1).collect();
        let mut d = cx.diag(tz.span, format!("`{z}` is not a time zone name"));
        d = match crate::suggest::did_you_mean(z, &names) {
            Some(s) => d
                .with_help(format!("did you mean `{s}`?"))
                .with_fix(super::replace_fix(tz, z, s)),
            None => d.with_help("use an IANA name such as `Europe/Paris` or `America/New_York`"),
        };
        cx.report(d);
    }
    if let Some(p) = spec.get("concurrencyPolicy")
        && let Some(v) = p.as_str()
        && !["Allow", "Forbid", "Replace", ""].contains(&v)
    {
        let mut d = cx
            .diag(p.span, format!("`{v}` is not a concurrencyPolicy"))
            .with_help("use `Allow`, `Forbid` or `Replace`");
        if let Some(s) = ["Allow", "Forbid", "Replace"]
            .iter()
            .find(|o| o.eq_ignore_ascii_case(v))
        {
            d = d
                .with_help(format!("did you mean `{s}`?"))
                .with_fix(super::replace_fix(p, v, s));
        }
        cx.report(d);
    }
    if let Some(v) = spec.get("startingDeadlineSeconds")
        && let Some(i) = v.as_i64()
        && i < 0
    {
        cx.report(
            cx.diag(v.span, "`startingDeadlineSeconds` must not be negative")
                .with_help("use 0 or more seconds"),
        );
    }
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Checks a schedule the way Argo's cron library (standard 5-field parser) reads it.
pub fn parse_schedule(s: &str) -> Result<(), String> {
    let mut s = s.trim();
    for prefix in ["CRON_TZ=", "TZ="] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let (zone, rest) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            if !known_zone(zone) {
                return Err(format!("unknown time zone `{zone}`"));
            }
            s = rest.trim();
        }
    }
    if let Some(d) = s.strip_prefix('@') {
        if let Some(dur) = d.strip_prefix("every") {
            let dur = dur.trim();
            return if crate::model::values::parse_duration(dur).is_some()
                && !dur.bytes().all(|b| b.is_ascii_digit())
            {
                Ok(())
            } else {
                Err(format!("`{dur}` is not a duration (e.g. `@every 1h30m`)"))
            };
        }
        return match d {
            "yearly" | "annually" | "monthly" | "weekly" | "daily" | "midnight" | "hourly" => {
                Ok(())
            }
            _ => Err(format!("unrecognized descriptor `@{d}`")),
        };
    }
    let fields: Vec<&str> = s.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!("expected exactly 5 fields, found {}", fields.len()));
    }
    let specs: [(&str, u32, u32, &[&str]); 5] = [
        ("minute", 0, 59, &[]),
        ("hour", 0, 23, &[]),
        ("day of month", 1, 31, &[]),
        ("month", 1, 12, &MONTHS),
        ("day of week", 0, 6, &DAYS),
    ];
    for (f, (what, lo, hi, names)) in fields.iter().zip(specs) {
        field(
            f,
            lo,
            hi,
            names,
            what == "day of month" || what == "day of week",
        )
        .map_err(|e| format!("{what} `{f}`: {e}"))?;
    }
    Ok(())
}

fn field(f: &str, lo: u32, hi: u32, names: &[&str], question: bool) -> Result<(), String> {
    for part in f.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, st)) => (r, Some(st)),
            None => (part, None),
        };
        if let Some(st) = step {
            match st.parse::<u32>() {
                Ok(n) if n > 0 => {}
                _ => return Err(format!("step `{st}` is not a positive number")),
            }
        }
        if range == "*" || (question && range == "?") {
            continue;
        }
        let value = |v: &str| -> Result<u32, String> {
            if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(v)) {
                return Ok(i as u32 + lo);
            }
            let n: u32 = v.parse().map_err(|_| format!("`{v}` is not a number"))?;
            if n < lo || n > hi {
                return Err(format!("{n} is outside {lo}–{hi}"));
            }
            Ok(n)
        };
        match range.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (value(a)?, value(b)?);
                if a > b {
                    return Err(format!("range {a}–{b} runs backwards"));
                }
            }
            None => {
                value(range)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_schedule;

    #[test]
    fn accepts_what_standard_cron_accepts() {
        for s in [
            "0 * * * *",
            "*/5 1-3 * JAN-MAR MON,FRI",
            "@daily",
            "@every 1h30m",
            "CRON_TZ=Europe/Paris 0 3 * * ?",
            "0 0 1,15 * 0",
        ] {
            assert!(parse_schedule(s).is_ok(), "{s}: {:?}", parse_schedule(s));
        }
    }

    #[test]
    fn rejects_what_it_does_not() {
        for s in [
            "0 0 * * * *",
            "60 * * * *",
            "* * * 13 *",
            "@sometimes",
            "@every soon",
            "5-1 * * * *",
            "*/0 * * * *",
            "CRON_TZ=Mars/Olympus 0 * * * *",
        ] {
            assert!(parse_schedule(s).is_err(), "{s}");
        }
    }
}
