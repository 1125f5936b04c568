//! `chain-of-tiny-steps`: several pods in a row that each run a trivially short command.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::model::{Step, Template, TemplateType};
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, Span};

pub static META: RuleMeta = RuleMeta {
    code: "AL505",
    name: "chain-of-tiny-steps",
    category: Category::Scale,
    severity: Severity::Info,
    fields: &[
        "Template.steps",
        "DAGTask.dependencies",
        "DAGTask.depends",
        "ScriptTemplate.source",
        "Template.containerSet",
    ],
    summary: "Several steps or DAG tasks in a row that each start a pod to run a trivially short command (`echo`, `printf`, `date`, …).",
    docs: r#"
## What it does
Finds runs of sequential steps (a steps template's groups of one step each) or DAG tasks (a
chain where each task depends on the one before it alone, and nothing else on it) that call
a *tiny* template: 3 or more in a row by default (`options.chain-of-tiny-steps.min-steps`
in `.argolint.yaml`). The judgement is kept narrow so that it is right when it speaks:

- a tiny template is a `container` or `script` template with no `retryStrategy`, no
  sidecars or init containers, no artifacts, no volume mounts, no `daemon`;
- whose whole work is at most 3 lines (a `script`'s `source`, or `sh -c`/`bash -c` text in
  a container's `command` and `args`, split at newlines, `;` and `&&`), each starting with
  `echo`, `printf`, `true`, `date`, `env`, `pwd`, `hostname`, `whoami` or Python's `print(`;
  or a container whose command is one of those;
- and the step or task has no loop (`withItems`, `withParam`, `withSequence`) and no `when`.

It is an info: whether the steps are worth merging is the author's call.

## Why is this bad
Every step that runs a template of its own is a pod: the controller creates it, the scheduler
places it, the kubelet pulls the image and starts the init and wait containers around the
main one, and the controller then reads its result. That is a few seconds for each pod on an
idle cluster and often half a minute on a busy one, paid in sequence for each link of the
chain, for milliseconds of work. Each pod also adds a node to the workflow status and load on
the API server.

## Example
```yaml
- name: announce
  steps:
    - - {name: start, template: say, arguments: {parameters: [{name: msg, value: start}]}}
    - - {name: middle, template: say, arguments: {parameters: [{name: msg, value: middle}]}}
    - - {name: done, template: say, arguments: {parameters: [{name: msg, value: done}]}}
- name: say
  inputs: {parameters: [{name: msg}]}
  container:
    image: alpine:3.20
    command: [echo, "{{inputs.parameters.msg}}"]
```

## How to fix
Do the short work in one pod: one `script` that runs the commands in order, or a
`containerSet` whose containers run in one pod, ordered by their `dependencies`:

```yaml
- name: announce
  containerSet:
    containers:
      - {name: start, image: alpine:3.20, command: [echo, start]}
      - {name: middle, image: alpine:3.20, command: [echo, middle], dependencies: [start]}
      - {name: done, image: alpine:3.20, command: [echo, done], dependencies: [middle]}
```
"#,
};

/// Commands that do nothing but print or note something.
const TRIVIAL: &[&str] = &[
    "echo", "printf", "true", "date", "env", "pwd", "hostname", "whoami",
];
const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh"];
/// Template fields that make a template's pod more than a short command.
const NOT_TINY: &[&str] = &[
    "retryStrategy",
    "sidecars",
    "initContainers",
    "daemon",
    "volumes",
    "memoize",
    "synchronization",
];
const MAX_LINES: usize = 3;

/// Whether one shell or Python line is trivial.
fn trivial_line(line: &str) -> bool {
    let line = line.trim();
    if line.starts_with("print(") {
        return true;
    }
    let word = line.split_whitespace().next().unwrap_or("");
    TRIVIAL.contains(&word.rsplit('/').next().unwrap_or(word))
}

/// The commands of a script text: lines split at `;` and `&&`, without blanks and comments.
fn commands(text: &str) -> Vec<&str> {
    text.lines()
        .flat_map(|l| l.split(';'))
        .flat_map(|l| l.split("&&"))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Whether a script text is at most [`MAX_LINES`] trivial commands.
fn trivial_text(text: &str) -> bool {
    let lines = commands(text);
    !lines.is_empty() && lines.len() <= MAX_LINES && lines.iter().all(|l| trivial_line(l))
}

/// The short command a tiny template runs (for the message), or `None` when it is not tiny.
fn tiny(t: &Template<'_>) -> Option<String> {
    let kind = t.template_type()?;
    if t.types().count() != 1 || NOT_TINY.iter().any(|f| t.get(f).is_some()) {
        return None;
    }
    let has_artifacts = |k: &str| t.get(k).is_some_and(|n| !n.seq("artifacts").is_empty());
    if has_artifacts("inputs") || has_artifacts("outputs") {
        return None;
    }
    let body = match kind {
        TemplateType::Container => t.get("container")?,
        TemplateType::Script => t.get("script")?,
        _ => return None,
    };
    if body.get("volumeMounts").is_some() {
        return None;
    }
    let words: Vec<&str> = body
        .seq("command")
        .iter()
        .chain(body.seq("args"))
        .map(|n| n.as_str())
        .collect::<Option<_>>()?;
    if kind == TemplateType::Script {
        let source = body.get("source")?.as_str()?;
        return trivial_text(source).then(|| first_word(source));
    }
    let first = *words.first()?;
    let exe = first.rsplit('/').next().unwrap_or(first);
    if SHELLS.contains(&exe) {
        // `sh -c TEXT` (also `-ec`, `-xc`): the text is the work.
        let flag = words.get(1)?;
        if !(flag.starts_with('-') && flag.ends_with('c')) || words.len() != 3 {
            return None;
        }
        return trivial_text(words[2]).then(|| first_word(words[2]));
    }
    TRIVIAL.contains(&exe).then(|| exe.to_string())
}

/// The first command's program, for the message.
fn first_word(text: &str) -> String {
    let line = commands(text).first().copied().unwrap_or("");
    if line.starts_with("print(") {
        return "print".into();
    }
    line.split_whitespace().next().unwrap_or("").to_string()
}

/// A step or task that runs a tiny template once, unconditionally: its name's span, its
/// name and the command.
fn tiny_call<'a>(
    s: &Step<'a>,
    by_name: &HashMap<&str, Template<'a>>,
) -> Option<(Span, &'a str, String)> {
    if ["withItems", "withParam", "withSequence", "when"]
        .iter()
        .any(|k| s.get(k).is_some())
    {
        return None;
    }
    let target = by_name.get(s.template()?)?;
    let what = tiny(target)?;
    let name = s.name()?;
    Some((s.get("name")?.span, name, what))
}

/// The single task a DAG task depends on, when its dependency is one plain name.
fn single_dependency<'a>(s: &Step<'a>) -> Option<&'a str> {
    if let Some(d) = s.get("depends") {
        let d = d.as_str()?.trim();
        let name = d.strip_suffix(".Succeeded").unwrap_or(d);
        let plain = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        return plain.then_some(name);
    }
    match s.get("dependencies")?.as_seq()? {
        [one] => one.as_str(),
        _ => None,
    }
}

