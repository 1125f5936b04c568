//! `host-path-volume`: pods mounting the node's filesystem, worst of all the container
//! runtime's socket.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, Span};

pub static META: RuleMeta = RuleMeta {
    code: "AL706",
    name: "host-path-volume",
    category: Category::Security,
    severity: Severity::Warning,
    fields: &["Volume.hostPath"],
    summary: "A `hostPath` volume mounts the node's filesystem; an error for the container runtime's socket.",
    docs: r#"
## What it does
Flags `hostPath` volumes in `spec.volumes`, in a template's `volumes`, and in
`podSpecPatch`es. It is an error when the path is a container runtime socket
(`docker.sock`, `containerd.sock`, `crio.sock`) or a directory that holds one (`/`,
`/var/run`, `/run`, …).

## Why is this bad
A `hostPath` volume reaches past the pod into the node: the pod reads (or writes) files of
other pods and of the node itself, and ties itself to that node's layout. The container
runtime's socket is the extreme: whoever can talk to it can start a privileged container
on the node with the host's root filesystem mounted. Mounting it into a workflow step
hands root on the node to every command that step runs, and it has been the classic way
to run `docker build` in CI.

## Example
```yaml
volumes:
  - name: docker
    hostPath: {path: /var/run/docker.sock}
```

## How to fix
Use an `emptyDir`, a PersistentVolumeClaim or artifacts to share data. To build images,
use a rootless builder (BuildKit rootless, kaniko, buildah) that needs no socket.
"#,
};

const SOCKETS: &[&str] = &[
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/var/run/containerd/containerd.sock",
    "/run/containerd/containerd.sock",
    "/var/run/crio/crio.sock",
    "/run/crio/crio.sock",
];

/// Does mounting `path` expose a container runtime socket?
fn exposes_socket(path: &str) -> bool {
    let p = path.trim().trim_end_matches('/');
    if p.is_empty() {
        return true; // `/`
    }
    if ["docker.sock", "containerd.sock", "crio.sock"]
        .iter()
        .any(|s| p.ends_with(s))
    {
        return true;
    }
    SOCKETS
        .iter()
        .any(|s| s.strip_prefix(p).is_some_and(|rest| rest.starts_with('/')))
}

fn volumes(cx: &mut Context<'_>, volumes: &[Node], at: Option<Span>) {
    for v in volumes {
        let Some(path) = v.get_path(&["hostPath", "path"]) else {
            continue;
        };
        let Some(p) = path.as_str() else { continue };
        let name = v.get("name").and_then(Node::as_str).unwrap_or("(unnamed)");
        let span = at.unwrap_or(path.span);
        let d = if exposes_socket(p) {
            cx.diag(span,
                format!("volume `{name}` mounts the host path `{p}`, which exposes the container runtime's socket: anything in the pod can start a privileged container and own the node"),
            )
            .with_help("remove the mount; build images with a rootless builder (BuildKit rootless, kaniko, buildah) instead")
        } else {
            cx.diag(span,
                format!("volume `{name}` mounts the host path `{p}`: the pod reaches into the node's filesystem, beyond its own sandbox"),
            )
            .with_help("use an `emptyDir`, a PersistentVolumeClaim or artifacts instead of `hostPath`")
        };
        cx.report(d);
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    volumes(cx, spec.node.seq("volumes"), None);
    for t in spec.templates() {
        volumes(cx, t.node.seq("volumes"), None);
    }
    for (node, patch) in super::parsed_patches(cx) {
        volumes(cx, patch.seq("volumes"), Some(node.span));
    }
}

#[cfg(test)]
mod tests {
    use super::exposes_socket;

    #[test]
    fn sockets_and_their_directories() {
        assert!(exposes_socket("/var/run/docker.sock"));
        assert!(exposes_socket("/run/containerd/containerd.sock"));
        assert!(exposes_socket("/var/run"));
        assert!(exposes_socket("/var/run/"));
        assert!(exposes_socket("/"));
        assert!(!exposes_socket("/var/log"));
        assert!(!exposes_socket("/var/running"));
        assert!(!exposes_socket("/data"));
    }
}
