//! `invalid-pod-spec-patch`: a `podSpecPatch` that does not parse, or patches fields and
//! containers the pod does not have.

use crate::diagnostic::Severity;
use crate::model::Template;
use crate::rules::helpers::{parse_patch, templated};
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL606",
    name: "invalid-pod-spec-patch",
    category: Category::Resources,
    severity: Severity::Error,
    fields: &["Template.podSpecPatch", "WorkflowSpec.podSpecPatch"],
    summary: "A `podSpecPatch` is not valid JSON/YAML, or patches fields or containers the pod does not have.",
    docs: r#"
## What it does
Parses every `podSpecPatch` (on templates, in `spec.templateDefaults`, and workflow-wide)
as JSON or YAML and checks it against the shape of a Kubernetes PodSpec: the top-level
fields (`containers`, `initContainers`, `volumes`, `nodeSelector`, …), the fields of each
patched container, that each patched container has a `name`, and that the name is one the
pod has (`main`, `init`, `wait`, or a sidecar, init or containerSet container of the
template) unless the entry is a whole new container with an `image`. A patch with `{{...}}`
expressions is checked only when it parses as it is.

## Why is this bad
The API server stores `podSpecPatch` as an opaque string, so nothing checks it before the
step runs. Then:

- text that does not parse fails the pod's creation, and the step errors;
- a container entry without `name` cannot be merged ("does not contain declared merge key:
  name"), and the step errors;
- a field a PodSpec or Container does not have (`spec:`, `resource:`, `cpu:` at the wrong
  level) is merged and then silently dropped: the patch does nothing, and the pod runs
  without the resources or settings you meant to give it;
- a misspelled container name (`mian`) adds a new container without an image, and
  Kubernetes rejects the pod.

## Example
```yaml
podSpecPatch: |
  containers:
    - name: mian
      resources:
        limits: {memory: 2Gi}
```

## How to fix
Patch PodSpec fields, and address containers by their names in the pod (`main` for a
`container` or `script` template):

```yaml
podSpecPatch: |
  containers:
    - name: main
      resources:
        limits: {memory: 2Gi}
```
"#,
};

/// The fields of a Kubernetes PodSpec.
const POD_SPEC_FIELDS: &[&str] = &[
    "activeDeadlineSeconds",
    "affinity",
    "automountServiceAccountToken",
    "containers",
    "dnsConfig",
    "dnsPolicy",
    "enableServiceLinks",
    "ephemeralContainers",
    "hostAliases",
    "hostIPC",
    "hostNetwork",
    "hostPID",
    "hostUsers",
    "hostname",
    "hostnameOverride",
    "imagePullSecrets",
    "initContainers",
    "nodeName",
    "nodeSelector",
    "os",
    "overhead",
    "preemptionPolicy",
    "priority",
    "priorityClassName",
    "readinessGates",
    "resourceClaims",
    "resources",
    "restartPolicy",
    "runtimeClassName",
    "schedulerName",
    "schedulingGates",
    "securityContext",
    "serviceAccount",
    "serviceAccountName",
    "setHostnameAsFQDN",
    "shareProcessNamespace",
    "subdomain",
    "terminationGracePeriodSeconds",
    "tolerations",
    "topologySpreadConstraints",
    "volumes",
];

/// The fields of a Kubernetes Container.
const CONTAINER_FIELDS: &[&str] = &[
    "args",
    "command",
    "env",
    "envFrom",
    "image",
    "imagePullPolicy",
    "lifecycle",
    "livenessProbe",
    "name",
    "ports",
    "readinessProbe",
    "resizePolicy",
    "resources",
    "restartPolicy",
    "restartPolicyRules",
    "securityContext",
    "startupProbe",
    "stdin",
    "stdinOnce",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "tty",
    "volumeDevices",
    "volumeMounts",
    "workingDir",
];

/// " (did you mean `x`?)" or nothing; the pair is noted for the fix.
fn suggestion(name: &str, fields: &[&str], renames: &mut Vec<(String, String)>) -> String {
    match crate::suggest::did_you_mean(name, fields) {
        Some(f) => {
            renames.push((name.to_string(), f.to_string()));
            format!(" (did you mean `{f}`?)")
        }
        None => String::new(),
    }
}

/// An unsafe fix writing each suggested name in place of the misspelled one, where the
/// misspelled one is written exactly once in the patch's source as a whole word.
fn rename_fix(
    file: &crate::source::SourceFile,
    node: &Node,
    renames: &[(String, String)],
) -> Option<crate::diagnostic::Fix> {
    let raw = file.text.get(node.span.range())?;
    let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-');
    let mut edits = Vec::new();
    for (from, to) in renames {
        let at: Vec<usize> = raw
            .match_indices(from.as_str())
            .map(|(i, _)| i)
            .filter(|&i| {
                let before = raw.as_bytes()[..i].last().copied();
                let after = raw.as_bytes().get(i + from.len()).copied();
                !before.is_some_and(word) && !after.is_some_and(word)
            })
            .collect();
        if let [i] = at[..] {
            let s = node.span.start as usize + i;
            edits.push(crate::diagnostic::Edit::replace(
                crate::source::Span::new(s, s + from.len()),
                to.clone(),
            ));
        }
    }
    let names: Vec<String> = renames
        .iter()
        .map(|(f, t)| format!("`{f}` → `{t}`"))
        .collect();
    (!edits.is_empty())
        .then(|| crate::diagnostic::Fix::unsafe_(format!("rename {}", names.join(", ")), edits))
}

