//! Argo's small languages: template tags (`{{inputs.parameters.x}}`, `{{= expr }}`) and DAG
//! `depends` expressions. Hand-written scanners: no regex, no allocation beyond the results.

/// One `{{…}}` tag in a string. Offsets are byte offsets into the scanned string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag<'s> {
    /// Offset of the opening `{{`.
    pub start: usize,
    /// Offset just past the closing `}}`.
    pub end: usize,
    /// The text between the braces, untrimmed.
    pub inner: &'s str,
    /// `{{= expr }}`: an expression, evaluated at run time.
    pub expression: bool,
    /// The tag contains another tag (`{{steps.run-{{inputs.parameters.d}}.status}}`): its
    /// name is only known at run time.
    pub dynamic: bool,
}

impl<'s> Tag<'s> {
    /// The reference without surrounding spaces, as Argo looks it up.
    pub fn reference(&self) -> &'s str {
        self.inner.trim()
    }
}

/// The tags of a string, innermost first for nested ones, and the offset of a `{{` that is
/// never closed (Argo rejects the whole template then).
#[derive(Debug, Default)]
pub struct TagScan<'s> {
    pub tags: Vec<Tag<'s>>,
    pub unterminated: Option<usize>,
}

/// Finds every `{{…}}` tag in `s`.
pub fn scan_tags(s: &str) -> TagScan<'_> {
    let mut out = TagScan::default();
    let b = s.as_bytes();
    if !s.contains("{{") {
        return out;
    }
    // Stack of open-tag offsets, and whether each has a nested tag.
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'{' && b[i + 1] == b'{' {
            let is_expr = s[i + 2..].trim_start().starts_with('=');
            if is_expr && open.is_empty() {
                // An expression may hold braces of its own; it ends at the first `}}`.
                match s[i + 2..].find("}}") {
                    Some(rel) => {
                        let end = i + 2 + rel + 2;
                        out.tags.push(Tag {
                            start: i,
                            end,
                            inner: &s[i + 2..end - 2],
                            expression: true,
                            dynamic: false,
                        });
                        i = end;
                        continue;
                    }
                    None => {
                        out.unterminated = Some(i);
                        return out;
                    }
                }
            }
            if let Some(last) = open.last_mut() {
                last.1 = true;
            }
            open.push((i, false));
            i += 2;
            continue;
        }
        if b[i] == b'}'
            && b[i + 1] == b'}'
            && let Some((start, nested)) = open.pop()
        {
            let end = i + 2;
            let inner = &s[start + 2..i];
            out.tags.push(Tag {
                start,
                end,
                inner,
                expression: inner.trim_start().starts_with('='),
                dynamic: nested,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    if let Some((start, _)) = open.first() {
        out.unterminated = Some(*start);
    }
    out
}

/// The results a `depends` expression may test.
pub const TASK_RESULTS: [&str; 8] = [
    "Succeeded",
    "Failed",
    "Errored",
    "Skipped",
    "Omitted",
    "Daemoned",
    "AnySucceeded",
    "AllFailed",
];

/// A task named in a `depends` expression: `B` or `B.Succeeded`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DependsOperand<'s> {
    pub task: &'s str,
    /// Byte range of the task name in the expression.
    pub task_range: (usize, usize),
    /// `Succeeded` in `B.Succeeded`, with its byte range.
    pub result: Option<(&'s str, (usize, usize))>,
}

/// How deep parentheses and prefix operators may nest in the expressions argolint reads
/// (`depends`, `when`). Argo itself has no such limit; real expressions nest a few levels.
/// Past it argolint says it did not check the expression instead of recursing without end.
pub const MAX_EXPRESSION_NESTING: usize = 100;

/// Why a `depends` expression was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DependsError {
    pub at: usize,
    pub message: String,
    /// The expression nests deeper than [`MAX_EXPRESSION_NESTING`]: not a syntax error,
    /// argolint's own limit.
    pub too_deep: bool,
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

/// Parses a `depends` expression (`A && (B.Failed || !C.Skipped)`) and returns its operands.
/// `{{…}}` inside a task name is kept as part of the name.
pub fn parse_depends(s: &str) -> Result<Vec<DependsOperand<'_>>, DependsError> {
    let mut p = DependsParser {
        s,
        b: s.as_bytes(),
        i: 0,
        out: Vec::new(),
        depth: 0,
    };
    p.skip_ws();
    if p.i == p.b.len() {
        return Err(DependsError {
            at: 0,
            message: "the expression is empty".into(),
            too_deep: false,
        });
    }
    p.or()?;
    p.skip_ws();
    if p.i < p.b.len() {
        return Err(DependsError {
            at: p.i,
            message: format!("unexpected `{}`", p.rest_token()),
            too_deep: false,
        });
    }
    Ok(p.out)
}

struct DependsParser<'s> {
    s: &'s str,
    b: &'s [u8],
    i: usize,
    out: Vec<DependsOperand<'s>>,
    /// Open parentheses and prefix `!`s around the current position.
    depth: usize,
}

