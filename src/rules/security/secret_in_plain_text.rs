//! `secret-in-plain-text`: a literal value under a name like password, token or API key.

use crate::diagnostic::Severity;
use crate::rules::helpers::templated;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL708",
    name: "secret-in-plain-text",
    category: Category::Security,
    severity: Severity::Warning,
    fields: &["EnvVar.value", "Parameter.value"],
    summary: "A literal env var or parameter value is named like a secret (password, token, secret, API key).",
    docs: r#"
## What it does
Looks at every container `env` entry with a literal `value`, and at every parameter
`value` or `default` (workflow `arguments`, template `inputs`, step and task `arguments`),
whose name reads like a credential: it contains `password`, `passwd`, `secret`, `token`,
`credential`, `api key`, `access key`, `private key` or `auth`, in any case and with any
separator (`DB_PASSWORD`, `apiKey`, `github-token`). Names that refer to a secret rather
than hold one (`SECRET_NAME`, `TOKEN_PATH`, `PASSWORD_FILE`, `tokenUrl`) are skipped, as are
empty values, numbers and booleans (`max-tokens: "512"`), and values that are `{{...}}`
expressions or `$(VAR)` references.

## Why is this bad
A value written in the manifest is stored in plain text in Git, in the Workflow object in
etcd (readable by anyone who can `get` workflows, which is many more people than can read
Secrets), in the workflow archive, in the UI, and in the pod spec of every step that
receives it. Parameters are also printed in logs and node outputs. Rotating it means
finding every copy.

## Example
```yaml
container:
  image: postgres:16.3
  env:
    - name: PGPASSWORD
      value: s3cr3t-passw0rd
```

## How to fix
Keep the value in a Kubernetes Secret and reference it:

```yaml
  env:
    - name: PGPASSWORD
      valueFrom:
        secretKeyRef: {name: db-credentials, key: password}
```

For a parameter, pass the Secret's name and read the secret in the step.
"#,
};

/// Splits `DB_PASSWORD`, `apiKey`, `github-token` into lower-case words.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Does this name read like a credential that holds the secret itself?
pub(crate) fn secret_like(name: &str) -> bool {
    let w = words(name);
    let Some(last) = w.last() else { return false };
    const REFERS: &[&str] = &[
        "method",
        "provider",
        "scheme",
        "limit",
        "max",
        "min",
        "name",
        "names",
        "file",
        "path",
        "dir",
        "ref",
        "url",
        "uri",
        "id",
        "arn",
        "length",
        "type",
        "kind",
        "mode",
        "version",
        "ttl",
        "expiry",
        "expiration",
        "header",
        "endpoint",
        "namespace",
        "location",
        "secretname",
        "policy",
        "enabled",
        "count",
        "size",
    ];
    if REFERS.contains(&last.as_str()) {
        return false;
    }
    let joined: String = w.concat();
    const PARTS: &[&str] = &[
        "password",
        "passwd",
        "passphrase",
        "secret",
        "token",
        "credential",
        "apikey",
        "accesskey",
        "privatekey",
    ];
    if PARTS.iter().any(|p| joined.contains(p)) {
        // `tokenizer`, `secretary`: whole words only for the short ones.
        return w.iter().any(|x| {
            PARTS.iter().any(|p| x == p || x == &format!("{p}s"))
                || x.contains("password")
                || x.contains("passwd")
        }) || ["apikey", "accesskey", "privatekey"]
            .iter()
            .any(|p| joined.contains(p));
    }
    w.iter().any(|x| x == "pwd" || x == "auth")
}

/// A value worth reporting: literal, non-empty, not a reference.
fn literal(v: &Node) -> Option<&str> {
    let s = v.as_str()?.trim();
    if s.is_empty() || templated(s) || (s.starts_with("$(") && s.ends_with(')')) {
        return None;
    }
    // Flags and counts (`max-tokens: "512"`) are not credentials.
    if matches!(s, "true" | "false") || s.parse::<f64>().is_ok() {
        return None;
    }
    Some(s)
}

fn parameters(cx: &mut Context<'_>, params: &[Node], whose: &str) {
    for p in params {
        let Some(name) = p.get("name").and_then(Node::as_str) else {
            continue;
        };
        if !secret_like(name) {
            continue;
        }
        for field in ["value", "default"] {
            let Some(v) = p.get(field) else { continue };
            if literal(v).is_none() {
                continue;
            }
            cx.report(
                cx.diag(v.span,
                    format!("parameter `{name}` of {whose} holds a literal {field} that looks like a credential: it is stored in plain text in the Workflow object, the archive, the UI and the pods that receive it"),
                )
                .with_help("keep the value in a Kubernetes Secret; pass the Secret's name and read it in the step (`env.valueFrom.secretKeyRef`)"),
            );
        }
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for (whose, c) in super::all_containers(cx) {
        for e in c.node.seq("env") {
            let Some(name) = e.get("name").and_then(Node::as_str) else {
                continue;
            };
            let Some(v) = e.get("value") else { continue };
            if !secret_like(name) || literal(v).is_none() {
                continue;
            }
            cx.report(
                cx.diag(v.span,
                    format!("env var `{name}` of {whose} has a literal value that looks like a credential: it is stored in plain text in Git, in the Workflow object in etcd, in the archive and in every pod spec"),
                )
                .with_help("read it from a Secret: `valueFrom: {secretKeyRef: {name: <secret>, key: <key>}}` instead of `value`"),
            );
        }
    }
    parameters(cx, spec.argument_parameters(), "the workflow's arguments");
    for t in spec.templates() {
        let tname = t.name().unwrap_or("(unnamed)");
        parameters(cx, t.input_parameters(), &format!("template `{tname}`"));
        for s in t.invocations() {
            parameters(
                cx,
                s.argument_parameters(),
                &format!(
                    "step `{}` of template `{tname}`",
                    s.name().unwrap_or("(unnamed)")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::secret_like;

    #[test]
    fn credential_names() {
        for n in [
            "DB_PASSWORD",
            "PGPASSWORD",
            "apiKey",
            "api-key",
            "github-token",
            "AWS_SECRET_ACCESS_KEY",
            "client_secret",
            "slackWebhookToken",
            "ssh-private-key",
        ] {
            assert!(secret_like(n), "{n}");
        }
        for n in [
            "SECRET_NAME",
            "TOKEN_PATH",
            "password-file",
            "tokenUrl",
            "tokenizer",
            "message",
            "secretary",
            "author",
            "keyspace",
            "auth-method",
            "token-limit",
        ] {
            assert!(!secret_like(n), "{n}");
        }
    }
}
