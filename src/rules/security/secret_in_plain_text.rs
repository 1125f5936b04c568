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
    summary: "A literal env var or parameter value is a credential: a known token or key format, or a random-looking value under a credential's name.",
    docs: r#"
## What it does
Judges the **values** of every container `env` entry with a literal `value`, and of every
parameter `value`, `default` and `enum` entry (workflow `arguments`, template `inputs`, step
and task `arguments`). A value is reported when:

- it has the form of a known credential, whatever its name: a GitHub token (`ghp_…`,
  `github_pat_…`), a GitLab token (`glpat-…`), an AWS access key id (`AKIA…`), a Slack token
  (`xoxb-…`) or webhook URL, a Google API key (`AIza…`), a JWT, a PEM private key, a Google
  service-account key file, or a URL with a password in it (`https://user:pass@host`); or
- its name reads like a credential (`password`, `token`, `secret`, `api key`, `access key`,
  `private key`, `auth`, with any case and separator) and the value looks like one: at
  least six characters that do not read as a name (mixed case, digits inside words,
  symbols: `s3cr3t-passw0rd`, `wJalrXUtnFEMI/K7MDENG`).

Values that name a secret instead of holding one are never reported: a value that is also
the `name` or `key` of a `secretKeyRef`, `secretRef` or `secret` volume in the document, a
parameter that the document passes into such a reference, lower-case names such as
`github-credentials` or `password` (the name of a Secret or of a key in it), file paths,
URLs without a password, `{{...}}` expressions, `$(VAR)` references, numbers and booleans.
Names that refer to a secret rather than hold one (`SECRET_NAME`, `TOKEN_PATH`,
`PASSWORD_FILE`, `tokenUrl`) are skipped unless the value has a known credential form.

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

For a parameter, pass the Secret's name (a parameter such as `git-token-secret:
github-credentials` is fine) and read the secret in the step.
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

/// A value worth judging: literal, non-empty, not a reference.
fn literal(v: &Node) -> Option<&str> {
    let s = v.as_str()?.trim();
    if s.is_empty() || templated(s) || s.contains("$(") || s.contains("${") {
        return None;
    }
    // Flags and counts (`max-tokens: "512"`) are not credentials.
    if matches!(s, "true" | "false") || s.parse::<f64>().is_ok() {
        return None;
    }
    Some(s)
}

fn all(s: &str, f: impl Fn(char) -> bool) -> bool {
    s.chars().all(f)
}

fn token_chars(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The known credential form of a value, if it has one.
pub(crate) fn credential_form(v: &str) -> Option<&'static str> {
    let prefixed = |prefix: &str, min: usize| {
        v.strip_prefix(prefix)
            .is_some_and(|rest| rest.len() >= min && all(rest, token_chars))
    };
    if ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]
        .iter()
        .any(|p| prefixed(p, 30))
        || prefixed("github_pat_", 40)
    {
        return Some("a GitHub token");
    }
    if prefixed("glpat-", 20) {
        return Some("a GitLab token");
    }
    if (v.starts_with("AKIA") || v.starts_with("ASIA"))
        && v.len() == 20
        && all(v, |c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Some("an AWS access key id");
    }
    if ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xapp-"]
        .iter()
        .any(|p| prefixed(p, 20))
    {
        return Some("a Slack token");
    }
    if v.starts_with("https://hooks.slack.com/services/") && v.len() > 50 {
        return Some("a Slack webhook URL");
    }
    if prefixed("AIza", 35) {
        return Some("a Google API key");
    }
    if prefixed("sk_live_", 16) || prefixed("rk_live_", 16) {
        return Some("a Stripe secret key");
    }
    if v.contains("-----BEGIN") && v.contains("PRIVATE KEY") {
        return Some("a PEM private key");
    }
    if v.contains("\"private_key\"") && v.contains("service_account") {
        return Some("a Google service-account key");
    }
    let parts: Vec<&str> = v.split('.').collect();
    if parts.len() == 3
        && parts[0].starts_with("eyJ")
        && parts[1].starts_with("eyJ")
        && parts.iter().all(|p| p.len() >= 10 && all(p, token_chars))
    {
        return Some("a JSON Web Token");
    }
    if url_password(v) {
        return Some("a URL with a password");
    }
    None
}

/// `scheme://user:password@host…` with a literal password.
fn url_password(v: &str) -> bool {
    let Some((scheme, rest)) = v.split_once("://") else {
        return false;
    };
    if scheme.is_empty() || !all(scheme, |c| c.is_ascii_alphanumeric() || "+.-".contains(c)) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let Some((userinfo, _host)) = authority.rsplit_once('@') else {
        return false;
    };
    let Some((_user, password)) = userinfo.split_once(':') else {
        return false;
    };
    !password.is_empty() && !password.starts_with('$') && !password.starts_with('{')
}

/// Does a value read as a name (of a Secret, a key, a host) rather than as a credential?
/// Lower-case words of letters, each maybe followed by digits (`github-credentials`,
/// `db-creds-v2`, `password`, `.dockerconfigjson`).
fn name_like(v: &str) -> bool {
    v.split(['-', '.', '_', '/', ':']).all(|w| {
        let letters = w.trim_end_matches(|c: char| c.is_ascii_digit());
        all(letters, |c| c.is_ascii_lowercase())
    })
}

/// Does the value, under a credential's name, look like the credential itself?
fn looks_secret(v: &str) -> bool {
    if v.chars().count() < 6 || v.chars().any(char::is_whitespace) {
        return false;
    }
    if v.starts_with('/') || v.starts_with("./") || v.starts_with("~/") || v.contains("://") {
        return false; // a path or a URL without a password
    }
    !name_like(v)
}

