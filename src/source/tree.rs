//! Our spanned YAML tree. Aliases and merge keys are already resolved when a tree is built;
//! spans inside an alias expansion point at the anchored definition.

use super::Span;

/// How a scalar was written, which decides how YAML 1.1 and 1.2 type it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The value after YAML escape processing and folding.
    pub value: Box<str>,
    pub style: ScalarStyle,
    /// An explicit tag such as `!!str`, as written.
    pub tag: Option<Box<str>>,
}

/// What a scalar's text means under a YAML schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarType {
    Null,
    Bool(bool),
    Int,
    Float,
    Str,
}

impl Scalar {
    /// Quoted and block scalars are strings whatever their text; so are `!!str`-tagged ones.
    pub fn is_plain(&self) -> bool {
        self.style == ScalarStyle::Plain && self.tag.as_deref().is_none_or(|t| !t.ends_with("str"))
    }

    /// The type YAML 1.2's core schema (and JSON) gives this scalar.
    pub fn yaml12_type(&self) -> ScalarType {
        if !self.is_plain() {
            return ScalarType::Str;
        }
        yaml12_plain_type(&self.value)
    }

    /// The type YAML 1.1 gives this scalar: what Kubernetes' decoder (go-yaml v2 rules) sees.
    pub fn yaml11_type(&self) -> ScalarType {
        if !self.is_plain() {
            return ScalarType::Str;
        }
        yaml11_plain_type(&self.value)
    }
}

fn yaml12_plain_type(v: &str) -> ScalarType {
    match v {
        "" | "~" | "null" | "Null" | "NULL" => return ScalarType::Null,
        "true" | "True" | "TRUE" => return ScalarType::Bool(true),
        "false" | "False" | "FALSE" => return ScalarType::Bool(false),
        ".inf" | "-.inf" | "+.inf" | ".Inf" | "-.Inf" | "+.Inf" | ".INF" | "-.INF" | "+.INF"
        | ".nan" | ".NaN" | ".NAN" => return ScalarType::Float,
        _ => {}
    }
    if is_int12(v) {
        ScalarType::Int
    } else if is_float12(v) {
        ScalarType::Float
    } else {
        ScalarType::Str
    }
}