/// Container names a pod of these templates has, per list.
struct Names {
    containers: Vec<String>,
    init: Vec<String>,
}

fn pod_names<'a>(templates: impl Iterator<Item = Template<'a>>) -> Names {
    let mut n = Names {
        containers: vec!["main".into(), "wait".into()],
        init: vec!["init".into()],
    };
    for t in templates {
        for c in t.containers() {
            let Some(name) = c.node.get("name").and_then(Node::as_str) else {
                continue;
            };
            match c.role {
                crate::model::ContainerRole::Init => n.init.push(name.into()),
                _ => n.containers.push(name.into()),
            }
        }
    }
    n
}

fn check_patch(cx: &mut Context<'_>, node: &Node, owner: &str, names: &Names) {
    let Some(text) = node.as_str() else {
        cx.report(
            cx.diag(node.span,
                format!("the `podSpecPatch` of {owner} is not a string: the field holds JSON or YAML text, so the workflow fails to decode"),
            )
            .with_help("write the patch as a block string: `podSpecPatch: |` followed by the YAML"),
        );
        return;
    };
    let is_templated = templated(text);
    let Some(patch) = parse_patch(text) else {
        if is_templated {
            return;
        }
        let parsed = crate::source::parse_text(text);
        let why = parsed
            .problems
            .first()
            .map(|p| p.message.clone())
            .unwrap_or_else(|| "it is not a mapping of PodSpec fields".into());
        cx.report(
            cx.diag(node.span,
                format!("the `podSpecPatch` of {owner} is not valid JSON or YAML ({why}): creating the pod fails and the step errors"),
            )
            .with_help("write the patch as a mapping of PodSpec fields, e.g. `{\"containers\": [{\"name\": \"main\", \"resources\": {...}}]}`"),
        );
        return;
    };
    let mut problems: Vec<String> = Vec::new();
    let mut renames: Vec<(String, String)> = Vec::new();
    for e in patch.as_map().unwrap_or(&[]) {
        let Some(k) = e.key_str() else { continue };
        if templated(k) {
            continue;
        }
        if !POD_SPEC_FIELDS.contains(&k) {
            problems.push(format!(
                "`{k}` is not a PodSpec field{}, so it is dropped and patches nothing",
                suggestion(k, POD_SPEC_FIELDS, &mut renames)
            ));
            continue;
        }
        let known = match k {
            "containers" => &names.containers,
            "initContainers" => &names.init,
            _ => continue,
        };
        for c in e.value.as_seq().unwrap_or(&[]) {
            let Some(fields) = c.as_map() else { continue };
            let name = c.get("name").and_then(Node::as_str);
            match name {
                None => problems.push(format!(
                    "an entry of `{k}` has no `name`, so it cannot be merged (\"does not contain declared merge key: name\")"
                )),
                Some(n) if !templated(n) && !known.iter().any(|x| x == n) && c.get("image").is_none() => {
                    problems.push(format!(
                        "`{k}` entry `{n}` names no container of the pod{}, so it adds a container without an image, which Kubernetes rejects",
                        suggestion(n, &known.iter().map(String::as_str).collect::<Vec<_>>(), &mut renames)
                    ))
                }
                _ => {}
            }
            for f in fields {
                let Some(fk) = f.key_str() else { continue };
                if !templated(fk) && !CONTAINER_FIELDS.contains(&fk) {
                    problems.push(format!(
                        "`{fk}` is not a Container field{}, so it is dropped and patches nothing",
                        suggestion(fk, CONTAINER_FIELDS, &mut renames)
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        return;
    }
    let mut d = cx.diag(node.span,
            format!("the `podSpecPatch` of {owner} does not fit a pod: {}", problems.join("; ")),
        )
        .with_help("patch PodSpec fields at the top level and address containers by their pod names (`main` for a `container` or `script` template)");
    if let Some(f) = rename_fix(cx.file, node, &renames) {
        d = d.with_fix(f);
    }
    cx.report(d);
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let all = pod_names(spec.templates());
    let mut patches: Vec<(&Node, String, Option<Names>)> = Vec::new();
    if let Some(p) = spec.pod_spec_patch() {
        patches.push((p, "the workflow".into(), None));
    }
    if let Some(d) = spec.template_defaults()
        && let Some(p) = d.pod_spec_patch()
    {
        patches.push((p, "`spec.templateDefaults`".into(), None));
    }
    for t in spec.templates() {
        if let Some(p) = t.pod_spec_patch() {
            patches.push((
                p,
                format!("template `{}`", t.name().unwrap_or("(unnamed)")),
                Some(pod_names(std::iter::once(t))),
            ));
        }
    }
    for (p, owner, names) in patches {
        check_patch(cx, p, &owner, names.as_ref().unwrap_or(&all));
    }
}