impl<'s> DependsParser<'s> {
    fn skip_ws(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn rest_token(&self) -> &'s str {
        let rest = &self.s[self.i..];
        let end = rest
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(rest.len(), |(i, _)| i);
        &rest[..end.max(rest.chars().next().map_or(0, char::len_utf8))]
    }

    fn eat(&mut self, tok: &str) -> bool {
        self.skip_ws();
        if self.s[self.i..].starts_with(tok) {
            self.i += tok.len();
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<(), DependsError> {
        self.and()?;
        while self.eat("||") {
            self.and()?;
        }
        Ok(())
    }

    fn and(&mut self) -> Result<(), DependsError> {
        self.unary()?;
        while self.eat("&&") {
            self.unary()?;
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<(), DependsError> {
        // `!` chains are a loop, not a recursion.
        while self.eat("!") {}
        let at = self.i;
        if self.eat("(") {
            self.depth += 1;
            if self.depth > MAX_EXPRESSION_NESTING {
                return Err(DependsError {
                    at,
                    message: format!(
                        "parentheses nest deeper than {MAX_EXPRESSION_NESTING} levels"
                    ),
                    too_deep: true,
                });
            }
            self.or()?;
            if !self.eat(")") {
                return Err(DependsError {
                    at: self.i,
                    message: "`(` is never closed".into(),
                    too_deep: false,
                });
            }
            self.depth -= 1;
            return Ok(());
        }
        self.operand()
    }

    fn operand(&mut self) -> Result<(), DependsError> {
        self.skip_ws();
        let start = self.i;
        while self.i < self.b.len() {
            if self.s[self.i..].starts_with("{{") {
                match self.s[self.i..].find("}}") {
                    Some(rel) => self.i += rel + 2,
                    None => break,
                }
            } else if is_name_byte(self.b[self.i]) {
                self.i += 1;
            } else {
                break;
            }
        }
        if self.i == start {
            let message = if self.i == self.b.len() {
                "the expression ends where a task name was expected".to_string()
            } else {
                format!("expected a task name, found `{}`", self.rest_token())
            };
            return Err(DependsError {
                at: start,
                message,
                too_deep: false,
            });
        }
        let task = &self.s[start..self.i];
        let mut result = None;
        if self.i < self.b.len() && self.b[self.i] == b'.' {
            self.i += 1;
            let rs = self.i;
            while self.i < self.b.len() && self.b[self.i].is_ascii_alphanumeric() {
                self.i += 1;
            }
            if self.i == rs {
                return Err(DependsError {
                    at: rs,
                    message: format!("expected a task result after `{task}.`"),
                    too_deep: false,
                });
            }
            result = Some((&self.s[rs..self.i], (rs, self.i)));
        }
        self.out.push(DependsOperand {
            task,
            task_range: (start, start + task.len()),
            result,
        });
        Ok(())
    }
}

/// Argo's name rule for templates, steps, tasks and containerSet containers:
/// `^[a-zA-Z0-9][-a-zA-Z0-9]*$`, at most 128 characters.
/// `s` with every character an object name does not allow (anything but letters, digits and
/// `-`) turned into `-`, and no `-` at either end: a name to suggest.
pub fn object_name_like(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    mapped.trim_matches('-').to_string()
}

pub fn is_valid_object_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
}

/// Argo's rule for parameter names: `^[-a-zA-Z0-9_]+$`.
pub fn is_valid_parameter_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}

/// Argo's rule for artifact names: `^[-a-zA-Z0-9_{}.]+$`... upstream's validator applies the
/// parameter rule to artifact names too, so that is what is checked.
pub fn is_valid_artifact_name(s: &str) -> bool {
    is_valid_parameter_name(s)
}

/// Replaces `{{…}}` tags by the last dot-separated word of their reference, as Argo's
/// substitution does before it checks a name (`run-{{inputs.parameters.d}}` → `run-d`).
/// A step's name sees only its template's input parameters substituted; an output's or an
/// argument's name (`workflow_vars`) also the workflow's variables, though never a loop's
/// `{{item}}`. Other tags stay, and fail the name's character rules as they fail Argo's.
pub fn placeholder_name(s: &str, workflow_vars: bool) -> String {
    let scan = scan_tags(s);
    if scan.tags.is_empty() {
        return s.to_string();
    }
    let mut out = String::new();
    let mut at = 0;
    for t in scan.tags.iter().filter(|t| {
        let r = t.reference();
        !t.dynamic
            && (r.starts_with("inputs.parameters.")
                || (workflow_vars && r != "item" && !r.starts_with("item.")))
    }) {
        if t.start < at {
            continue;
        }
        out.push_str(&s[at..t.start]);
        out.push_str(t.reference().rsplit('.').next().unwrap_or(""));
        at = t.end;
    }
    out.push_str(&s[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(s: &str) -> Vec<&str> {
        scan_tags(s).tags.iter().map(|t| t.reference()).collect()
    }

    #[test]
    fn finds_plain_expression_and_nested_tags() {
        assert_eq!(
            refs("echo {{inputs.parameters.a}} and {{ workflow.name }}"),
            ["inputs.parameters.a", "workflow.name"]
        );
        let scan = scan_tags("{{= sprig.upper(inputs.parameters.x) }}");
        assert!(scan.tags[0].expression);
        let scan = scan_tags("{{steps.run-{{inputs.parameters.d}}.status}}");
        assert_eq!(scan.tags.len(), 2);
        assert_eq!(scan.tags[0].reference(), "inputs.parameters.d");
        assert!(!scan.tags[0].dynamic);
        assert!(scan.tags[1].dynamic);
        assert_eq!(scan.unterminated, None);
    }

    #[test]
    fn reports_an_unterminated_tag() {
        assert_eq!(
            scan_tags("echo {{inputs.parameters.x").unterminated,
            Some(5)
        );
        assert_eq!(scan_tags("a }} b {{").unterminated, Some(7));
        assert_eq!(scan_tags("{{=a").unterminated, Some(0));
        assert_eq!(scan_tags("plain text").unterminated, None);
    }

    #[test]
    fn parses_depends_expressions() {
        let ops = parse_depends("A && (B.Failed || !C-1.Skipped)").unwrap();
        let names: Vec<_> = ops.iter().map(|o| o.task).collect();
        assert_eq!(names, ["A", "B", "C-1"]);
        assert_eq!(ops[1].result.map(|r| r.0), Some("Failed"));
        assert_eq!(ops[2].task_range, (19, 22));
        assert!(parse_depends("A &&").is_err());
        assert!(parse_depends("(A || B").is_err());
        assert!(parse_depends("A B").is_err());
        assert!(parse_depends("").is_err());
        assert_eq!(parse_depends("A.").unwrap_err().at, 2);
    }

    #[test]
    fn checks_names_like_argo() {
        assert!(is_valid_object_name("My-name1-2"));
        assert!(is_valid_object_name("123-NAME"));
        assert!(!is_valid_object_name("whalesay_d"));
        assert!(!is_valid_object_name("-a"));
        assert!(!is_valid_object_name(&"a".repeat(129)));
        assert!(is_valid_parameter_name("my_param-1"));
        assert!(!is_valid_parameter_name("param#1"));
        assert_eq!(
            placeholder_name("run-{{inputs.parameters.d}}", false),
            "run-d"
        );
        assert_eq!(placeholder_name("run-{{item}}", false), "run-{{item}}");
        assert_eq!(placeholder_name("out-{{workflow.name}}", true), "out-name");
        assert_eq!(
            placeholder_name("out-{{workflow.name}}", false),
            "out-{{workflow.name}}"
        );
    }
}
