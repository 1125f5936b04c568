//! Kubernetes' rules for names, label keys and values and annotation keys: the one home of
//! these facts. Each check returns what is wrong in argolint's words (`None`: valid).
//!
//! The rules are those of apimachinery's `pkg/util/validation` (`IsDNS1123Label`,
//! `IsDNS1123Subdomain`, `IsQualifiedName`, `IsValidLabelValue`, `IsValidPortName`) and of
//! `pkg/api/validation` (`NameIsDNSSubdomain` with its `generateName` prefix masking,
//! `ValidateAnnotations`' size limit), restated here.

/// The longest DNS-1123 label (namespaces, container and volume names, name parts).
pub const LABEL_MAX: usize = 63;
/// The longest DNS-1123 subdomain (object names, qualified-name prefixes).
pub const SUBDOMAIN_MAX: usize = 253;
/// The largest total size of an object's annotations (keys plus values, in bytes).
pub const ANNOTATIONS_MAX_BYTES: usize = 256 * 1024;
/// How much of a `generateName` the API server keeps before appending 5 random characters.
pub const GENERATE_NAME_KEPT: usize = 58;

fn lower_alnum(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, without the length limit.
fn label_shape(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && lower_alnum(b[0])
        && lower_alnum(b[b.len() - 1])
        && b.iter().all(|&c| lower_alnum(c) || c == b'-')
}

/// A DNS-1123 label: at most 63 lowercase letters, digits and `-`, starting and ending with a
/// letter or digit.
pub fn dns1123_label(s: &str) -> Option<String> {
    if s.len() > LABEL_MAX {
        return Some(format!(
            "is {} characters long; the limit is {LABEL_MAX}",
            s.len()
        ));
    }
    (!label_shape(s)).then(|| {
        "must consist of lowercase letters, digits and `-`, and start and end with a letter or digit (a DNS-1123 label)".to_string()
    })
}

/// A DNS-1123 subdomain: at most 253 characters, DNS-1123 labels (without their length limit)
/// joined by `.`.
pub fn dns1123_subdomain(s: &str) -> Option<String> {
    if s.len() > SUBDOMAIN_MAX {
        return Some(format!(
            "is {} characters long; the limit is {SUBDOMAIN_MAX}",
            s.len()
        ));
    }
    (!s.split('.').all(label_shape)).then(|| SUBDOMAIN_RULE.to_string())
}

/// What a DNS-1123 subdomain is made of, for messages.
pub const SUBDOMAIN_RULE: &str = "must consist of lowercase letters, digits, `-` and `.`, and start and end with a letter or digit (a DNS-1123 subdomain)";

/// The format of a DNS-1123 subdomain, ignoring its length.
pub fn is_dns1123_subdomain_shape(s: &str) -> bool {
    s.split('.').all(label_shape)
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`: a qualified name's name part and a label value.
fn qualified_shape(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// A qualified name (label keys, annotation keys): an optional DNS-1123 subdomain prefix and
/// `/`, then a name of at most 63 letters, digits, `-`, `_` and `.` that starts and ends with
/// a letter or digit.
pub fn qualified_name(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split('/').collect();
    let name =
        match parts.as_slice() {
            [name] => *name,
            [prefix, name] => {
                if prefix.is_empty() {
                    return Some("has an empty prefix before `/`".to_string());
                }
                if let Some(p) = dns1123_subdomain(prefix) {
                    return Some(format!("has a prefix that {p}"));
                }
                name
            }
            _ => return Some(
                "may contain at most one `/` (an optional DNS subdomain prefix, `/`, then a name)"
                    .to_string(),
            ),
        };
    if name.is_empty() {
        return Some("has an empty name".to_string());
    }
    if name.len() > LABEL_MAX {
        return Some(format!(
            "has a name part of {} characters; the limit is {LABEL_MAX}",
            name.len()
        ));
    }
    (!qualified_shape(name)).then(|| {
        "must consist of letters, digits, `-`, `_` and `.` (after an optional `prefix/`), and start and end with a letter or digit".to_string()
    })
}

/// A label value: empty, or at most 63 letters, digits, `-`, `_` and `.` that start and end
/// with a letter or digit.
pub fn label_value(s: &str) -> Option<String> {
    if s.len() > LABEL_MAX {
        return Some(format!(
            "is {} characters long; the limit is {LABEL_MAX}",
            s.len()
        ));
    }
    (!s.is_empty() && !qualified_shape(s)).then(|| {
        "must be empty or consist of letters, digits, `-`, `_` and `.`, and start and end with a letter or digit".to_string()
    })
}

/// An annotation key: a qualified name, with case ignored.
pub fn annotation_key(s: &str) -> Option<String> {
    qualified_name(&s.to_ascii_lowercase())
}

/// A `generateName`, as the API server checks it: the prefix itself (its last two characters
/// replaced by `a` when it ends with `-`, as `NameIsDNSSubdomain` masks a prefix), and the
/// name made from it (its first 58 characters and 5 random lowercase letters or digits).
pub fn generate_name(s: &str) -> Option<String> {
    let masked = if s.len() > 1 && s.ends_with('-') {
        format!("{}a", s.get(..s.len() - 2).unwrap_or(""))
    } else {
        s.to_string()
    };
    if let Some(p) = dns1123_subdomain(&masked) {
        return Some(p);
    }
    let kept: String = s.chars().take(GENERATE_NAME_KEPT).collect();
    dns1123_subdomain(&format!("{kept}aaaaa")).map(|_| {
        "makes names that are not DNS-1123 subdomains (lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit)".to_string()
    })
}

/// A port name (`IANA_SVC_NAME`): at most 15 lowercase letters, digits and `-`, with at least
/// one letter, no `-` at either end and no `--`.
pub fn port_name(s: &str) -> Option<String> {
    if s.len() > 15 {
        return Some(format!("is {} characters long; the limit is 15", s.len()));
    }
    let b = s.as_bytes();
    if !b.iter().all(|&c| lower_alnum(c) || c == b'-') {
        return Some("may contain only lowercase letters, digits and `-`".to_string());
    }
    if !b.iter().any(u8::is_ascii_lowercase) {
        return Some("must contain at least one letter".to_string());
    }
    if s.starts_with('-') || s.ends_with('-') || s.contains("--") {
        return Some("may not start or end with `-` or contain `--`".to_string());
    }
    None
}

/// `s` made into a DNS-1123 label where that is a matter of case and separators: lowercase,
/// `_` and `.` turned into `-`, no `-` at either end. `None` when the result is still invalid.
pub fn label_like(s: &str) -> Option<String> {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '_' | '.' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let t = mapped.trim_matches('-').to_string();
    dns1123_label(&t).is_none().then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_subdomains() {
        assert_eq!(dns1123_label("main"), None);
        assert_eq!(dns1123_label("a-1"), None);
        for bad in ["", "My_Step", "a.b", "-a", "a-", "A", &"a".repeat(64)] {
            assert!(dns1123_label(bad).is_some(), "{bad}");
        }
        assert_eq!(dns1123_subdomain("a.b-c.d"), None);
        for bad in [
            "",
            "a..b",
            ".a",
            "a.",
            "Create_All",
            "create-all-overviews-",
        ] {
            assert!(dns1123_subdomain(bad).is_some(), "{bad}");
        }
        assert!(dns1123_subdomain(&"a".repeat(254)).is_some());
        assert_eq!(dns1123_subdomain(&"a".repeat(253)), None);
    }

    #[test]
    fn qualified_names_and_label_values() {
        for ok in [
            "app",
            "app.kubernetes.io/name",
            "A_b.c-D",
            "example.com/MyName",
            "x/y",
        ] {
            assert_eq!(qualified_name(ok), None, "{ok}");
        }
        for bad in [
            "",
            "/x",
            "a/b/c",
            "Example.com/x",
            "x/",
            "-x",
            "x_",
            "has space",
            &"a".repeat(64),
        ] {
            assert!(qualified_name(bad).is_some(), "{bad}");
        }
        assert_eq!(annotation_key("Example.COM/x"), None);
        assert_eq!(label_value(""), None);
        assert_eq!(label_value("v1.2_3-x"), None);
        for bad in ["-x", "a b", "x/y", &"a".repeat(64)] {
            assert!(label_value(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn generate_names_like_the_api_server() {
        assert_eq!(generate_name("hello-"), None);
        assert_eq!(generate_name("a-"), None);
        assert_eq!(generate_name("hello"), None);
        assert!(generate_name("Hello-").is_some());
        assert!(generate_name("hello_-").is_some());
        assert!(generate_name("hello.").is_some());
        // Only the first 58 characters make the name.
        assert_eq!(generate_name(&format!("{}-", "a".repeat(100))), None);
    }

    #[test]
    fn port_names() {
        assert_eq!(port_name("http"), None);
        assert_eq!(port_name("metrics-2"), None);
        for bad in ["HTTP", "80", "a--b", "-a", "a_b", "a-very-long-port-name"] {
            assert!(port_name(bad).is_some(), "{bad}");
        }
        assert_eq!(label_like("My_Step").as_deref(), Some("my-step"));
    }
}
