//! `container-lifecycle-hook`: Kubernetes `lifecycle.postStart`/`preStop` on Argo containers.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL603",
    name: "container-lifecycle-hook",
    category: Category::Resources,
    severity: Severity::Warning,
    fields: &["Container.lifecycle"],
    summary: "A container uses Kubernetes `lifecycle` hooks, which Argo's executor does not account for.",
    docs: r#"
## What it does
Flags `lifecycle.postStart` and `lifecycle.preStop` on any container a template runs,
including `spec.templateDefaults`.

## Why is this bad
Argo decides a step's result from the main container's exit code, observed by its `wait`
sidecar. Kubernetes lifecycle hooks run outside that view: a failing `postStart` kills the
container in ways Argo reports as an unrelated error, a `preStop` hook is not run when Argo
stops the pod after the main container exits, and work done in a hook can fail while the
step still shows success. Hooks also delay pod termination, so deadlines and retries
misbehave.

## Example
```yaml
container:
  image: alpine:3.20
  lifecycle:
    preStop:
      exec: {command: [sh, -c, "upload-results.sh"]}
```

## How to fix
Move the work into the workflow, where its result counts: a step after the main one, an
exit handler (`onExit`) for clean-up that must always run, or Argo's own lifecycle `hooks`
(`hooks: {exit: …}` or `hooks` with an `expression`) on the step or workflow.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let mut all = super::containers(cx);
    if let Some(d) = spec.template_defaults() {
        all.extend(d.containers().into_iter().map(|c| (d, c)));
    }
    for (t, c) in all {
        let Some(lifecycle) = c.node.get("lifecycle") else {
            continue;
        };
        for hook in ["postStart", "preStop"] {
            let Some(entry) = lifecycle.entry(hook).filter(|e| !e.value.is_null()) else {
                continue;
            };
            let whose = if spec
                .template_defaults()
                .is_some_and(|d| std::ptr::eq(d.node, t.node))
            {
                format!("the {} in `spec.templateDefaults`", c.role.describe())
            } else {
                super::describe(&t, &c)
            };
            cx.report(
                cx.diag(entry.key.span,
                    format!("`lifecycle.{hook}` on {whose}: Argo does not see this hook's outcome, so its work can fail while the step succeeds"),
                )
                .with_help("do this work in a step, an `onExit` handler, or Argo `hooks` instead of a Kubernetes lifecycle hook"),
            );
        }
    }
}
