//! `unknown-argument`: a call passes an argument the called template does not declare, or
//! a value its `enum` does not allow.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::callee::{is_dynamic, named_items};
use super::{noun, resolved_calls};

pub static META: RuleMeta = RuleMeta {
    code: "AL305",
    name: "unknown-argument",
    category: Category::Validation,
    severity: Severity::Warning,
    fields: &[],
    summary: "A step or task passes a parameter or artifact its template does not declare (often a misspelling), or a value outside the input's `enum`.",
    docs: r#"
## What it does
For every step and DAG task whose template is known (in the file, or through a
`templateRef` to a template among the linted files), compares the arguments with the
callee's inputs:

- an argument parameter or artifact the callee does not declare, with a "did you mean"
  when an input has a close name;
- a parameter passed where the callee declares an artifact of that name, or the reverse;
- a literal parameter value that is not in the input's `enum`.

An argolint extension: Argo ignores undeclared arguments silently.

## Why is this bad
The value goes nowhere. A misspelt argument usually means the input silently falls back to
its default, and the step does something other than intended, without any error.

## Example
```yaml
- - name: greet
    template: print                     # declares input `message`
    arguments:
      parameters:
        - {name: mesage, value: hello}
```

## How to fix
Use the callee's input name, declare the input in the callee, or drop the argument.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    for (t, step, callee, target) in resolved_calls(cx) {
        let who = noun(&step, &t);
        let describe = callee.describe();
        let in_params = named_items(target.node, "inputs", "parameters");
        let in_arts = named_items(target.node, "inputs", "artifacts");
        for (list, own, other, kind, other_kind) in [
            ("parameters", &in_params, &in_arts, "parameter", "artifact"),
            ("artifacts", &in_arts, &in_params, "artifact", "parameter"),
        ] {
            for (name, arg) in named_items(step.node, "arguments", list) {
                if is_dynamic(name) {
                    continue;
                }
                let span = arg.get("name").map_or(arg.span, |n| n.span);
                if let Some((_, decl)) = own.iter().find(|(n, _)| *n == name) {
                    if kind == "parameter" {
                        check_enum(cx, arg, decl, name, &describe, callee.is_local());
                    }
                    continue;
                }
                if other.iter().any(|(n, _)| *n == name) {
                    cx.report(
                        cx.diag(span,
                            format!("{who} passes `{name}` as a {kind}, but {describe} declares it as an input {other_kind}"),
                        )
                        .with_help(format!("move it under `arguments.{}`", if kind == "parameter" { "artifacts" } else { "parameters" })),
                    );
                    continue;
                }
                let names: Vec<&str> = own.iter().map(|(n, _)| *n).collect();
                let mut d = cx.diag(
                    span,
                    format!("{who} passes {kind} `{name}`, which {describe} does not declare"),
                );
                d = match crate::suggest::did_you_mean(name, &names) {
                    Some(s) => {
                        let d = d.with_help(format!("did you mean `{s}`?"));
                        match super::rename_fix(cx.file, span, name, s) {
                            Some(f) => d.with_fix(f),
                            None => d,
                        }
                    }
                    None if names.is_empty() => d.with_help(format!(
                        "the template declares no input {kind}s; drop the argument or declare it"
                    )),
                    None => d.with_help(format!(
                        "its input {kind}s are {}",
                        names
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                };
                cx.report(d);
            }
        }
    }
}

fn check_enum(
    cx: &mut Context<'_>,
    arg: &Node,
    decl: &Node,
    name: &str,
    describe: &str,
    local: bool,
) {
    let Some(allowed) = decl.get("enum").and_then(Node::as_seq) else {
        return;
    };
    let Some(v) = arg.get("value") else { return };
    let Some(value) = v.as_str() else { return };
    if is_dynamic(value) || allowed.is_empty() {
        return;
    }
    let options: Vec<&str> = allowed.iter().filter_map(Node::as_str).collect();
    if options.contains(&value) {
        return;
    }
    let mut d = cx
        .diag(
            v.span,
            format!("`{value}` is not an allowed value of input `{name}` of {describe}"),
        )
        .with_help(format!(
            "allowed: {}",
            options
                .iter()
                .map(|o| format!("`{o}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    if local {
        d = d.with_label(
            decl.get("enum").map_or(decl.span, |e| e.span),
            "the allowed values",
        );
    }
    cx.report(d);
}
