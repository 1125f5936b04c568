//! `image-not-pinned`: an image without a tag, or tagged `latest`.

use crate::diagnostic::Severity;
use crate::rules::helpers::templated;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL607",
    name: "image-not-pinned",
    category: Category::Resources,
    severity: Severity::Warning,
    fields: &["Container.image"],
    summary: "A container image has no tag or uses `:latest`, so runs are not reproducible and every pod pulls it again.",
    docs: r#"
## What it does
Checks the `image` of every container a template runs. It reports images without a tag
(`python`, `registry:5000/team/tool`) and images tagged `latest`. Images pinned by digest
(`alpine@sha256:…`) and templated images (`{{inputs.parameters.image}}`) are fine.

## Why is this bad
An untagged image means `:latest`, which moves whenever its publisher pushes. The same
workflow then runs different code from one day to the next, and from one node to another
(each node caches whatever it pulled last); a failure cannot be reproduced, and a
publisher's breaking change breaks your pipeline without any change on your side. For
`:latest` Kubernetes also defaults `imagePullPolicy` to `Always`: every pod of every step
pulls the image from the registry again, which slows steps, costs bandwidth, and runs into
registry rate limits (Docker Hub's) with large fan-outs.

## Example
```yaml
container:
  image: python
  command: [python, -c, "print('hello')"]
```

## How to fix
Pin a version tag, or a digest for full reproducibility:

```yaml
container:
  image: python:3.12.4-slim
```
"#,
};

/// What is wrong with an image reference: `Some("no tag")`, `Some("the `latest` tag")`.
fn problem(image: &str) -> Option<&'static str> {
    let image = image.trim();
    if image.is_empty() || templated(image) || image.contains(char::is_whitespace) {
        return None;
    }
    if image.contains('@') {
        return None; // pinned by digest
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        None => Some("has no tag, so Kubernetes pulls `:latest`"),
        Some((_, "latest")) => Some("uses the `latest` tag"),
        Some(_) => None,
    }
}

/// The image without its tag.
fn repository(image: &str) -> &str {
    let slash = image.rfind('/').map_or(0, |i| i + 1);
    match image[slash..].find(':') {
        Some(c) => &image[..slash + c],
        None => image,
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    for (t, c) in super::containers(cx) {
        let Some(node) = c.node.get("image") else {
            continue;
        };
        let Some(image) = node.as_str() else { continue };
        let Some(what) = problem(image) else { continue };
        let policy = c.node.get("imagePullPolicy").and_then(Node::as_str);
        let pulls = if policy.is_some_and(|p| p != "Always") {
            ""
        } else {
            ", and every pod pulls it again (`imagePullPolicy` defaults to `Always` for `latest`)"
        };
        cx.report(
            cx.diag(node.span,
                format!(
                    "image `{}` of {} {what}: it changes whenever it is republished, so runs are not reproducible{pulls}",
                    image.trim(),
                    super::describe(&t, &c)
                ),
            )
            .with_help(format!(
                "pin a version tag (`{repo}:<version>`) or a digest (`{repo}@sha256:…`)",
                repo = repository(image.trim())
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn tags_and_digests() {
        assert!(problem("busybox").is_some());
        assert!(problem("alpine:latest").is_some());
        assert!(problem("localhost:5000/team/tool").is_some());
        assert!(problem("localhost:5000/team/tool:1.2").is_none());
        assert!(problem("alpine:3.20").is_none());
        assert!(problem("alpine@sha256:0123abcd").is_none());
        assert!(problem("{{inputs.parameters.image}}").is_none());
        assert!(problem("{{inputs.parameters.image}}:{{inputs.parameters.tag}}").is_none());
        assert!(problem("Placeholder for an image").is_none());
        assert_eq!(
            super::repository("localhost:5000/a/b:latest"),
            "localhost:5000/a/b"
        );
        assert_eq!(super::repository("busybox"), "busybox");
    }
}