fn is_int12(v: &str) -> bool {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    if let Some(h) = v.strip_prefix("0x") {
        return !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(o) = v.strip_prefix("0o") {
        return !o.is_empty() && o.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_float12(v: &str) -> bool {
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let s = v.strip_prefix(['-', '+']).unwrap_or(v).as_bytes();
    let mut i = 0;
    let int_digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if s.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let exp = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == s.len()
}

/// YAML 1.1 typing as Kubernetes' decoder (go-yaml v2 rules) applies it: the 1.1 booleans,
/// integers as Go's `ParseInt(_, 0, 64)` reads them after dropping `_` (so `0755` is octal,
/// `0x1F` hex, `0b101` binary), and any `1e3`-style number as a float.
fn yaml11_plain_type(v: &str) -> ScalarType {
    match v {
        "" | "~" | "null" | "Null" | "NULL" => ScalarType::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            ScalarType::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            ScalarType::Bool(false)
        }
        ".inf" | "-.inf" | "+.inf" | ".Inf" | "-.Inf" | "+.Inf" | ".INF" | "-.INF" | "+.INF"
        | ".nan" | ".NaN" | ".NAN" => ScalarType::Float,
        _ => {
            let plain = v.replace('_', "");
            if go_parse_int(&plain).is_some() {
                ScalarType::Int
            } else if is_float12(&plain) {
                ScalarType::Float
            } else {
                ScalarType::Str
            }
        }
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)`: optional sign, then `0x`/`0o`/`0b` prefixes, a leading
/// `0` for octal, or decimal.
pub fn go_parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(h) = lower.strip_prefix("0x") {
        (16, h)
    } else if let Some(o) = lower.strip_prefix("0o") {
        (8, o)
    } else if let Some(b) = lower.strip_prefix("0b") {
        (2, b)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let n = i64::from_str_radix(digits, radix).ok()?;
    Some(if neg { -n } else { n })
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
    /// Written in flow style (`[a, b]`, `{a: b}`).
    pub flow: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
    /// Added by a `<<` merge key rather than written in this mapping.
    pub merged: bool,
}

impl Entry {
    /// The key's text, when the key is a scalar (it is for every manifest key).
    pub fn key_str(&self) -> Option<&str> {
        self.key.as_str()
    }
}

impl Node {
    pub fn null(span: Span) -> Node {
        Node {
            span,
            kind: NodeKind::Scalar(Scalar {
                value: "".into(),
                style: ScalarStyle::Plain,
                tag: None,
            }),
            flow: false,
        }
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar's value, whatever its type (`3`, `true` and `"x"` all give their text).
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().map(|s| &*s.value)
    }

    /// A scalar that YAML 1.2 types as a string (quoted, or plain non-number text).
    pub fn as_string(&self) -> Option<&str> {
        self.as_scalar()
            .filter(|s| s.yaml12_type() == ScalarType::Str)
            .map(|s| &*s.value)
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.as_scalar(), Some(s) if s.yaml12_type() == ScalarType::Null)
    }

    /// The entry for `key`; with duplicate keys the last one wins, as in Kubernetes' decoder.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?
            .iter()
            .rev()
            .find(|e| e.key_str() == Some(key))
    }

    /// The value under `key`, treating an explicit `null` as absent.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value).filter(|v| !v.is_null())
    }

    /// Follows a chain of mapping keys.
    pub fn get_path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, k| node.get(k))
    }

    /// The items of a sequence value (empty when absent or not a sequence).
    pub fn seq(&self, key: &str) -> &[Node] {
        self.get(key).and_then(Node::as_seq).unwrap_or(&[])
    }

    /// A scalar value that is an integer (plain `5` or quoted `"5"`, as Kubernetes' IntOrString).
    pub fn as_i64(&self) -> Option<i64> {
        let s = self.as_scalar()?;
        s.value.trim().parse().ok()
    }

    /// A boolean as Kubernetes reads it (YAML 1.1: `yes`, `on`, `y` are true too).
    pub fn as_bool(&self) -> Option<bool> {
        match self.as_scalar()?.yaml11_type() {
            ScalarType::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// Depth-first walk over every node, values and keys included.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Node)) {
        f(self);
        match &self.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => items.iter().for_each(|n| n.walk(f)),
            NodeKind::Map(entries) => entries.iter().for_each(|e| {
                e.key.walk(f);
                e.value.walk(f);
            }),
        }
    }

    /// Where the node's own text ends. A block collection's span runs on to the next token;
    /// this stops at its last character of content.
    pub fn content_end(&self) -> u32 {
        if self.flow {
            return self.span.end;
        }
        match &self.kind {
            NodeKind::Scalar(_) => self.span.end,
            NodeKind::Seq(items) => items.last().map_or(self.span.end, Node::content_end),
            NodeKind::Map(entries) => entries
                .iter()
                .filter(|e| !e.merged)
                .map(|e| e.value.content_end().max(e.key.span.end))
                .max()
                .unwrap_or(self.span.end),
        }
    }

    /// Renames the mapping keys at the given spans (a key of an alias expansion shares its
    /// span with the anchored definition, so both are renamed).
    pub fn rename_keys(&mut self, renames: &[(Span, &str)]) {
        match &mut self.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => items.iter_mut().for_each(|n| n.rename_keys(renames)),
            NodeKind::Map(entries) => {
                for e in entries {
                    if let Some((_, name)) = renames.iter().find(|(s, _)| *s == e.key.span)
                        && let NodeKind::Scalar(k) = &mut e.key.kind
                    {
                        k.value = (*name).into();
                    }
                    e.value.rename_keys(renames);
                }
            }
        }
    }

    /// The number of nodes in this subtree.
    pub fn size(&self) -> usize {
        let mut n = 0;
        self.walk(&mut |_| n += 1);
        n
    }

    /// The document path of the node whose value or key span is `target`, like
    /// `.spec.templates[2].retryStrategy`.
    pub fn path_to(&self, target: Span) -> Option<String> {
        let mut path = String::new();
        // Almost always the target lies inside the spans of the nodes that lead to it, so the
        // search first descends only there (a few comparisons per level). Alias expansions
        // keep their definition's spans, which lie outside the alias: when the pruned search
        // finds nothing, the whole tree is searched.
        if self.path_into(target, &mut path, true) {
            return Some(path);
        }
        path.clear();
        self.path_into(target, &mut path, false).then_some(path)
    }

    fn path_into(&self, target: Span, path: &mut String, prune: bool) -> bool {
        if self.span == target {
            return true;
        }
        if prune && !self.span.contains(target) {
            return false;
        }
        let mark = path.len();
        match &self.kind {
            NodeKind::Scalar(_) => false,
            NodeKind::Seq(items) => {
                // Pruned, only the item that starts last at or before the target can hold
                // it (items are in source order): found by binary search, so a long list
                // costs a few comparisons per lookup, not one per item.
                let range = if prune {
                    let i = items.partition_point(|n| n.span.start <= target.start);
                    i.saturating_sub(1)..i
                } else {
                    0..items.len()
                };
                for (i, item) in items.iter().enumerate().skip(range.start).take(range.len()) {
                    if prune && !item.span.contains(target) {
                        continue;
                    }
                    use std::fmt::Write;
                    let _ = write!(path, "[{i}]");
                    if item.path_into(target, path, prune) {
                        return true;
                    }
                    path.truncate(mark);
                }
                false
            }
            NodeKind::Map(entries) => {
                // Written entries come first, in source order; merged ones after them.
                let written = &entries[..entries.partition_point(|e| !e.merged)];
                let range = if prune {
                    let i = written.partition_point(|e| e.key.span.start <= target.start);
                    i.saturating_sub(1)..i
                } else {
                    0..written.len()
                };
                for e in &written[range] {
                    if prune && e.key.span != target && !e.value.span.contains(target) {
                        continue;
                    }
                    push_key(path, e.key_str().unwrap_or("?"));
                    if e.key.span == target || e.value.path_into(target, path, prune) {
                        return true;
                    }
                    path.truncate(mark);
                }
                false
            }
        }
    }
}

fn push_key(path: &mut String, key: &str) {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        path.push('.');
        path.push_str(key);
    } else {
        path.push_str(&format!("[{key:?}]"));
    }
}

/// A YAML comment: its span covers `#` to the end of the line.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    pub span: Span,
    /// The text after `#`.
    pub text: Box<str>,
}

/// One YAML document of a file.
#[derive(Clone, Debug)]
pub struct Document {
    /// 0-based position of the document in its file.
    pub index: usize,
    /// From the first byte of the document to its last.
    pub span: Span,
    /// `None` for an empty document, or one that failed to parse.
    pub root: Option<Node>,
    /// The document did not parse completely; checks skip it.
    pub broken: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(v: &str) -> Scalar {
        Scalar {
            value: v.into(),
            style: ScalarStyle::Plain,
            tag: None,
        }
    }

    #[test]
    fn yaml11_and_yaml12_disagree_on_the_known_traps() {
        for v in ["yes", "no", "on", "off", "y", "N"] {
            assert_eq!(plain(v).yaml12_type(), ScalarType::Str, "{v}");
            assert!(matches!(plain(v).yaml11_type(), ScalarType::Bool(_)), "{v}");
        }
        assert_eq!(plain("0755").yaml11_type(), ScalarType::Int);
        assert_eq!(plain("1e3").yaml12_type(), ScalarType::Float);
        assert_eq!(plain("1e3").yaml11_type(), ScalarType::Float);
        assert_eq!(plain("0x1F").yaml11_type(), ScalarType::Int);
        assert_eq!(plain("08").yaml11_type(), ScalarType::Float);
        assert_eq!(plain("1.2.3").yaml11_type(), ScalarType::Str);
        assert_eq!(plain("1_000").yaml11_type(), ScalarType::Int);
        assert_eq!(plain("1_000").yaml12_type(), ScalarType::Str);
    }

    #[test]
    fn quoted_scalars_are_strings() {
        let s = Scalar {
            value: "yes".into(),
            style: ScalarStyle::DoubleQuoted,
            tag: None,
        };
        assert_eq!(s.yaml11_type(), ScalarType::Str);
        assert_eq!(plain("3").yaml12_type(), ScalarType::Int);
        assert_eq!(plain("3.5").yaml12_type(), ScalarType::Float);
        assert_eq!(plain("-.5").yaml12_type(), ScalarType::Float);
        assert_eq!(plain("3Gi").yaml12_type(), ScalarType::Str);
        assert_eq!(plain("").yaml12_type(), ScalarType::Null);
    }
}
