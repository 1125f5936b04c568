//! `invalid-pod`: a template whose pod Kubernetes refuses to create (container and volume
//! names, volume mounts, ports, probes, environment variable names, resource names).

use std::collections::HashMap;

use crate::api::k8s_names;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Container, ContainerRole, Kind, Template, TemplateType, expr};
use crate::rules::helpers::{template_label, templated};
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, Span};

pub static META: RuleMeta = RuleMeta {
    code: "AL334",
    name: "invalid-pod",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[
        "Template.initContainers",
        "Template.sidecars",
        "Template.volumes",
        "WorkflowSpec.volumes",
    ],
    summary: "A template's pod breaks a rule of Kubernetes' pod validation: container or volume names, volume mounts, ports, probes, environment variable names or resource names.",
    docs: r#"
## What it does
For every template that runs a pod (`container`, `script`, `containerSet`, `resource`,
`data`), checks what Kubernetes' pod validation (`pkg/apis/core/validation`) decides from
the manifest alone, counting what Argo adds to the pod (an `init` container always, a
`wait` container for container, script and containerSet templates, the `main` container,
the `var-run-argo` and `tmp-dir-argo` volumes):

- init container, sidecar and containerSet container names are DNS-1123 labels (lowercase
  letters, digits and `-`, at most 63), unique across the pod, and none is `init`, `wait`
  or (beside a `container` or `script`, or a containerSet container named `main`) `main`
  (`validateContainers`, `validateInitContainers`: names must be DNS-1123 labels and
  unique among all containers of the pod);
- a template's `volumes` have DNS-1123 label names, unique, and none named `var-run-argo`
  or `tmp-dir-argo` (`ValidateVolumes`);
- ports: `containerPort` from 1 to 65535, `hostPort` 0 or from 1 to 65535, names of at
  most 15 lowercase letters, digits and `-` with a letter, unique in the container
  (`validateContainerPorts`, `IsValidPortName`);
- probes (`livenessProbe`, `readinessProbe`, `startupProbe`) have exactly one handler
  (`exec`, `httpGet`, `tcpSocket`, `grpc`), and `successThreshold` 1 for liveness and
  startup probes (`validateProbe`, `validateHandler`, `validateLivenessProbe`,
  `validateStartupProbe`); init containers without `restartPolicy: Always` have no probes
  and no `lifecycle` (`validateInitContainers`);
- environment variable names contain no `=` and only printable ASCII characters (what
  `validateEnvVarName` refuses whether or not the cluster relaxes the name rules);
- resource names without a `/` are `cpu`, `memory`, `ephemeral-storage` or
  `hugepages-<size>` (`validateContainerResourceName`);
- every `volumeMount` names a volume of the template, of `spec.volumes` or of
  `spec.volumeClaimTemplates` (Argo's `addVolumeReferences` fails the step otherwise).
  This one is a warning, in Workflows and CronWorkflows only: a WorkflowTemplate's
  mounts are resolved against the volumes of each workflow that runs it, and the
  controller's workflow defaults may declare volumes too.

Templates with a `podSpecPatch` (their own, `templateDefaults`' or the workflow's) are
skipped, as the patch may change any of this; values with `{{…}}` are left alone. With
`spec.templateDefaults`, the checks that count things (duplicates, a probe without
handler, missing volumes) are skipped, since the defaults are merged in first.

## Why is this bad
Argo accepts the workflow, and the step fails when it runs: the controller's request to
create the pod is refused ("Pod \"…\" is invalid: spec.initContainers[0].name: Invalid
value: \"My_Step\": a lowercase RFC 1123 label must consist of …"), and the message lands in
the node status, far from the YAML that caused it.

## Example
```yaml
- name: build
  container:
    image: golang:1.22
    livenessProbe: {}
  sidecars:
    - name: Cache_Server
      image: redis:7
      ports:
        - containerPort: 70000
```

## How to fix
Use lowercase names with `-`, give each container and volume its own name, keep ports
in range and give each probe one handler.
"#,
};

/// The containers Argo always puts in a pod.
const INIT: &str = "init";
const WAIT: &str = "wait";
const MAIN: &str = "main";
/// The volumes Argo always puts in a pod.
const ARGO_VOLUMES: [&str; 2] = ["var-run-argo", "tmp-dir-argo"];
const PROBES: [&str; 3] = ["livenessProbe", "readinessProbe", "startupProbe"];
const PROBE_HANDLERS: [&str; 4] = ["exec", "httpGet", "tcpSocket", "grpc"];

/// What the whole document says about every template's pod.
struct Pods<'a> {
    /// `spec.templateDefaults` is set: it is merged into every template first.
    defaults: bool,
    /// Volume names every pod can mount, when the document alone decides them.
    mountable: Option<Vec<&'a str>>,
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let defaults = spec.template_defaults();
    if spec.pod_spec_patch().is_some() || defaults.and_then(|d| d.pod_spec_patch()).is_some() {
        return;
    }
    let mut mountable: Vec<&str> = spec
        .node
        .seq("volumes")
        .iter()
        .filter_map(|v| v.get("name").and_then(Node::as_str))
        .collect();
    mountable.extend(
        spec.node
            .seq("volumeClaimTemplates")
            .iter()
            .filter_map(|c| c.get_path(&["metadata", "name"]).and_then(Node::as_str)),
    );
    let own_volumes = matches!(cx.manifest.kind, Kind::Workflow | Kind::CronWorkflow)
        && spec.get("workflowTemplateRef").is_none()
        && defaults.is_none();
    let pods = Pods {
        defaults: defaults.is_some(),
        mountable: own_volumes.then_some(mountable),
    };
    for t in spec.templates() {
        if !t.runs_pod() || t.pod_spec_patch().is_some() {
            continue;
        }
        let mut found = Vec::new();
        let who = template_label(&t);
        container_names(&t, &pods, &who, cx, &mut found);
        volumes(&t, &pods, &who, cx, &mut found);
        for c in t.containers() {
            container(&c, &pods, &who, cx, &mut found);
        }
        for d in found {
            cx.report(d);
        }
    }
}

