//! `unbounded-memory-volume`: a memory-backed `emptyDir` (`medium: Memory`) with no `sizeLimit`.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL608",
    name: "unbounded-memory-volume",
    category: Category::Resources,
    severity: Severity::Warning,
    fields: &[
        "WorkflowSpec.volumes",
        "Template.volumes",
        "EmptyDirVolumeSource.medium",
        "EmptyDirVolumeSource.sizeLimit",
    ],
    summary: "An `emptyDir` volume with `medium: Memory` and no `sizeLimit`: a tmpfs that can grow until the container is OOM-killed or the node runs out of memory.",
    docs: r#"
## What it does
Finds `emptyDir` volumes with `medium: Memory` and no `sizeLimit`, in the workflow's
`volumes`, in `spec.templateDefaults.volumes` and in each template's `volumes`.

## Why is this bad
A memory-backed `emptyDir` is a tmpfs: every byte written to it is RAM, charged to the memory
of the container that writes it. Without `sizeLimit` the tmpfs may grow as large as the pod's
memory limit or, with no limit, the node's memory. A step that writes a bigger file than
expected is then OOM-killed (exit code 137, `OOMKilled`), usually far from the line that
caused it; without a memory limit it pushes the node into memory pressure, where the kubelet
evicts other pods. Scratch space in memory is a common speed-up for shuffles and model
loading, and exactly the place where sizes grow unnoticed.

## Example
```yaml
spec:
  volumes:
    - name: scratch
      emptyDir:
        medium: Memory
  templates:
    - name: shuffle
      container:
        image: python:3.12-slim
        volumeMounts: [{name: scratch, mountPath: /scratch}]
```

## How to fix
Bound the volume, and give the containers that write to it a memory limit that covers the
volume plus their own use:

```yaml
  volumes:
    - name: scratch
      emptyDir:
        medium: Memory
        sizeLimit: 1Gi
```

Or drop `medium: Memory` and use disk (`emptyDir: {}`), which is not charged as memory.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let mut lists: Vec<(&Node, String)> = vec![(spec.node, "the workflow's `volumes`".into())];
    if let Some(d) = spec.template_defaults() {
        lists.push((d.node, "`spec.templateDefaults.volumes`".into()));
    }
    for t in spec.templates() {
        lists.push((
            t.node,
            format!(
                "the `volumes` of template `{}`",
                t.name().unwrap_or("(unnamed)")
            ),
        ));
    }
    for (owner, label) in lists {
        for v in owner.seq("volumes") {
            let Some(empty_dir) = v.get("emptyDir") else {
                continue;
            };
            let Some(medium) = empty_dir
                .get("medium")
                .filter(|m| m.as_str() == Some("Memory"))
            else {
                continue;
            };
            if empty_dir.get("sizeLimit").is_some_and(|s| !s.is_null()) {
                continue;
            }
            let name = v.get("name").and_then(Node::as_str).unwrap_or("(unnamed)");
            cx.report(
                cx.diag(
                    medium.span,
                    format!(
                        "`emptyDir` volume `{name}` in {label} is held in memory (`medium: Memory`) with no `sizeLimit`: what steps write there counts as their containers' memory, so a large file gets a container OOM-killed (exit code 137) or, without a memory limit, drains the node's memory"
                    ),
                )
                .with_help(
                    "set `sizeLimit` (e.g. `sizeLimit: 1Gi`) and a memory limit on the containers that write to it that covers the volume, or drop `medium: Memory` to use disk",
                ),
            );
        }
    }
}
