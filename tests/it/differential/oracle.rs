//! The oracle: upstream's Go code (`tools/oracle/`, built by `scripts/build-oracle.sh`) run as
//! one process per target, fed the cases as JSON Lines on stdin while its verdicts are read
//! from stdout, so tens of thousands of documents go through one process.
//!
//! Request, one line per case: `{"id": …, "files": [{"name": …, "text": …}, …]}`.
//! Answer, one line per document of each file (documents split as upstream splits them):
//! `{"id", "file", "doc", "kind", "name", "verdict": "accept"|"reject"|"skip", "stage",
//! "message", "stages"}`.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;

use argolint::api::ArgoVersion;
use serde::Serialize;

use crate::differential::inputs::Case;

/// One Argo release argolint is held to.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// `v4.1`, as in reports and `accepted.yaml`.
    pub name: &'static str,
    pub version: ArgoVersion,
    /// The oracle binary's file name in the oracle directory.
    pub binary: &'static str,
    /// The folder of `<shared>/crds/` whose full CRDs the API server enforces (v4.0 on).
    pub crds: Option<&'static str>,
}

pub const TARGETS: [Target; 2] = [
    Target {
        name: "v4.1",
        version: ArgoVersion::V4_1,
        binary: "oracle-v4",
        crds: Some("v4.1.2"),
    },
    Target {
        name: "v3.7",
        version: ArgoVersion::V3_7,
        binary: "oracle-v3",
        crds: None,
    },
];

/// The one place that knows how an oracle is invoked.
pub fn command(target: &Target, oracle_dir: &Path, shared: &Path) -> Command {
    // Without file arguments the oracle reads cases from stdin (tools/oracle/common/run.go).
    let mut cmd = Command::new(oracle_dir.join(target.binary));
    if let Some(crds) = target.crds {
        cmd.arg("--crds").arg(shared.join("crds").join(crds));
    }
    cmd
}

/// Where the oracle binaries are: `$ARGOLINT_ORACLE_DIR`, else `target/oracle` of this
/// checkout (where `scripts/build-oracle.sh` puts them).
pub fn oracle_dir() -> PathBuf {
    std::env::var_os("ARGOLINT_ORACLE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/oracle"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Accept,
    Reject,
    Skip,
}

/// The oracle's word on one document.
#[derive(Clone, Debug, Serialize)]
pub struct OracleDoc {
    pub file: String,
    pub doc: usize,
    pub kind: String,
    pub name: String,
    pub verdict: Verdict,
    pub stage: String,
    pub message: String,
    /// The case's offline template index could not be built (real `argo lint --offline`
    /// stops before linting anything then).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub case_error: String,
}

#[derive(Debug, Default)]
pub struct Verdicts {
    /// By case id.
    pub by_case: HashMap<String, Vec<OracleDoc>>,
    /// Lines that could not be read, and what the process said when it failed.
    pub problems: Vec<String>,
}

fn parse_line(line: &str) -> Result<(String, OracleDoc), String> {
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not JSON ({e}): {}", clip(line)))?;
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    if v.get("end").and_then(|x| x.as_bool()) == Some(true) {
        // A case-end marker (`--case-end`), or the oracle's word on a line it could not read.
        return match v.get("error").and_then(|x| x.as_str()) {
            Some(e) => Err(format!("the oracle could not read a case: {e}")),
            None => Err(String::new()),
        };
    }
    let id = v
        .get("id")
        .and_then(|x| x.as_str())
        .ok_or_else(|| format!("no `id`: {}", clip(line)))?;
    let doc = v
        .get("doc")
        .and_then(|x| x.as_u64())
        .ok_or_else(|| format!("no `doc` index: {}", clip(line)))?;
    let verdict = match v.get("verdict").and_then(|x| x.as_str()) {
        Some("accept") => Verdict::Accept,
        Some("reject") => Verdict::Reject,
        Some("skip") => Verdict::Skip,
        other => {
            return Err(format!(
                "verdict {other:?} is none of accept/reject/skip: {}",
                clip(line)
            ));
        }
    };
    Ok((
        id.to_string(),
        OracleDoc {
            file: s("file"),
            doc: doc as usize,
            kind: s("kind"),
            name: s("name"),
            verdict,
            stage: s("stage"),
            message: s("message"),
            case_error: s("case_error"),
        },
    ))
}

fn clip(s: &str) -> String {
    if s.len() <= 300 {
        return s.to_string();
    }
    let mut end = 300;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// The request line of a case.
pub fn request(case: &Case) -> String {
    let files: Vec<serde_json::Value> = case
        .files
        .iter()
        .map(|f| serde_json::json!({"name": f.name, "text": f.text}))
        .collect();
    serde_json::json!({"id": case.id, "files": files}).to_string()
}

/// Writes every case to `input` (then closes it) while reading the answers from `output`, on
/// two threads of `scope`; the returned handle yields the verdicts once `output` ends.
pub fn converse<'s, 'c: 's>(
    scope: &'s std::thread::Scope<'s, '_>,
    cases: &'c [Case],
    mut input: Box<dyn Write + Send + 's>,
    output: Box<dyn Read + Send + 's>,
) -> std::thread::ScopedJoinHandle<'s, Verdicts> {
    let writer = scope.spawn(move || -> Result<(), String> {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut input);
        for case in cases {
            w.write_all(request(case).as_bytes())
                .and_then(|_| w.write_all(b"\n"))
                .map_err(|e| format!("writing case {}: {e}", case.id))?;
        }
        w.flush()
            .map_err(|e| format!("flushing the requests: {e}"))?;
        drop(w);
        drop(input);
        Ok(())
    });
    scope.spawn(move || {
        let mut out = Verdicts::default();
        for line in BufReader::with_capacity(1 << 16, output).lines() {
            match line {
                Ok(l) if l.trim().is_empty() => {}
                Ok(l) => match parse_line(&l) {
                    Ok((id, d)) => out.by_case.entry(id).or_default().push(d),
                    Err(e) if e.is_empty() => {}
                    Err(e) => out.problems.push(e),
                },
                Err(e) => {
                    out.problems.push(format!("reading the answers: {e}"));
                    break;
                }
            }
        }
        if let Err(e) = writer
            .join()
            .unwrap_or_else(|_| Err("the writer panicked".into()))
        {
            out.problems.push(e);
        }
        out
    })
}

