//! `retry-max-duration-overrides-deadline`: `backoff.maxDuration` silently re-deadlines the pods
//! of every retry.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Template;
use crate::model::values::{format_seconds, parse_duration};
use crate::rules::helpers::templated;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, Span};

pub static META: RuleMeta = RuleMeta {
    code: "AL401",
    name: "retry-max-duration-overrides-deadline",
    category: Category::Reliability,
    severity: Severity::Warning,
    fields: &[
        "Backoff.maxDuration",
        "Template.activeDeadlineSeconds",
        "WorkflowSpec.activeDeadlineSeconds",
    ],
    summary: "`retryStrategy.backoff.maxDuration` cuts short or cancels retries that `activeDeadlineSeconds` was meant to bound.",
    docs: r#"
## What it does
Finds pods that are retried with a `backoff.maxDuration` and also have a deadline: an
`activeDeadlineSeconds` on the template itself, inherited from `spec.templateDefaults`, or
the workflow's own `spec.activeDeadlineSeconds`. The retry strategy may be the template's,
`templateDefaults`' or the workflow-wide `spec.retryStrategy`.

- With a per-pod deadline (template or `templateDefaults`), it plays out the retry timeline
  for the configured `limit`, `duration`, `factor` and `cap` (v3.7+), assuming each attempt runs
  until its deadline, and reports the retries that get a shorter deadline than you wrote or
  never start.
- With only the workflow's deadline, `maxDuration` (when it is shorter) becomes the deadline
  of every retry, and the rule says so, with the timeline the backoff gives.
- A `maxDuration` longer than the workflow's deadline is reported too: it promises a retry
  window the workflow never gives.

Retry strategies that never retry (`limit: 0`, `expression: "false"`) are skipped.

## Why is this bad
`maxDuration` is easy to read as "the longest a backoff may wait". It is not: it is a
deadline measured from the **start of the first attempt**, and the controller enforces it on
the pods themselves. Every retried pod gets the deadline *first start + maxDuration* (or the
workflow's deadline, when that is earlier) in place of the one it would have had, and a
retry whose backoff would end after it is abandoned ("Backoff would exceed max duration
limit"; once the window has passed, "Max duration limit exceeded").

The common case: a workflow with a generous `activeDeadlineSeconds: 10800` and a step that
usually runs 20 minutes, retried with `maxDuration: 30m` to "keep the backoff short". The
first attempt fails after 25 minutes; the retry starts and is killed 5 minutes later with
exit code 143 ("Step exceeded its deadline"), although the workflow had hours left. Without
`maxDuration` the retry would have run with the workflow's deadline.

With a per-pod deadline the same happens: with `activeDeadlineSeconds: 300` and
`maxDuration: 10m`, the second retry is killed after whatever is left of the ten minutes,
and a third never runs at all, though `limit: 5` promised it. Pod scheduling and image
pulls also count against `maxDuration`.

## Example
```yaml
spec:
  activeDeadlineSeconds: 10800     # 3h for the whole workflow
  templates:
    - name: train
      retryStrategy:
        limit: 3
        backoff:
          duration: 1m
          maxDuration: 30m         # every retry must end 30m after attempt 0 began
      container:
        image: ghcr.io/example/train:1.4.2
```

## How to fix
Decide which bound you want. To bound each attempt, keep the deadline, drop `maxDuration`
and bound the retries with `limit` (and, from Argo Workflows v3.7, `cap` the backoff). To
bound the whole retry window, keep `maxDuration` and size it for every attempt: at least
(limit + 1) × the longest run plus all the backoff waits; the message gives the number when
the run time is known (a per-pod `activeDeadlineSeconds`).
"#,
};

/// Where a setting comes from, from most to least specific.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Origin {
    Template,
    TemplateDefaults,
    Workflow,
}

impl Origin {
    fn describe(self, field: &str) -> String {
        match self {
            Origin::Template => format!("`{field}` of this template"),
            Origin::TemplateDefaults => format!("`spec.templateDefaults.{field}`"),
            Origin::Workflow => format!("the workflow's `spec.{field}`"),
        }
    }
}

struct Backoff {
    limit: Option<u32>,
    duration: f64,
    factor: Option<f64>,
    cap: Option<f64>,
}

impl Backoff {
    /// The wait after the `n`-th failed attempt (n ≥ 1): duration × factor^(n−1), capped.
    fn wait_after(&self, n: u32) -> f64 {
        let mut w = match self.factor {
            Some(f) if f > 0.0 => self.duration * f.powi(n.saturating_sub(1) as i32),
            _ => self.duration,
        };
        if let Some(cap) = self.cap {
            w = w.min(cap);
        }
        w
    }
}

#[derive(Debug)]
struct Attempt {
    start: f64,
    deadline: f64,
}

/// Plays out the retries: each attempt runs until its deadline, then waits for its backoff.
/// Returns the attempts that start, and the number of retries abandoned (`None` when the
/// limit is unbounded or unknown).
fn timeline(max: f64, per_attempt: f64, b: &Backoff) -> (Vec<Attempt>, Option<u32>) {
    let mut attempts = Vec::new();
    let mut start = 0.0;
    let planned = b.limit.map_or(200, |l| l.min(200)) + 1;
    for k in 0..planned {
        let deadline = if k == 0 {
            per_attempt
        } else {
            per_attempt.min(max - start)
        };
        attempts.push(Attempt { start, deadline });
        let next = start + deadline + b.wait_after(k + 1);
        if next >= max {
            let abandoned = b.limit.map(|l| l - k);
            return (attempts, abandoned);
        }
        start = next;
    }
    (attempts, Some(0))
}

fn literal_seconds(node: &Node) -> Option<f64> {
    node.as_i64().filter(|s| *s > 0).map(|s| s as f64)
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let defaults = spec.template_defaults();
    let mut seen: Vec<(Span, Span)> = Vec::new();
    for t in spec.templates().filter(Template::runs_pod) {
        let retry = [
            (t.retry_strategy(), Origin::Template),
            (
                defaults.and_then(|d| d.retry_strategy()),
                Origin::TemplateDefaults,
            ),
            (spec.retry_strategy(), Origin::Workflow),
        ]
        .into_iter()
        .find_map(|(n, o)| n.map(|n| (n, o)));
        let Some((retry, retry_origin)) = retry else {
            continue;
        };
        if super::never_retries(retry) {
            continue;
        }
        let Some(backoff) = retry.get("backoff") else {
            continue;
        };
        let Some(max_node) = backoff.get("maxDuration") else {
            continue;
        };
        let deadline = [
            (t.active_deadline_seconds(), Origin::Template),
            (
                defaults.and_then(|d| d.active_deadline_seconds()),
                Origin::TemplateDefaults,
            ),
            (spec.active_deadline_seconds(), Origin::Workflow),
        ]
        .into_iter()
        .find_map(|(n, o)| n.map(|n| (n, o)));
        let Some((ads_node, ads_origin)) = deadline else {
            continue;
        };
        // A setting shared by many templates is reported once, not once per template.
        let key = (max_node.span, ads_node.span);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        if let Some(d) = diagnose(
            &t,
            retry,
            backoff,
            max_node,
            retry_origin,
            ads_node,
            ads_origin,
        ) {
            cx.report(d);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn diagnose(
    t: &Template<'_>,
    retry: &Node,
    backoff: &Node,
    max_node: &Node,
    retry_origin: Origin,
    ads_node: &Node,
    ads_origin: Origin,
) -> Option<Diagnostic> {
    let template = t.name().unwrap_or("(unnamed)");
    let both_shared = retry_origin != Origin::Template && ads_origin != Origin::Template;
    let subject = if both_shared {
        "the pods of every template".to_string()
    } else {
        format!("the pods of template `{template}`")
    };
    // Point at the most specific of the two settings.
    let (primary, secondary, secondary_label) =
        if retry_origin == Origin::Template || ads_origin != Origin::Template {
            (
                max_node.span,
                ads_node.span,
                format!(
                    "deadline from {}",
                    ads_origin.describe("activeDeadlineSeconds")
                ),
            )
        } else {
            (
                ads_node.span,
                max_node.span,
                format!(
                    "maxDuration from {}",
                    retry_origin.describe("retryStrategy")
                ),
            )
        };
    let max = max_node.as_str().and_then(parse_duration);
    let ads = literal_seconds(ads_node);
    let limit = retry
        .get("limit")
        .map(|l| l.as_i64().map(|v| v.max(0) as u32));
    let b = Backoff {
        limit: limit.flatten(),
        duration: backoff
            .get("duration")
            .and_then(Node::as_str)
            .and_then(parse_duration)
            .unwrap_or(0.0),
        factor: backoff
            .get("factor")
            .and_then(|f| f.as_str()?.trim().parse().ok()),
        cap: backoff
            .get("cap")
            .and_then(Node::as_str)
            .and_then(parse_duration),
    };
    let base =
        Diagnostic::new(&META, primary, String::new()).with_label(secondary, secondary_label);

    if max.is_none() && max_node.as_str().is_some_and(|m| !templated(m)) {
        return None; // a literal that does not parse: `invalid-duration` reports it
    }
    let (Some(max), Some(ads)) = (max, ads) else {
        return Some(Diagnostic {
            message: format!(
                "`backoff.maxDuration` and `activeDeadlineSeconds` both govern {subject}: \
                 retried pods get the deadline (first attempt's start + maxDuration) instead of their own"
            ),
            help: Some(
                "keep one bound: `activeDeadlineSeconds` with a retry `limit`, or a `maxDuration` sized for every attempt"
                    .into(),
            ),
            ..base
        });
    };

    if ads_origin == Origin::Workflow {
        if max <= ads {
            return Some(workflow_deadline_replaced(&b, max, ads, &subject, base));
        }
        // The workflow deadline ends everything at `ads`; retries planned past it never run.
        return Some(Diagnostic {
            message: format!(
                "`backoff.maxDuration` ({}) is longer than the workflow's `activeDeadlineSeconds` ({}) that bounds {subject}: \
                 retries planned after {} never run, and a pod still running then is killed (exit 143)",
                format_seconds(max),
                format_seconds(ads),
                format_seconds(ads)
            ),
            help: Some(format!(
                "lower maxDuration to at most {} or raise the workflow deadline; the retry window cannot outlive the workflow",
                format_seconds(ads)
            )),
            ..base
        });
    }

    let (attempts, abandoned) = timeline(max, ads, &b);
    let cut: Vec<(usize, &Attempt)> = attempts
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, a)| a.deadline < ads)
        .collect();
    let unbounded = b.limit.is_none();
    if cut.is_empty() && abandoned.unwrap_or(0) == 0 && !unbounded {
        return None; // every retry fits with its full deadline
    }

    let mut parts = Vec::new();
    for (k, a) in &cut {
        parts.push(format!(
            "retry {k} starts at {} with a {} deadline instead of {}",
            format_seconds(a.start),
            format_seconds(a.deadline.max(0.0)),
            format_seconds(ads)
        ));
    }
    let retries_run = attempts.len() - 1;
    match (abandoned, b.limit) {
        (Some(n), Some(limit)) if n > 0 => parts.push(format!(
            "{n} of {limit} retries never {} (their backoff ends after {})",
            if n == 1 { "runs" } else { "run" },
            format_seconds(max)
        )),
        (_, None) => parts.push(format!(
            "retries stop after {retries_run} when the {} window closes",
            format_seconds(max)
        )),
        _ => {}
    }
    let timeline_text = attempts
        .iter()
        .enumerate()
        .map(|(k, a)| {
            format!(
                "{} {}–{}",
                if k == 0 {
                    "attempt 0".to_string()
                } else {
                    format!("retry {k}")
                },
                format_seconds(a.start),
                format_seconds(a.start + a.deadline.max(0.0))
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let needed = b
        .limit
        .map(|l| (0..=l).map(|_| ads).sum::<f64>() + (1..=l).map(|n| b.wait_after(n)).sum::<f64>());
    let help = match needed {
        Some(needed) => format!(
            "timeline if each attempt runs to its deadline: {timeline_text}. Drop `maxDuration` and rely on `limit: {}`, \
             or raise it to at least {} so every retry gets its full {}",
            b.limit.unwrap_or(0),
            format_seconds(needed),
            format_seconds(ads)
        ),
        None => format!(
            "timeline if each attempt runs to its deadline: {timeline_text}. Set a retry `limit` and drop `maxDuration`, \
             or accept that the last retry is cut short"
        ),
    };
    Some(Diagnostic {
        message: format!(
            "`backoff.maxDuration` ({}, measured from the first attempt's start) overrides the {} `activeDeadlineSeconds` of {subject}: {}",
            format_seconds(max),
            format_seconds(ads),
            parts.join("; ")
        ),
        help: Some(help),
        ..base
    })
}

/// The founding case: only the workflow's deadline bounds the pods, and `maxDuration` (no
/// longer than it) becomes the deadline of every retry. How long a run takes is not in the
/// manifest, so the timeline is given from the backoff waits and the window.
fn workflow_deadline_replaced(
    b: &Backoff,
    max: f64,
    ads: f64,
    subject: &str,
    base: Diagnostic,
) -> Diagnostic {
    let limit = b.limit.unwrap_or(0).min(200);
    // Earliest start of each retry (every attempt failing at once): the backoff waits alone.
    let mut earliest = Vec::new();
    let mut at = 0.0;
    for n in 1..=limit.clamp(1, 3) {
        at += b.wait_after(n);
        if at >= max {
            break;
        }
        earliest.push(format!(
            "retry {n} at {} at the earliest",
            format_seconds(at)
        ));
    }
    let timeline = if earliest.is_empty() {
        String::new()
    } else {
        format!(" ({})", earliest.join(", "))
    };
    let first_wait = format_seconds(b.wait_after(1));
    Diagnostic {
        message: format!(
            "`backoff.maxDuration` ({max}) replaces the workflow's `activeDeadlineSeconds` ({ads}) as the deadline of \
             {retried}: a retry must end {max} after the first attempt started, whatever it needs, \
             so a retry that needs the step's usual run time is killed (exit 143, \"Step exceeded its deadline\") and \
             no further retry starts (\"Max duration limit exceeded\")",
            max = format_seconds(max),
            ads = format_seconds(ads),
            retried = subject.replacen("the pods of", "the retried pods of", 1),
        ),
        help: Some(format!(
            "timeline: attempt 0 starts at 0s and may run until the workflow deadline ({ads}); the retries{timeline} all end at {max}. \
             If attempt 0 fails after T, retry 1 starts at T + {first_wait} and has only {max} − T − {first_wait}. \
             Drop `maxDuration` and bound the retries with `limit` (each retry then keeps the workflow deadline), \
             or raise `maxDuration` above (limit + 1) × the longest run plus the backoff waits",
            max = format_seconds(max),
            ads = format_seconds(ads),
        )),
        ..base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_cuts_and_abandons_retries() {
        // 300s per attempt, 10m window, 30s backoff doubling, limit 5.
        let b = Backoff {
            limit: Some(5),
            duration: 30.0,
            factor: Some(2.0),
            cap: None,
        };
        let (attempts, abandoned) = timeline(600.0, 300.0, &b);
        // attempt 0: 0–300; retry 1 at 330 gets 270s; retry 2 would start at 600+60 > 600.
        assert_eq!(attempts.len(), 2);
        assert_eq!(attempts[1].start, 330.0);
        assert_eq!(attempts[1].deadline, 270.0);
        assert_eq!(abandoned, Some(4));
    }

    #[test]
    fn timeline_fits_when_window_is_large() {
        let b = Backoff {
            limit: Some(2),
            duration: 10.0,
            factor: None,
            cap: None,
        };
        let (attempts, abandoned) = timeline(10_000.0, 60.0, &b);
        assert_eq!(attempts.len(), 3);
        assert!(attempts.iter().all(|a| a.deadline == 60.0));
        assert_eq!(abandoned, Some(0));
    }

    #[test]
    fn backoff_is_capped() {
        let b = Backoff {
            limit: None,
            duration: 10.0,
            factor: Some(3.0),
            cap: Some(60.0),
        };
        assert_eq!(b.wait_after(1), 10.0);
        assert_eq!(b.wait_after(2), 30.0);
        assert_eq!(b.wait_after(3), 60.0);
    }
}