/// The name-like words of a text (task names in an expression that does not parse).
fn by_name_words(e: &str) -> impl Iterator<Item = &str> {
    e.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let min = cx.settings.tiny_steps_threshold.max(2);
    let templates: Vec<Template<'_>> = spec.templates().collect();
    let by_name: HashMap<&str, Template<'_>> = templates
        .iter()
        .filter_map(|t| Some((t.name()?, *t)))
        .collect();
    for t in &templates {
        let mut runs: Vec<Vec<(Span, &str, String)>> = Vec::new();
        if t.get("steps").is_some() {
            let mut run = Vec::new();
            for group in t.node.seq("steps") {
                let one = group
                    .as_seq()
                    .filter(|g| g.len() == 1)
                    .and_then(|g| {
                        g[0].as_map().map(|_| Step {
                            node: &g[0],
                            group: 0,
                        })
                    })
                    .and_then(|s| tiny_call(&s, &by_name));
                match one {
                    Some(c) => run.push(c),
                    None => runs.push(std::mem::take(&mut run)),
                }
            }
            runs.push(run);
        } else if t.get("dag").is_some() {
            let tasks: Vec<Step<'_>> = t.dag_tasks().collect();
            let mut dependents: HashMap<&str, usize> = HashMap::new();
            for s in &tasks {
                let mut deps: Vec<&str> = s
                    .node
                    .seq("dependencies")
                    .iter()
                    .filter_map(Node::as_str)
                    .collect();
                if let Some(e) = s.get("depends").and_then(Node::as_str) {
                    // An expression that does not parse: its tasks are unknown, so every
                    // name in it counts as a dependent, which only ever breaks chains.
                    match crate::model::expr::parse_depends(e) {
                        Ok(ops) => deps.extend(ops.iter().map(|o| o.task)),
                        Err(_) => deps.extend(by_name_words(e)),
                    }
                }
                deps.sort_unstable();
                deps.dedup();
                for d in deps {
                    *dependents.entry(d).or_default() += 1;
                }
            }
            let by_task: HashMap<&str, &Step<'_>> =
                tasks.iter().filter_map(|s| Some((s.name()?, s))).collect();
            // `next[a] = b`: b follows a alone, and a leads only to b; both tiny.
            let mut next: HashMap<&str, &Step<'_>> = HashMap::new();
            let mut has_prev: HashMap<&str, bool> = HashMap::new();
            for s in &tasks {
                let (Some(name), Some(dep)) = (s.name(), single_dependency(s)) else {
                    continue;
                };
                let Some(prev) = by_task.get(dep) else {
                    continue;
                };
                if dependents.get(dep) == Some(&1)
                    && tiny_call(s, &by_name).is_some()
                    && tiny_call(prev, &by_name).is_some()
                {
                    next.insert(dep, s);
                    has_prev.insert(name, true);
                }
            }
            for s in &tasks {
                let Some(name) = s.name() else { continue };
                if has_prev.contains_key(name) || !next.contains_key(name) {
                    continue;
                }
                let mut run = Vec::new();
                let mut cur = *s;
                while let Some(c) = tiny_call(&cur, &by_name) {
                    run.push(c);
                    match cur.name().and_then(|n| next.get(n)) {
                        Some(n) if run.len() <= tasks.len() => cur = **n,
                        _ => break,
                    }
                }
                runs.push(run);
            }
        }
        let noun = if t.get("dag").is_some() {
            "tasks"
        } else {
            "steps"
        };
        for run in runs.into_iter().filter(|r| r.len() >= min) {
            let names: Vec<String> = run.iter().map(|(_, n, _)| format!("`{n}`")).collect();
            let mut commands: Vec<&str> = run.iter().map(|(_, _, c)| c.as_str()).collect();
            commands.sort_unstable();
            commands.dedup();
            let commands: Vec<String> = commands.iter().map(|c| format!("`{c}`")).collect();
            let mut d = cx
                .diag(
                    run[0].0,
                    format!(
                        "{} {noun} in a row in template `{}` ({}) each start a pod only to run a trivially short command ({}): every pod pays scheduling and start-up, seconds each and tens of seconds on a busy cluster, one after the other",
                        run.len(),
                        t.name().unwrap_or("(unnamed)"),
                        names.join(", "),
                        commands.join(", "),
                    ),
                )
                .with_help(
                    "run the commands in one `script`, or as the containers of one `containerSet` ordered by their `dependencies`",
                );
            for (span, name, _) in &run[1..] {
                d = d.with_label(*span, format!("then `{name}`"));
            }
            cx.report(d);
        }
    }
}
