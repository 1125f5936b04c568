//! `daemon-without-readiness-probe`: a daemon step counts as ready when its container starts.

use crate::diagnostic::Severity;
use crate::rules::helpers::{is_true, key_span};
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL605",
    name: "daemon-without-readiness-probe",
    category: Category::Resources,
    severity: Severity::Warning,
    fields: &["Template.daemon", "Container.readinessProbe"],
    summary: "A `daemon: true` template has no `readinessProbe`, so the steps that use it start before it is ready.",
    docs: r#"
## What it does
Flags templates with `daemon: true` whose main container (`container` or `script`) has no
`readinessProbe`.

## Why is this bad
Argo marks a daemon step done, and starts the steps after it, as soon as the daemon's pod
is ready. Without a readiness probe a pod is ready the moment its container starts, long
before a database, a web server or a mock API inside it accepts connections. The next
steps race the daemon: they fail with "connection refused" on a slow start and pass on a
fast one, which is the worst kind of flaky.

## Example
```yaml
- name: postgres
  daemon: true
  container:
    image: postgres:16.3
```

## How to fix
Add a probe that succeeds only once the service answers:

```yaml
  container:
    image: postgres:16.3
    readinessProbe:
      exec: {command: [pg_isready, -U, postgres]}
      periodSeconds: 2
```
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for t in spec.templates() {
        if !is_true(t.get("daemon")) {
            continue;
        }
        let main = ["container", "script"]
            .into_iter()
            .find_map(|f| t.get(f).filter(|n| n.as_map().is_some()));
        let Some(main) = main else { continue };
        if main.get("readinessProbe").is_some() {
            continue;
        }
        let span = key_span(t.node, "daemon").unwrap_or(t.name_span());
        cx.report(
            cx.diag(span,
                format!(
                    "daemon template `{}` has no `readinessProbe`: Argo starts the next steps as soon as its container starts, before the service in it accepts connections",
                    t.name().unwrap_or("(unnamed)")
                ),
            )
            .with_help("add a `readinessProbe` to the container that succeeds only once the service answers (an `httpGet`, `tcpSocket` or `exec` check)"),
        );
    }
}