/// "the init container `x` of template `t`".
fn describe(c: &Container<'_>, who: &str) -> String {
    match c.role {
        ContainerRole::Main => format!("the main container of {who}"),
        _ => format!(
            "{} `{}` of {who}",
            c.role.describe(),
            c.pod_name().unwrap_or("?")
        ),
    }
}

const REFUSED: &str = "Kubernetes refuses to create the pod, so the step fails";

fn container_names(
    t: &Template<'_>,
    pods: &Pods<'_>,
    who: &str,
    cx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let ty = t.template_type();
    let main_like = matches!(ty, Some(TemplateType::Container | TemplateType::Script));
    let containers = t.containers();
    let set_has_main = containers.iter().any(|c| {
        c.role == ContainerRole::ContainerSet
            && c.node
                .get("name")
                .and_then(Node::as_str)
                .is_none_or(|n| n == MAIN)
    });
    let has_wait = matches!(
        ty,
        Some(TemplateType::Container | TemplateType::Script | TemplateType::ContainerSet)
    );
    let mut first: HashMap<&str, (ContainerRole, Span)> = HashMap::new();
    for c in containers.iter().filter(|c| c.role != ContainerRole::Main) {
        let Some(n) = c.node.get("name") else {
            continue;
        };
        let Some(name) = n.as_str() else { continue };
        if templated(name) {
            continue;
        }
        // Argo's own name rule for containerSet containers is `invalid-name`'s.
        if c.role == ContainerRole::ContainerSet && !expr::is_valid_object_name(name) {
            continue;
        }
        if let Some(p) = k8s_names::dns1123_label(name) {
            let mut d = cx.diag(
                n.span,
                format!(
                    "the name of {} is invalid: it {p}; {REFUSED}",
                    describe(c, who)
                ),
            );
            if let Some(s) = k8s_names::label_like(name) {
                d = d.with_help(format!("for example `{s}`"));
            }
            out.push(d);
            continue;
        }
        let argo_has = match name {
            INIT => true,
            WAIT => has_wait,
            MAIN => c.role != ContainerRole::ContainerSet && (main_like || set_has_main),
            _ => false,
        };
        if argo_has {
            out.push(
                cx.diag(
                    n.span,
                    format!("{} is named `{name}`, like the container Argo adds to every such pod; {REFUSED} (duplicate container name)", describe(c, who)),
                )
                .with_help("rename it"),
            );
            continue;
        }
        match first.get(name) {
            // Two of one list are `duplicate-name`'s.
            Some(&(role, at)) if role != c.role && !pods.defaults => out.push(
                cx.diag(
                    n.span,
                    format!("{} has the name of {} {} of the same pod; {REFUSED} (duplicate container name)", describe(c, who), if role == ContainerRole::Init { "an" } else { "a" }, role.describe()),
                )
                .with_label(at, format!("`{name}` is first used here")),
            ),
            Some(_) => {}
            None => {
                first.insert(name, (c.role, n.span));
            }
        }
    }
}