/// A running oracle process.
pub struct Process<'s> {
    child: std::process::Child,
    answers: std::thread::ScopedJoinHandle<'s, Verdicts>,
    stderr: std::thread::ScopedJoinHandle<'s, String>,
    what: String,
}

/// Starts the oracle and streams `cases` through it.
pub fn start<'s, 'c: 's>(
    scope: &'s std::thread::Scope<'s, '_>,
    mut cmd: Command,
    cases: &'c [Case],
) -> Result<Process<'s>, String> {
    let what = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {what}: {e}"))?;
    let stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let stderr = scope.spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let answers = converse(scope, cases, Box::new(stdin), Box::new(stdout));
    Ok(Process {
        child,
        answers,
        stderr,
        what,
    })
}

impl Process<'_> {
    /// Waits for every answer and the process's exit.
    pub fn finish(mut self) -> Verdicts {
        let mut v = self.answers.join().unwrap_or_default();
        let status = self.child.wait();
        let stderr = self.stderr.join().unwrap_or_default();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => v.problems.push(format!(
                "{} exited with {s}; its stderr ends with:\n{}",
                self.what,
                tail(&stderr, 40)
            )),
            Err(e) => v.problems.push(format!("waiting for {}: {e}", self.what)),
        }
        v
    }
}

fn tail(s: &str, lines: usize) -> String {
    let all: Vec<&str> = s.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// An in-memory pipe (for the fake oracle of the self-test): bytes written to the writer are
/// read from the reader; dropping the writer ends the stream.
pub fn pipe() -> (PipeWriter, PipeReader) {
    let (tx, rx) = mpsc::channel();
    (
        PipeWriter(tx),
        PipeReader {
            rx,
            buf: Vec::new(),
            pos: 0,
        },
    )
}

pub struct PipeWriter(mpsc::Sender<Vec<u8>>);

impl Write for PipeWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .send(buf.to_vec())
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "reader gone"))?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct PipeReader {
    rx: mpsc::Receiver<Vec<u8>>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for PipeReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.buf.len() {
            match self.rx.recv() {
                Ok(b) => {
                    self.buf = b;
                    self.pos = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// A stand-in for the oracle, speaking its protocol over in-memory pipes: `judge(case id,
/// file name, doc index, doc text)` gives each document's (verdict, stage, message).
pub fn fake<'s>(
    scope: &'s std::thread::Scope<'s, '_>,
    judge: impl Fn(&str, &str, usize, &str) -> (Verdict, &'static str, String) + Send + 's,
) -> (PipeWriter, PipeReader) {
    let (req_w, req_r) = pipe();
    let (ans_w, ans_r) = pipe();
    scope.spawn(move || {
        let mut ans_w = std::io::BufWriter::new(ans_w);
        for line in BufReader::new(req_r).lines() {
            let Ok(line) = line else { break };
            let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON request");
            let id = v["id"].as_str().unwrap();
            for f in v["files"].as_array().unwrap() {
                let name = f["name"].as_str().unwrap();
                let text = f["text"].as_str().unwrap();
                for (doc, range) in crate::differential::compare::upstream_documents(text)
                    .into_iter()
                    .enumerate()
                {
                    let (verdict, stage, message) = judge(id, name, doc, &text[range]);
                    let line = serde_json::json!({
                        "id": id, "file": name, "doc": doc, "kind": "", "name": "",
                        "verdict": verdict, "stage": stage, "message": message, "stages": {},
                    });
                    writeln!(ans_w, "{line}").unwrap();
                }
            }
        }
    });
    (req_w, ans_r)
}
