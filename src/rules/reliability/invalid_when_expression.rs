//! `invalid-when-expression`: a `when` that govaluate cannot parse or evaluate after
//! substitution, or that breaks on free-form values substituted unquoted.

use crate::diagnostic::{Edit, Fix, Severity};
use crate::model::expr::MAX_EXPRESSION_NESTING;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, ScalarStyle};

pub static META: RuleMeta = RuleMeta {
    code: "AL409",
    name: "invalid-when-expression",
    category: Category::Reliability,
    severity: Severity::Error,
    fields: &["WorkflowStep.when", "DAGTask.when"],
    summary: "A `when` condition fails to parse or evaluate, or breaks when a free-form value is substituted unquoted.",
    docs: r#"
## What it does
Reads every step's and DAG task's `when` the way the controller does: `{{...}}` tags are
substituted first, then the text is parsed by govaluate, with every bare word turned into a
string. The rule reports (as errors) conditions that cannot parse or cannot evaluate
whatever the substituted values are: unbalanced parentheses or quotes, two words in a row,
unknown operators (`=`, `===`), arithmetic on words (`my-value` reads as `my - value`),
dotted words (`v1.2` reads as a field access), a result that is not a boolean. It warns
when a free-form value (an output `result`, an output or input parameter, a workflow
parameter) is substituted **unquoted** into a string comparison. Expression tags
(`{{= ...}}`, evaluated by expr) are not checked.

## Why is this bad
Argo substitutes the value as text, so the expression's shape depends on the data. With
`{{steps.flip.outputs.result}} == heads`, an output of `heads` works, but `not found`
becomes two words in a row, `no-data` becomes a subtraction, `v1.2` a field access, and the
step errors ("Invalid 'when' expression", "Cannot transition token types", "Value … cannot
be used with the modifier '-'") instead of being skipped. These failures appear only with
the data that triggers them, usually in production.

## Example
```yaml
- - name: publish
    template: publish
    when: "{{steps.check.outputs.result}} == ready-to-ship"
```

## How to fix
Quote both sides of a string comparison, so any value stays one string:

```yaml
    when: "'{{steps.check.outputs.result}}' == 'ready-to-ship'"
```

Compare numbers and booleans unquoted (`{{inputs.parameters.n}} > 3`, `== true`): quoting
them turns them into strings, and `'5' == 5` is false.
"#,
};

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num,
    Str(String),
    Bool,
    /// A bare word: a string once Argo converts variables.
    Word(String),
    /// A dotted bare word: govaluate reads it as a field access.
    Accessor(String),
    /// A run containing an unquoted `{{...}}`: its kind depends on the value.
    Subst(Vec<String>),
    Prefix(&'static str),
    Modifier(&'static str),
    Comparator(&'static str),
    Logical(&'static str),
    Ternary(&'static str),
    Open,
    Close,
    Comma,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Start,
    Value,
    Prefix,
    Operator,
    Open,
    Close,
    Comma,
}

impl Tok {
    fn class(&self) -> Class {
        match self {
            Tok::Num
            | Tok::Str(_)
            | Tok::Bool
            | Tok::Word(_)
            | Tok::Accessor(_)
            | Tok::Subst(_) => Class::Value,
            Tok::Prefix(_) => Class::Prefix,
            Tok::Modifier(_) | Tok::Comparator(_) | Tok::Logical(_) | Tok::Ternary(_) => {
                Class::Operator
            }
            Tok::Open => Class::Open,
            Tok::Close => Class::Close,
            Tok::Comma => Class::Comma,
        }
    }

    fn show(&self) -> String {
        match self {
            Tok::Num => "a number".into(),
            Tok::Str(s) => format!("'{s}'"),
            Tok::Bool => "a boolean".into(),
            Tok::Word(w) | Tok::Accessor(w) => format!("`{w}`"),
            Tok::Subst(e) => format!("`{}`", e.join("")),
            Tok::Prefix(o)
            | Tok::Modifier(o)
            | Tok::Comparator(o)
            | Tok::Logical(o)
            | Tok::Ternary(o) => format!("`{o}`"),
            Tok::Open => "`(`".into(),
            Tok::Close => "`)`".into(),
            Tok::Comma => "`,`".into(),
        }
    }
}

/// A token and its byte range in the `when` text.
#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

type MakeTok = fn(&'static str) -> Tok;

const SYMBOLS: &[(&str, MakeTok)] = &[
    ("==", Tok::Comparator),
    ("!=", Tok::Comparator),
    (">=", Tok::Comparator),
    ("<=", Tok::Comparator),
    (">", Tok::Comparator),
    ("<", Tok::Comparator),
    ("=~", Tok::Comparator),
    ("!~", Tok::Comparator),
    ("&&", Tok::Logical),
    ("||", Tok::Logical),
    ("+", Tok::Modifier),
    ("-", Tok::Modifier),
    ("*", Tok::Modifier),
    ("/", Tok::Modifier),
    ("%", Tok::Modifier),
    ("**", Tok::Modifier),
    ("&", Tok::Modifier),
    ("|", Tok::Modifier),
    ("^", Tok::Modifier),
    (">>", Tok::Modifier),
    ("<<", Tok::Modifier),
    ("?", Tok::Ternary),
    (":", Tok::Ternary),
    ("??", Tok::Ternary),
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// The end of a `{{...}}` tag starting at `i`, if closed. `last_close` is where the text's
/// last `}}` starts: past it no search is needed (so unclosed `{{`s cost no rescans).
fn tag_end(s: &str, i: usize, last_close: Option<usize>) -> Option<usize> {
    if !s[i..].starts_with("{{") || last_close.is_none_or(|c| c < i + 2) {
        return None;
    }
    s[i + 2..].find("}}").map(|e| i + 2 + e + 2)
}

/// govaluate's lexer, with unquoted `{{...}}` runs kept as tokens of unknown kind.
fn lex(s: &str) -> Result<Vec<Token>, String> {
    let mut out: Vec<Token> = Vec::new();
    let last_close = s.rfind("}}");
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        // A run of word characters and tags.
        let mut j = i;
        let mut tags = Vec::new();
        loop {
            if let Some(e) = tag_end(s, j, last_close) {
                tags.push(s[j..e].to_string());
                j = e;
                continue;
            }
            match s[j..].chars().next() {
                Some(c) if is_word_char(c) => j += c.len_utf8(),
                _ => break,
            }
        }
        if !tags.is_empty() {
            out.push(Token {
                tok: Tok::Subst(tags),
                start,
                end: j,
            });
            i = j;
            continue;
        }
        let tok = if c.is_ascii_digit() || c == '.' {
            let e = s[i..]
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .map_or(s.len(), |e| i + e);
            let text = &s[i..e];
            let hex = text == "0" && s[e..].starts_with('x');
            if hex {
                let h = s[e + 1..]
                    .find(|c: char| !c.is_ascii_hexdigit())
                    .map_or(s.len(), |x| e + 1 + x);
                i = h;
            } else {
                if text.parse::<f64>().is_err() {
                    return Err(format!("`{text}` is not a number govaluate can read"));
                }
                i = e;
            }
            Tok::Num
        } else if c == ',' {
            i += 1;
            Tok::Comma
        } else if c == '[' {
            let Some(e) = s[i..].find(']') else {
                return Err("a `[` is never closed".into());
            };
            let name = s[i + 1..i + e].to_string();
            i += e + 1;
            Tok::Word(name)
        } else if c.is_alphabetic() {
            let e = s[i..]
                .find(|c: char| !is_word_char(c))
                .map_or(s.len(), |e| i + e);
            let w = &s[i..e];
            i = e;
            match w {
                "true" | "false" => Tok::Bool,
                "in" | "IN" => Tok::Comparator("in"),
                _ if w.contains('.') => Tok::Accessor(w.to_string()),
                _ => Tok::Word(w.to_string()),
            }
        } else if c == '\'' || c == '"' {
            let mut text = String::new();
            let mut chars = s[i + 1..].char_indices();
            let mut end = None;
            while let Some((k, ch)) = chars.next() {
                match ch {
                    '\\' => {
                        if let Some((_, n)) = chars.next() {
                            text.push(n);
                        }
                    }
                    '\'' | '"' => {
                        end = Some(i + 1 + k + 1);
                        break;
                    }
                    _ => text.push(ch),
                }
            }
            let Some(e) = end else {
                return Err("a quoted string is never closed".into());
            };
            i = e;
            Tok::Str(text)
        } else if c == '(' {
            i += 1;
            Tok::Open
        } else if c == ')' {
            i += 1;
            Tok::Close
        } else {
            let mut e = i;
            while let Some(ch) = s[e..].chars().next() {
                if ch.is_alphanumeric()
                    || ch.is_whitespace()
                    || matches!(ch, '(' | ')' | '[' | ']' | '\'' | '"')
                    || s[e..].starts_with("{{")
                {
                    break;
                }
                e += ch.len_utf8();
            }
            let sym = &s[i..e.max(i + c.len_utf8())];
            i += sym.len();
            let prev = out.last().map_or(Class::Start, |t| t.tok.class());
            let prefix_ok = matches!(
                prev,
                Class::Start | Class::Operator | Class::Open | Class::Comma
            );
            match sym {
                "-" | "!" | "~" if prefix_ok => Tok::Prefix(match sym {
                    "-" => "-",
                    "!" => "!",
                    _ => "~",
                }),
                _ => match SYMBOLS.iter().find(|(k, _)| *k == sym) {
                    Some((k, make)) => make(k),
                    None => return Err(format!("`{sym}` is not an operator govaluate knows")),
                },
            }
        };
        out.push(Token { tok, start, end: i });
    }
    Ok(out)
}

/// govaluate's lexer-state check: which token may follow which.
fn check_order(tokens: &[Token]) -> Result<(), String> {
    let mut prev = Class::Start;
    let mut prev_tok: Option<&Tok> = None;
    let mut depth = 0i32;
    for t in tokens {
        let next = t.tok.class();
        let ok = match prev {
            Class::Start | Class::Operator | Class::Comma => {
                matches!(next, Class::Value | Class::Prefix | Class::Open)
            }
            Class::Open => matches!(
                next,
                Class::Value | Class::Prefix | Class::Open | Class::Close
            ),
            Class::Prefix => {
                matches!(next, Class::Open)
                    || (next == Class::Value && !matches!(t.tok, Tok::Str(_)))
            }
            Class::Value | Class::Close => {
                matches!(next, Class::Operator | Class::Close | Class::Comma)
            }
        };
        if !ok {
            return Err(match prev_tok {
                Some(p) if prev == Class::Value && next == Class::Value => format!(
                    "{} and {} are two values in a row: govaluate cannot parse them (\"Cannot transition token types\")",
                    p.show(),
                    t.tok.show()
                ),
                Some(p) => format!("{} cannot follow {}", t.tok.show(), p.show()),
                None => format!("the expression cannot start with {}", t.tok.show()),
            });
        }
        match t.tok {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth -= 1;
                if depth < 0 {
                    return Err("a `)` closes nothing".into());
                }
            }
            _ => {}
        }
        prev = next;
        prev_tok = Some(&t.tok);
    }
    if depth != 0 {
        return Err("the parentheses do not balance".into());
    }
    if !matches!(prev, Class::Value | Class::Close) {
        return Err("the expression ends in the middle (\"Unexpected end of expression\")".into());
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Num,
    Str,
    Bool,
    /// Decided by a substituted value.
    Any,
}

/// A string comparison with an unquoted substituted value on one side.
#[derive(Debug)]
struct Unquoted {
    /// Token index of the substituted value.
    subst: usize,
    /// Token index of the other side, when it is a single word or string.
    other: Option<usize>,
}

struct Parser<'t> {
    toks: &'t [Token],
    pos: usize,
    unquoted: Vec<Unquoted>,
}

type Operand = (Ty, Option<usize>);

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    fn binary(&mut self, level: usize) -> Result<Operand, String> {
        // Lowest to highest, as govaluate's planner.
        const LEVELS: &[&[&str]] = &[
            &["?", ":", "??"],
            &["||"],
            &["&&"],
            &["==", "!=", ">", ">=", "<", "<=", "=~", "!~", "in"],
            &["&", "|", "^"],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "%"],
            &["**"],
        ];
        if level == LEVELS.len() {
            return self.prefix();
        }
        let mut left = self.binary(level + 1)?;
        loop {
            let op =
                match self.peek() {
                    Some(
                        Tok::Modifier(o) | Tok::Comparator(o) | Tok::Logical(o) | Tok::Ternary(o),
                    ) if LEVELS[level].contains(o) => *o,
                    _ => return Ok(left),
                };
            let op_at = self.pos;
            self.pos += 1;
            let right = self.binary(level + 1)?;
            left = (self.combine(op, op_at, left, right)?, None);
        }
    }

    fn combine(&mut self, op: &str, op_at: usize, l: Operand, r: Operand) -> Result<Ty, String> {
        use Ty::*;
        let word = |o: &Operand, this: &Self| {
            o.1.map(|i| this.toks[i].tok.show())
                .unwrap_or_else(|| "a sub-expression".into())
        };
        match op {
            "==" | "!=" | "=~" | "!~" | ">" | "<" | ">=" | "<=" => {
                let stringy = matches!(op, "=~" | "!~");
                if stringy && (l.0 == Num || r.0 == Num || l.0 == Bool || r.0 == Bool) {
                    return Err(format!(
                        "`{op}` matches strings, but one side is not a string"
                    ));
                }
                if matches!(op, ">" | "<" | ">=" | "<=")
                    && ((l.0 != Any && r.0 != Any && l.0 != r.0) || l.0 == Bool || r.0 == Bool)
                {
                    return Err(format!(
                        "{} and {} cannot be ordered with `{op}`: govaluate compares two numbers or two strings",
                        word(&l, self),
                        word(&r, self)
                    ));
                }
                // An unquoted substituted value compared with a string.
                for (a, b) in [(l, r), (r, l)] {
                    if let Some(ai) = a.1
                        && matches!(&self.toks[ai].tok, Tok::Subst(e) if free_form(e))
                        && (b.0 == Str || (b.0 == Any && matches!(op, "=~" | "!~")))
                    {
                        self.unquoted.push(Unquoted {
                            subst: ai,
                            other: b.1,
                        });
                    }
                }
                Ok(Bool)
            }
            "in" => Ok(Bool),
            "&&" | "||" => {
                for o in [&l, &r] {
                    if matches!(o.0, Num | Str) {
                        return Err(format!(
                            "{} is used with `{op}`, which needs booleans (\"cannot be used with the logical operator\")",
                            word(o, self)
                        ));
                    }
                }
                Ok(Bool)
            }
            "?" | ":" | "??" => {
                if op == "?" && matches!(l.0, Num | Str) {
                    return Err("the condition before `?` is not a boolean".into());
                }
                Ok(Any)
            }
            "+" => Ok(match (l.0, r.0) {
                (Str, _) | (_, Str) => Str,
                (Num, Num) => Num,
                (Bool, _) | (_, Bool) => {
                    return Err("`+` cannot add a boolean".into());
                }
                _ => Any,
            }),
            _ => {
                for o in [&l, &r] {
                    if matches!(o.0, Str | Bool) {
                        let dashed = if op == "-" {
                            self.dashed_word(op_at)
                        } else {
                            None
                        };
                        return Err(match dashed {
                            Some(w) => format!(
                                "`{w}` is not one word to govaluate: it reads as a subtraction, and subtracting strings fails (\"cannot be used with the modifier '-', it is not a number\")"
                            ),
                            None => format!(
                                "{} is used with `{op}`, which needs numbers (\"cannot be used with the modifier '{op}', it is not a number\")",
                                word(o, self)
                            ),
                        });
                    }
                }
                Ok(Num)
            }
        }
    }

    /// `my-value` (or `a-b-c`) written without spaces around the `-` at `op_at`.
    fn dashed_word(&self, op_at: usize) -> Option<String> {
        let glued = |a: &Token, b: &Token| a.end == b.start;
        let part = |t: &Token| match &t.tok {
            Tok::Word(w) | Tok::Accessor(w) => Some(w.clone()),
            Tok::Subst(e) => Some(e.join("")),
            Tok::Modifier("-") => Some("-".into()),
            _ => None,
        };
        let (mut first, mut last) = (op_at, op_at);
        while first > 0
            && glued(&self.toks[first - 1], &self.toks[first])
            && part(&self.toks[first - 1]).is_some()
        {
            first -= 1;
        }
        while last + 1 < self.toks.len()
            && glued(&self.toks[last], &self.toks[last + 1])
            && part(&self.toks[last + 1]).is_some()
        {
            last += 1;
        }
        if first == op_at || last == op_at {
            return None;
        }
        self.toks[first..=last].iter().map(part).collect()
    }

    fn prefix(&mut self) -> Result<Operand, String> {
        if let Some(Tok::Prefix(op)) = self.peek() {
            let op = *op;
            self.pos += 1;
            let (t, _) = self.prefix()?;
            let ok = match op {
                "!" => matches!(t, Ty::Bool | Ty::Any),
                _ => matches!(t, Ty::Num | Ty::Any),
            };
            if !ok {
                return Err(format!(
                    "the prefix `{op}` is applied to a value of the wrong type"
                ));
            }
            return Ok((if op == "!" { Ty::Bool } else { Ty::Num }, None));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Operand, String> {
        let at = self.pos;
        let Some(tok) = self.peek().cloned() else {
            return Err("the expression ends in the middle".into());
        };
        self.pos += 1;
        Ok(match tok {
            Tok::Num => (Ty::Num, Some(at)),
            Tok::Bool => (Ty::Bool, Some(at)),
            Tok::Str(_) | Tok::Word(_) => (Ty::Str, Some(at)),
            Tok::Subst(_) => (Ty::Any, Some(at)),
            Tok::Accessor(w) => {
                return Err(format!(
                    "`{w}` contains a dot, so govaluate reads it as a field access on a parameter that does not exist (\"No parameter '{}' found\")",
                    w.split('.').next().unwrap_or(&w)
                ));
            }
            Tok::Open => {
                let (mut t, _) = self.binary(0)?;
                while self.peek() == Some(&Tok::Comma) {
                    self.pos += 1;
                    self.binary(0)?;
                    t = Ty::Any;
                }
                if self.peek() != Some(&Tok::Close) {
                    return Err("a `(` is not closed".into());
                }
                self.pos += 1;
                (t, None)
            }
            other => return Err(format!("unexpected {}", other.show())),
        })
    }
}

/// Does a substituted tag carry free-form text (results and parameters, not statuses)?
fn free_form(tags: &[String]) -> bool {
    tags.iter().any(|t| {
        let inner = t.trim_start_matches('{').trim_end_matches('}').trim();
        inner.ends_with(".outputs.result")
            || inner.contains(".outputs.parameters.")
            || inner.starts_with("inputs.parameters.")
            || inner.starts_with("workflow.parameters.")
    })
}

/// The outcome of reading one `when`.
#[derive(Debug)]
enum Verdict {
    Ok,
    /// Parentheses nest deeper than argolint reads: not checked.
    TooDeep,
    /// Fails whatever the substituted values.
    Broken(String),
    /// Free-form values substituted unquoted into string comparisons: the quoted rewrite,
    /// and whether it keeps the meaning for every value that works today.
    Fragile {
        values: Vec<String>,
        rewrite: String,
        safe: bool,
    },
}

fn judge(when: &str) -> Verdict {
    if when.contains("{{=") || when.trim().is_empty() {
        return Verdict::Ok;
    }
    let tokens = match lex(when).and_then(|t| check_order(&t).map(|()| t)) {
        Ok(t) => t,
        Err(e) => return Verdict::Broken(e),
    };
    // The parser recurses once per parenthesis: past the limit, say so instead.
    let mut depth = 0usize;
    for t in &tokens {
        match t.tok {
            Tok::Open => depth += 1,
            Tok::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_EXPRESSION_NESTING {
            return Verdict::TooDeep;
        }
    }
    let mut p = Parser {
        toks: &tokens,
        pos: 0,
        unquoted: Vec::new(),
    };
    let result = match p.binary(0) {
        Ok(r) => r,
        Err(e) => return Verdict::Broken(e),
    };
    if p.pos < tokens.len() {
        return Verdict::Broken(format!("unexpected {}", tokens[p.pos].tok.show()));
    }
    if matches!(result.0, Ty::Num | Ty::Str) {
        return Verdict::Broken(
            "the expression gives a string or a number, not a boolean (\"Expected boolean evaluation\")".into(),
        );
    }
    if p.unquoted.is_empty() {
        return Verdict::Ok;
    }
    // Quote the substituted values and the words they are compared with.
    let mut quote: Vec<usize> = Vec::new();
    let mut safe = true;
    for u in &p.unquoted {
        quote.push(u.subst);
        if let Some(o) = u.other {
            match &tokens[o].tok {
                Tok::Word(w) => {
                    quote.push(o);
                    safe &= w.parse::<f64>().is_err();
                }
                Tok::Str(s) => safe &= s.parse::<f64>().is_err() && s != "true" && s != "false",
                _ => safe = false,
            }
        } else {
            safe = false;
        }
    }
    quote.sort_unstable();
    quote.dedup();
    let mut rewrite = String::new();
    let mut last = 0;
    for &i in &quote {
        let t = &tokens[i];
        rewrite.push_str(&when[last..t.start]);
        rewrite.push('\'');
        rewrite.push_str(&when[t.start..t.end]);
        rewrite.push('\'');
        last = t.end;
    }
    rewrite.push_str(&when[last..]);
    let mut values: Vec<String> = p
        .unquoted
        .iter()
        .map(|u| when[tokens[u.subst].start..tokens[u.subst].end].to_string())
        .collect();
    values.dedup();
    Verdict::Fragile {
        values,
        rewrite,
        safe,
    }
}

fn check_when(cx: &mut Context<'_>, node: &Node, owner: &str) {
    let Some(scalar) = node.as_scalar() else {
        return;
    };
    let when = &*scalar.value;
    match judge(when) {
        Verdict::Ok => {}
        Verdict::TooDeep => cx.report(
            cx.diag(
                node.span,
                format!(
                    "the `when` of {owner} was not checked: its parentheses nest deeper than {MAX_EXPRESSION_NESTING} levels"
                ),
            )
            .with_severity(Severity::Warning)
            .with_help("argolint reads conditions up to this depth; write the condition with fewer nested parentheses"),
        ),
        Verdict::Broken(why) => cx.report(
            cx.diag(node.span,
                format!("the `when` of {owner} cannot be evaluated: {why}; the step errors instead of running or being skipped"),
            )
            .with_help("quote string values and words (`'{{steps.x.outputs.result}}' == 'my-value'`), compare with `==`/`!=`/`<`/`>`, and combine conditions with `&&`/`||`"),
        ),
        Verdict::Fragile {
            values,
            rewrite,
            safe,
        } => {
            let mut d = cx.diag(node.span,
                format!(
                    "the `when` of {owner} substitutes {} unquoted into a string comparison: a value with a space, a dash or a dot breaks the expression and errors the step",
                    values
                        .iter()
                        .map(|v| format!("`{v}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .with_severity(Severity::Warning)
            .with_help(format!("quote both sides: `{rewrite}`"));
            if !matches!(scalar.style, ScalarStyle::Literal | ScalarStyle::Folded) {
                let edits = vec![Edit::replace(
                    node.span,
                    crate::source::yaml_double_quoted(&rewrite),
                )];
                let message = "quote the substituted value and the word it is compared with";
                d = d.with_fix(match safe {
                    true => Fix::safe(message, edits),
                    false => Fix::unsafe_(message, edits),
                });
            }
            cx.report(d);
        }
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for t in spec.templates() {
        let template = t.name().unwrap_or("(unnamed)");
        let steps = t.steps().map(|s| ("step", s));
        for (kind, s) in steps.chain(t.dag_tasks().map(|s| ("task", s))) {
            let Some(when) = s.get("when") else { continue };
            let owner = format!(
                "{kind} `{}` of template `{template}`",
                s.name().unwrap_or("(unnamed)")
            );
            check_when(cx, when, &owner);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(w: &str) -> bool {
        matches!(judge(w), Verdict::Broken(_))
    }

    fn fragile(w: &str) -> Option<String> {
        match judge(w) {
            Verdict::Fragile { rewrite, .. } => Some(rewrite),
            _ => None,
        }
    }

    #[test]
    fn accepts_what_argo_accepts() {
        for w in [
            "{{steps.flip.status}} == Succeeded",
            "{{workflow.status}} != Succeeded",
            "false",
            "{{inputs.parameters.should-print}} == true",
            "{{inputs.parameters.num}} != 1 && {{inputs.parameters.num}} != 2",
            "{{steps.iterate-counter.outputs.result}} < {{inputs.parameters.limit}}",
            "'{{steps.x.outputs.result}}' == 'heads'",
            "({{item.a}} == a || {{item.b}} == b) && !false",
            "{{= steps.x.outputs.result == 'a' }}",
            "{{steps.x.outputs.result}}",
            "{{item}} in (1, 2, 3)",
            "-5 < 3",
            "0x1F > 3",
        ] {
            assert!(matches!(judge(w), Verdict::Ok), "{w}: {:?}", judge(w));
        }
    }

    #[test]
    fn rejects_what_always_fails() {
        for w in [
            "{{workflow.status}} == my-value",
            "{{steps.x.status}} = Succeeded",
            "{{workflow.status}} == hello world",
            "({{workflow.status}} == Succeeded",
            "{{workflow.status}} == 'Succeeded",
            "{{workflow.status}} ==",
            "{{workflow.status}} == v1.2",
            "1.2.3 == {{workflow.status}}",
            "heads",
            "a && b",
            "{{workflow.status}} === Succeeded",
            "5 > abc",
        ] {
            assert!(broken(w), "{w}: {:?}", judge(w));
        }
    }

    #[test]
    fn names_the_whole_dashed_word() {
        match judge("{{steps.a.status}} == ready-to-ship") {
            Verdict::Broken(why) => assert!(why.contains("`ready-to-ship`"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn flags_unquoted_free_form_values_in_string_comparisons() {
        assert_eq!(
            fragile("{{steps.flip-coin.outputs.result}} == heads").as_deref(),
            Some("'{{steps.flip-coin.outputs.result}}' == 'heads'")
        );
        assert_eq!(
            fragile("{{steps.a.outputs.parameters.x}} =~ tai").as_deref(),
            Some("'{{steps.a.outputs.parameters.x}}' =~ 'tai'")
        );
        assert_eq!(
            fragile("{{inputs.parameters.mode}} != 'fast'").as_deref(),
            Some("'{{inputs.parameters.mode}}' != 'fast'")
        );
        // Numbers and booleans must stay unquoted; statuses are not free-form.
        assert_eq!(fragile("{{inputs.parameters.n}} > 3"), None);
        assert_eq!(fragile("{{inputs.parameters.flag}} == true"), None);
        assert_eq!(fragile("{{steps.a.status}} == Failed"), None);
    }
}
