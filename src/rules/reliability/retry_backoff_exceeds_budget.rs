//! `retry-backoff-exceeds-budget`: the backoff waits alone outlast `maxDuration` or the
//! workflow's `activeDeadlineSeconds`, so the last retries can never run.

use crate::diagnostic::Severity;
use crate::model::values::{format_seconds, parse_duration};
use crate::rules::helpers::{literal_u64, templated};
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL404",
    name: "retry-backoff-exceeds-budget",
    category: Category::Reliability,
    severity: Severity::Warning,
    fields: &[
        "Backoff.duration",
        "Backoff.factor",
        "Backoff.cap",
        "Backoff.maxDuration",
        "RetryStrategy.limit",
        "WorkflowSpec.activeDeadlineSeconds",
    ],
    summary: "The retry backoff schedule cannot fit in `maxDuration` or the workflow's `activeDeadlineSeconds`: some retries can never run.",
    docs: r#"
## What it does
Plays out a `retryStrategy`'s backoff schedule: the wait before retry *k* is
`duration × factor^(k−1)`, capped by `cap` (v3.7+). Even if every attempt failed instantly, retry
*k* cannot start before the sum of the first *k* waits. When that sum passes the retry
budget (`backoff.maxDuration`, or the workflow's `activeDeadlineSeconds` when no
`maxDuration` is set), the rule names the retries that can never run.

Pods that have both a `maxDuration` and an `activeDeadlineSeconds` of their own (on the
template or in `templateDefaults`) are left to `retry-max-duration-overrides-deadline`
(AL401), which plays out the full timeline with the attempts' run time.

## Why is this bad
Exponential backoff grows fast: with `duration: 1m` and `factor: 2`, retry 6 waits 32
minutes and starts more than an hour after the first failure. The controller refuses a
retry whose backoff would end after `maxDuration` ("Max duration limit exceeded"), and the
workflow deadline ends everything. The `limit` you wrote promises retries that cannot
happen, and the step fails with retries "left" that only make the configuration misleading.

## Example
```yaml
retryStrategy:
  limit: 10
  backoff:
    duration: 1m
    factor: 2
    maxDuration: 30m
```

## How to fix
Make the schedule fit the budget: add a `cap` on the wait (`cap: 5m`; Argo Workflows
v3.7 and later), lower `factor` or `duration`, lower `limit` to the retries that fit, or
raise the budget. For an older target the message leaves `cap` out.
"#,
};

/// The waits before retries 1..=limit.
fn waits(limit: u64, duration: f64, factor: f64, cap: Option<f64>) -> Vec<f64> {
    let mut out = Vec::new();
    let mut w = duration;
    for _ in 0..limit.min(1000) {
        out.push(cap.map_or(w, |c| w.min(c)));
        w *= factor;
        if !w.is_finite() {
            w = f64::MAX;
        }
    }
    out
}

fn duration_of(node: Option<&Node>) -> Result<Option<f64>, ()> {
    match node.and_then(Node::as_str) {
        None => Ok(None),
        Some(s) if templated(s) => Err(()),
        Some(s) => parse_duration(s).map(Some).ok_or(()),
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let defaults = spec.template_defaults();
    let workflow_ads = spec.active_deadline_seconds();
    // `backoff.cap` exists from Argo Workflows v3.7: never advise it to an older target.
    let cap_known =
        crate::api::lookup_field_in("Backoff", "cap", cx.settings.argo_version).is_some();
    for site in super::retry_sites(&spec) {
        let retry = &site.entry.value;
        let Some(backoff) = retry.get("backoff") else {
            continue;
        };
        let Some(limit_node) = retry.get("limit") else {
            continue;
        };
        let Some(limit) = literal_u64(limit_node) else {
            continue;
        };
        if super::never_retries(retry) {
            continue;
        }
        let (Ok(Some(duration)), Ok(cap), Ok(max)) = (
            duration_of(backoff.get("duration")),
            duration_of(backoff.get("cap")),
            duration_of(backoff.get("maxDuration")),
        ) else {
            continue;
        };
        let factor = match backoff.get("factor").and_then(Node::as_str) {
            None => 1.0,
            Some(f) => match f.trim().parse::<f64>() {
                Ok(f) if f > 0.0 => f,
                _ => continue,
            },
        };
        if duration <= 0.0 || limit == 0 {
            continue;
        }
        let ads = workflow_ads.and_then(literal_u64).map(|s| s as f64);
        // Pods with their own deadline and a maxDuration: AL401 plays out that timeline.
        let own_deadline = |t: &crate::model::Template<'_>| {
            t.active_deadline_seconds().is_some()
                || defaults.is_some_and(|d| d.active_deadline_seconds().is_some())
        };
        if max.is_some() {
            let covered = match &site.template {
                Some(t) => t.runs_pod() && own_deadline(t),
                None => spec.templates().any(|t| t.runs_pod() && own_deadline(&t)),
            };
            if covered {
                continue;
            }
        }
        let (budget, budget_node, what) = match (max, ads) {
            (Some(m), Some(a)) if m > a => continue, // AL401 reports maxDuration past the workflow deadline
            (Some(m), _) => (m, backoff.get("maxDuration"), "`maxDuration`"),
            (None, Some(a)) => (a, workflow_ads, "the workflow's `activeDeadlineSeconds`"),
            (None, None) => continue,
        };
        let ws = waits(limit, duration, factor, cap);
        let mut elapsed = 0.0;
        let mut first_lost = None;
        for (i, w) in ws.iter().enumerate() {
            elapsed += w;
            if elapsed > budget {
                first_lost = Some((i as u64 + 1, elapsed));
                break;
            }
        }
        let Some((k, at)) = first_lost else { continue };
        let lost = if k == limit {
            format!("retry {k}")
        } else {
            format!("retries {k}–{limit}")
        };
        let shown: Vec<String> = ws
            .iter()
            .take(k as usize)
            .map(|w| format_seconds(*w))
            .collect();
        let mut d = cx.diag(limit_node.span,
            format!(
                "{} promises {limit} retries, but {lost} can never run: the backoff waits alone ({}) add up to {} before retry {k}, past {what} ({})",
                site.owner,
                shown.join(" + "),
                format_seconds(at),
                format_seconds(budget)
            ),
        )
        .with_help(format!(
            "{} fit; {}lower `factor` or `duration`, lower `limit` to {}, or raise {what}",
            if k == 1 {
                "no retry can".to_string()
            } else {
                format!("only {} retries", k - 1)
            },
            if cap_known {
                "add or lower `cap`, "
            } else {
                ""
            },
            k - 1
        ));
        if let Some(n) = budget_node {
            d = d.with_label(n.span, "the retry budget");
        }
        cx.report(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_are_capped() {
        assert_eq!(
            waits(5, 60.0, 2.0, None),
            vec![60.0, 120.0, 240.0, 480.0, 960.0]
        );
        assert_eq!(
            waits(4, 10.0, 3.0, Some(60.0)),
            vec![10.0, 30.0, 60.0, 60.0]
        );
        assert_eq!(waits(3, 5.0, 1.0, None), vec![5.0, 5.0, 5.0]);
    }
}