fn volumes(
    t: &Template<'_>,
    pods: &Pods<'_>,
    who: &str,
    cx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<&str, Span> = HashMap::new();
    for v in t.node.seq("volumes") {
        let Some(n) = v.get("name") else { continue };
        let Some(name) = n.as_str() else { continue };
        if templated(name) {
            continue;
        }
        if let Some(p) = k8s_names::dns1123_label(name) {
            let mut d = cx.diag(
                n.span,
                format!("volume name `{name}` of {who} is invalid: it {p}; {REFUSED}"),
            );
            if let Some(s) = k8s_names::label_like(name) {
                d = d.with_help(format!("for example `{s}` (and in its `volumeMounts`)"));
            }
            out.push(d);
        } else if ARGO_VOLUMES.contains(&name) {
            out.push(cx.diag(
                n.span,
                format!("volume `{name}` of {who} has the name of a volume Argo adds to every pod; {REFUSED} (duplicate volume name)"),
            ));
        } else if let Some(&at) = first.get(name) {
            if !pods.defaults {
                out.push(
                    cx.diag(
                        n.span,
                        format!("volume name `{name}` of {who} is not unique; {REFUSED}"),
                    )
                    .with_label(at, "first defined here"),
                );
            }
        } else {
            first.insert(name, n.span);
        }
    }
    // Mounts that name no volume Argo can find.
    let Some(mountable) = &pods.mountable else {
        return;
    };
    let local: Vec<&str> = t
        .node
        .seq("volumes")
        .iter()
        .filter_map(|v| v.get("name").and_then(Node::as_str))
        .collect();
    let mut mounts: Vec<&Node> = Vec::new();
    for c in t.containers() {
        if c.role != ContainerRole::ContainerSet {
            mounts.extend(c.node.seq("volumeMounts"));
        }
    }
    if let Some(cs) = t.get("containerSet") {
        mounts.extend(cs.seq("volumeMounts"));
    }
    for m in mounts {
        let Some(n) = m.get("name") else { continue };
        let Some(name) = n.as_str() else { continue };
        if templated(name) || local.contains(&name) || mountable.contains(&name) {
            continue;
        }
        out.push(
            cx.diag(
                n.span,
                format!("volume mount `{name}` of {who} names no volume of the template, of `spec.volumes` or of `spec.volumeClaimTemplates`; Argo fails the step (\"volume '{name}' not found in workflow spec\")"),
            )
            .with_severity(Severity::Warning)
            .with_help("declare the volume, or fix the mount's name (the controller's workflow defaults could also declare it)"),
        );
    }
}