/// Why a value is reported, if it is.
fn verdict(name: &str, v: &str) -> Option<String> {
    if let Some(form) = credential_form(v) {
        return Some(format!("has the form of {form}"));
    }
    (secret_like(name) && looks_secret(v)).then(|| "looks like a credential".to_string())
}

/// Names and keys of Secrets the document references, and the parameters it passes into
/// such references: values that name a secret rather than hold one.
struct SecretRefs {
    values: Vec<String>,
    parameters: Vec<String>,
}

impl SecretRefs {
    fn collect(root: &Node) -> SecretRefs {
        let mut refs = SecretRefs {
            values: Vec::new(),
            parameters: Vec::new(),
        };
        root.walk(&mut |n| {
            let Some(entries) = n.as_map() else { return };
            for e in entries {
                let Some(k) = e.key_str() else { continue };
                let fields: &[&str] = match k {
                    "secretKeyRef" | "secretRef" => &["name", "key"],
                    "secret" => &["secretName", "name"],
                    "secretName" => &[""],
                    _ => continue,
                };
                for f in fields {
                    let v = if f.is_empty() {
                        Some(&e.value)
                    } else {
                        e.value.get(f)
                    };
                    if let Some(s) = v.and_then(Node::as_str) {
                        refs.add(s);
                    }
                }
                // `secret: {items: [{key: …}]}` in a volume.
                for item in e.value.seq("items") {
                    if let Some(s) = item.get("key").and_then(Node::as_str) {
                        refs.add(s);
                    }
                }
            }
        });
        refs
    }

    fn add(&mut self, s: &str) {
        if templated(s) {
            for tag in crate::model::expr::scan_tags(s).tags {
                let r = tag.reference();
                if let Some(p) = r
                    .strip_prefix("inputs.parameters.")
                    .or_else(|| r.strip_prefix("workflow.parameters."))
                {
                    self.parameters.push(p.trim().to_string());
                }
            }
        } else {
            self.values.push(s.trim().to_string());
        }
    }

    fn names_a_secret(&self, param: Option<&str>, v: &str) -> bool {
        self.values.iter().any(|x| x == v)
            || param.is_some_and(|p| self.parameters.iter().any(|x| x == p))
    }
}

fn parameters(cx: &mut Context<'_>, refs: &SecretRefs, params: &[Node], whose: &str) {
    for p in params {
        let Some(name) = p.get("name").and_then(Node::as_str) else {
            continue;
        };
        let enums = p.seq("enum").iter().map(|v| (v, "enum entry"));
        let values = ["value", "default"]
            .into_iter()
            .filter_map(|f| p.get(f).map(|v| (v, f)));
        for (v, field) in values.chain(enums) {
            let Some(s) = literal(v) else { continue };
            if refs.names_a_secret(Some(name), s) {
                continue;
            }
            let Some(why) = verdict(name, s) else {
                continue;
            };
            cx.report(
                cx.diag(v.span,
                    format!("parameter `{name}` of {whose} holds a literal {field} that {why}: it is stored in plain text in the Workflow object, the archive, the UI and the pods that receive it"),
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
    let refs = SecretRefs::collect(spec.node);
    for (whose, c) in super::all_containers(cx) {
        for e in c.node.seq("env") {
            let Some(name) = e.get("name").and_then(Node::as_str) else {
                continue;
            };
            let Some(v) = e.get("value") else { continue };
            let Some(s) = literal(v) else { continue };
            if refs.names_a_secret(None, s) {
                continue;
            }
            let Some(why) = verdict(name, s) else {
                continue;
            };
            cx.report(
                cx.diag(v.span,
                    format!("env var `{name}` of {whose} has a literal value that {why}: it is stored in plain text in Git, in the Workflow object in etcd, in the archive and in every pod spec"),
                )
                .with_help("read it from a Secret: `valueFrom: {secretKeyRef: {name: <secret>, key: <key>}}` instead of `value`"),
            );
        }
    }
    parameters(
        cx,
        &refs,
        spec.argument_parameters(),
        "the workflow's arguments",
    );
    for t in spec.templates() {
        let tname = t.name().unwrap_or("(unnamed)");
        parameters(
            cx,
            &refs,
            t.input_parameters(),
            &format!("template `{tname}`"),
        );
        for s in t.invocations() {
            parameters(
                cx,
                &refs,
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
    use super::{credential_form, looks_secret, secret_like};

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

    #[test]
    fn credential_values() {
        for v in [
            "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
            "AKIAIOSFODNN7EXAMPLE",
            "xoxb-123456789012-1234567890123-abcdefghijklmnop",
            "AIzaSyA1234567890abcdefghijklmnopqrstuv",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
            "postgres://app:hunter2@db.example.com:5432/app",
        ] {
            assert!(credential_form(v).is_some(), "{v}");
        }
        for v in [
            "https://github.com/argoproj/argo-workflows",
            "postgres://app@db:5432/app",
            "https://user:$(PASSWORD)@host",
            "github-credentials",
            "AKIA",
        ] {
            assert!(credential_form(v).is_none(), "{v}");
        }
    }

    #[test]
    fn secret_looking_values() {
        for v in [
            "s3cr3t-passw0rd",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "Pa55word!",
        ] {
            assert!(looks_secret(v), "{v}");
        }
        for v in [
            "github-credentials",
            "git-token",
            "password",
            ".dockerconfigjson",
            "db-creds-v2",
            "/var/run/secrets/token",
            "https://vault.example.com",
            "abc",
            "my secret phrase is long",
        ] {
            assert!(!looks_secret(v), "{v}");
        }
    }
}