fn container(
    c: &Container<'_>,
    pods: &Pods<'_>,
    who: &str,
    cx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let what = describe(c, who);
    // Ports.
    let mut port_names: HashMap<&str, Span> = HashMap::new();
    for p in c.node.seq("ports") {
        for (key, zero_ok) in [("containerPort", false), ("hostPort", true)] {
            let Some(n) = p.get(key) else { continue };
            let Some(v) = n.as_i64() else { continue };
            let valid = (1..=65535).contains(&v) || (zero_ok && v == 0);
            if !valid {
                out.push(cx.diag(
                    n.span,
                    format!("`{key}` {v} of {what} is not a port number (1 to 65535); {REFUSED}"),
                ));
            }
        }
        let Some(n) = p.get("name") else { continue };
        let Some(name) = n.as_str() else { continue };
        if templated(name) || name.is_empty() {
            continue;
        }
        if let Some(problem) = k8s_names::port_name(name) {
            out.push(cx.diag(
                n.span,
                format!("port name `{name}` of {what} is invalid: it {problem}; {REFUSED}"),
            ));
        } else if let Some(&at) = port_names.get(name) {
            out.push(
                cx.diag(
                    n.span,
                    format!("port name `{name}` of {what} is not unique; {REFUSED}"),
                )
                .with_label(at, "first used here"),
            );
        } else {
            port_names.insert(name, n.span);
        }
    }
    // Probes.
    let plain_init = c.role == ContainerRole::Init
        && c.node.get("restartPolicy").and_then(Node::as_str) != Some("Always");
    for probe in PROBES {
        let Some(e) = c.node.entry(probe) else {
            continue;
        };
        if e.value.is_null() {
            continue;
        }
        if plain_init {
            out.push(cx.diag(
                e.key.span,
                format!("{what} has a `{probe}`, which init containers may not have (unless `restartPolicy: Always`); {REFUSED}"),
            ));
            continue;
        }
        let handlers: Vec<&crate::source::Entry> = PROBE_HANDLERS
            .iter()
            .filter_map(|h| e.value.entry(h).filter(|h| !h.value.is_null()))
            .collect();
        if handlers.len() > 1 {
            let names: Vec<String> = handlers
                .iter()
                .filter_map(|h| h.key_str().map(|k| format!("`{k}`")))
                .collect();
            out.push(cx.diag(
                handlers[1].key.span,
                format!("`{probe}` of {what} has {} handlers ({}); a probe may have only one; {REFUSED}", handlers.len(), names.join(", ")),
            ));
        } else if handlers.is_empty() && e.value.as_map().is_some() && !pods.defaults {
            out.push(
                cx.diag(
                    e.key.span,
                    format!("`{probe}` of {what} has no handler; {REFUSED}"),
                )
                .with_help("give it one of `exec`, `httpGet`, `tcpSocket` or `grpc`"),
            );
        }
        if probe != "readinessProbe"
            && let Some(n) = e.value.get("successThreshold")
            && let Some(v) = n.as_i64()
            && v != 1
        {
            out.push(cx.diag(
                n.span,
                format!("`{probe}.successThreshold` of {what} is {v}; it must be 1 for liveness and startup probes; {REFUSED}"),
            ));
        }
    }
    if plain_init && let Some(e) = c.node.entry("lifecycle").filter(|e| !e.value.is_null()) {
        out.push(cx.diag(
            e.key.span,
            format!("{what} has a `lifecycle`, which init containers may not have (unless `restartPolicy: Always`); {REFUSED}"),
        ));
    }
    // Environment variable names.
    for v in c.node.seq("env") {
        let Some(n) = v.get("name") else { continue };
        let Some(name) = n.as_str() else { continue };
        if templated(name) {
            continue;
        }
        if name.contains('=') || name.chars().any(|ch| !(' '..='~').contains(&ch)) {
            out.push(cx.diag(
                n.span,
                format!("environment variable name `{name}` of {what} is invalid: it may contain neither `=` nor characters other than printable ASCII; {REFUSED}"),
            ));
        }
    }
    // Resource names.
    for list in ["requests", "limits"] {
        let Some(r) = c.node.get_path(&["resources", list]) else {
            continue;
        };
        for e in r.as_map().unwrap_or(&[]) {
            let Some(k) = e.key_str() else { continue };
            if templated(k) || k.contains('/') {
                continue;
            }
            if !matches!(k, "cpu" | "memory" | "ephemeral-storage") && !k.starts_with("hugepages-")
            {
                let gpu = k.to_ascii_lowercase().contains("gpu");
                let lower = k.to_ascii_lowercase();
                let instead =
                    crate::suggest::did_you_mean(&lower, &["cpu", "memory", "ephemeral-storage"])
                        .filter(|_| !gpu);
                let mut d = cx.diag(
                    e.key.span,
                    format!(
                        "`resources.{list}.{k}` of {what} is not a container resource; {REFUSED}"
                    ),
                );
                if let Some(f) = instead.and_then(|s| super::rename_fix(cx.file, e.key.span, k, s))
                {
                    d = d.with_fix(f);
                }
                out.push(
                    d
                    .with_help(
                        if k.to_ascii_lowercase().contains("gpu") {
                            Some("GPUs are extended resources, named with their vendor's domain: `nvidia.com/gpu`, `amd.com/gpu`".to_string())
                        } else {
                            super::did_you_mean(&k.to_ascii_lowercase(), &["cpu", "memory", "ephemeral-storage"])
                        }
                            .unwrap_or_else(|| "use `cpu`, `memory`, `ephemeral-storage`, `hugepages-<size>`, or an extended resource with a domain (`nvidia.com/gpu`)".to_string()),
                    ),
                );
            }
        }
    }
}
