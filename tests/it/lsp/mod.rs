//! `argolint lsp` end to end: the built binary is spawned and spoken to in JSON-RPC over its
//! stdin/stdout, as an editor would. Fixtures are under `testdata/lsp/`.

mod completion;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

mod latency;
mod nav;
mod neovim;

use serde_json::{Value, json};

pub(crate) const TIMEOUT: Duration = Duration::from_secs(30);

pub(crate) fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/lsp")
        .join(rel)
}

pub(crate) fn uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap();
    format!("file://{}", abs.display().to_string().replace(' ', "%20"))
}

/// A running `argolint lsp` and what it has said so far.
pub(crate) struct Lsp {
    pub(crate) child: Child,
    pub(crate) stdin: Option<ChildStdin>,
    pub(crate) rx: Receiver<Value>,
    pub(crate) next_id: i64,
    /// Notifications (and server requests) received while waiting for something else.
    pub(crate) seen: Vec<Value>,
    /// What `initialize` answered.
    pub(crate) init: Value,
    /// Milliseconds from spawning to the `initialize` response.
    pub(crate) init_ms: f64,
    /// The server's stderr so far, with `Opts::capture_stderr`.
    pub(crate) stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

/// Reads `Content-Length`-framed JSON messages until the stream ends.
fn read_messages(out: impl Read, tx: std::sync::mpsc::Sender<Value>) {
    let mut r = BufReader::new(out);
    loop {
        let mut len = None;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                len = v.trim().parse::<usize>().ok();
            }
        }
        let mut body = vec![0; len.expect("a Content-Length header")];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let msg: Value = serde_json::from_slice(&body).expect("the server writes JSON");
        if tx.send(msg).is_err() {
            return;
        }
    }
}

pub(crate) struct Opts<'a> {
    pub(crate) folder: Option<&'a Path>,
    pub(crate) encodings: &'a [&'a str],
    pub(crate) env: &'a [(&'a str, &'a str)],
    /// Keep what the server writes on stderr (else it goes to the test's stderr).
    pub(crate) capture_stderr: bool,
}

impl Default for Opts<'_> {
    fn default() -> Self {
        Opts {
            folder: None,
            encodings: &["utf-16"],
            env: &[],
            capture_stderr: false,
        }
    }
}

impl Lsp {
    pub(crate) fn start(opts: Opts<'_>) -> Lsp {
        let t0 = Instant::now();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_argolint"));
        cmd.arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if opts.capture_stderr {
                Stdio::piped()
            } else {
                Stdio::inherit()
            });
        for (k, v) in opts.env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("argolint lsp starts");
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        if let Some(mut err) = child.stderr.take() {
            let sink = stderr.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = err.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    sink.lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let stdin = child.stdin.take();
        let out = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || read_messages(out, tx));
        let mut lsp = Lsp {
            child,
            stdin,
            rx,
            next_id: 0,
            seen: Vec::new(),
            init: Value::Null,
            init_ms: 0.0,
            stderr,
        };
        let folders = match opts.folder {
            Some(f) => json!([{"uri": uri(f), "name": "ws"}]),
            None => Value::Null,
        };
        let init = lsp.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": {
                    "general": {"positionEncodings": opts.encodings},
                    "textDocument": {"publishDiagnostics": {"relatedInformation": true}}
                },
                "workspaceFolders": folders,
            }),
        );
        lsp.init_ms = t0.elapsed().as_secs_f64() * 1000.0;
        lsp.init = init["result"].clone();
        lsp.notify("initialized", json!({}));
        lsp
    }

    pub(crate) fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub(crate) fn recv(&mut self, what: &str) -> Value {
        match self.rx.recv_timeout(TIMEOUT) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => {
                panic!("no answer within {TIMEOUT:?} waiting for {what}")
            }
            Err(RecvTimeoutError::Disconnected) => {
                panic!("the server went away waiting for {what}")
            }
        }
    }

    /// Sends a request and waits for its response (the whole message, `result` or `error`).
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.recv(method);
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
            if msg.get("method").is_some() && msg.get("id").is_some() {
                // A request from the server (registerCapability): answer it.
                let rid = msg["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": rid, "result": null}));
            }
            self.seen.push(msg);
        }
    }

    /// The next `publishDiagnostics` for `uri` (one received earlier counts first).
    pub(crate) fn diagnostics(&mut self, uri: &str) -> Value {
        let is_for = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        if let Some(i) = self.seen.iter().position(is_for) {
            return self.seen.remove(i)["params"].clone();
        }
        loop {
            let msg = self.recv(&format!("diagnostics for {uri}"));
            if is_for(&msg) {
                return msg["params"].clone();
            }
            if msg.get("method").is_some() && msg.get("id").is_some() {
                let rid = msg["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": rid, "result": null}));
            }
            self.seen.push(msg);
        }
    }

    pub(crate) fn open(&mut self, uri: &str, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    pub(crate) fn change(&mut self, uri: &str, version: i64, text: &str) -> Value {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
        self.diagnostics(uri)
    }

    pub(crate) fn at(&mut self, method: &str, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            method,
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// `shutdown`, `exit`, and the exit code.
    pub(crate) fn stop(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    pub(crate) fn wait(mut self) -> i32 {
        drop(self.stdin.take());
        let t = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            if t.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `(code, start line, start char, end line, end char)` of each diagnostic.
pub(crate) fn ranges(params: &Value) -> Vec<(String, u64, u64, u64, u64)> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let r = &d["range"];
            (
                d["code"].as_str().unwrap_or("").to_string(),
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
                r["end"]["line"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect()
}

pub(crate) fn codes(params: &Value) -> Vec<String> {
    ranges(params).into_iter().map(|r| r.0).collect()
}

pub(crate) fn d(code: &str, l: u64, s: u64, el: u64, e: u64) -> (String, u64, u64, u64, u64) {
    (code.to_string(), l, s, el, e)
}

pub(crate) fn markdown(hover: &Value) -> String {
    hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("no hover: {hover}"))
        .to_string()
}

pub(crate) fn labels(completion: &Value) -> Vec<String> {
    let r = &completion["result"];
    let items = r.get("items").unwrap_or(r);
    items
        .as_array()
        .unwrap_or_else(|| panic!("no completion: {completion}"))
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn initialize_announces_capabilities_and_exit_follows_shutdown() {
    let lsp = Lsp::start(Opts {
        encodings: &["utf-8", "utf-16"],
        ..Opts::default()
    });
    let caps = &lsp.init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-8", "{caps}");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["textDocumentSync"]["change"], 1, "full text on change");
    assert!(caps["textDocumentSync"]["save"].is_object());
    assert_eq!(caps["hoverProvider"], true);
    assert!(caps["completionProvider"].is_object());
    let triggers = &caps["completionProvider"]["triggerCharacters"];
    for t in [":", "{", "."] {
        assert!(
            triggers.as_array().unwrap().contains(&json!(t)),
            "{triggers}"
        );
    }
    for p in [
        "definitionProvider",
        "referencesProvider",
        "documentHighlightProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
    ] {
        assert_eq!(caps[p], true, "{p}: {caps}");
    }
    assert_eq!(caps["renameProvider"]["prepareProvider"], true, "{caps}");
    let kinds = &caps["codeActionProvider"]["codeActionKinds"];
    assert!(
        kinds.as_array().unwrap().contains(&json!("quickfix")),
        "{kinds}"
    );
    assert_eq!(lsp.init["serverInfo"]["name"], "argolint");
    eprintln!("initialize answered {:.1} ms after spawning", lsp.init_ms);
    assert_eq!(lsp.stop(), 0);

    // Without utf-8 on offer: the protocol's default.
    let lsp = Lsp::start(Opts::default());
    assert_eq!(lsp.init["capabilities"]["positionEncoding"], "utf-16");
    // `exit` without `shutdown`: exit code 1, as the specification says.
    let mut lsp = lsp;
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.wait(), 1);
}

#[test]
fn diagnostics_follow_open_change_and_close() {
    let path = fixture("mistakes.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let u = uri(&path);
    let mut lsp = Lsp::start(Opts::default());
    let t = Instant::now();
    let p = lsp.open(&u, &text);
    eprintln!(
        "didOpen → publishDiagnostics in {:.2} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    assert_eq!(p["version"], 1);
    assert_eq!(
        ranges(&p),
        [
            d("undefined-template", 16, 22, 16, 26),
            d("invalid-enum-value", 20, 21, 20, 31),
            d("unknown-field", 23, 8, 23, 14),
            d("yaml11-implicit-type", 25, 35, 25, 37),
        ]
    );
    let diags = p["diagnostics"].as_array().unwrap();
    for x in diags {
        assert_eq!(x["source"], "argolint");
        let href = x["codeDescription"]["href"].as_str().unwrap();
        assert!(
            href.ends_with(&format!("rules/{}.md", x["code"].as_str().unwrap())),
            "{href}"
        );
    }
    assert_eq!(diags[0]["severity"], 1);
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `hello`?"),
        "help is part of the message: {}",
        diags[0]["message"]
    );
    // The labelled secondary span: where `hello` is defined.
    let related = &diags[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], u.as_str());
    assert_eq!(
        related["location"]["range"],
        json!({"start": {"line": 17, "character": 12}, "end": {"line": 17, "character": 17}})
    );
    assert_eq!(related["message"], "template `hello` is defined here");

    // Fixing one mistake removes that diagnostic and only that one.
    let fixed = text.replace("retryPolicy: OnFailures", "retryPolicy: OnFailure");
    let p = lsp.change(&u, 2, &fixed);
    assert_eq!(p["version"], 2);
    assert_eq!(
        codes(&p),
        [
            "undefined-template",
            "unknown-field",
            "yaml11-implicit-type"
        ]
    );

    // A stale change (an older version) is ignored: the next publish is for version 3.
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 1}, "contentChanges": [{"text": "garbage: ["}]}),
    );
    let p = lsp.change(&u, 3, &fixed);
    assert_eq!(p["version"], 3);
    assert_eq!(codes(&p).len(), 3);

    lsp.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    let p = lsp.diagnostics(&u);
    assert_eq!(p["diagnostics"], json!([]));

    // YAML that is not Argo's gets nothing, even broken.
    let other = uri(&fixture("configmap.yaml"));
    let p = lsp.open(&other, "apiVersion: v1\nkind: ConfigMap\ndata: {a: [1\n");
    assert_eq!(p["diagnostics"], json!([]));
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn positions_follow_the_negotiated_encoding() {
    let path = fixture("unicode.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text.lines().nth(2).unwrap();
    let byte_col = line.find("nmae").unwrap();
    let utf16_col = line[..byte_col].encode_utf16().count();
    // `é` and `☕` are one UTF-16 unit each, `🎉` two; in UTF-8 they take 2, 3 and 4 bytes.
    assert_eq!((byte_col, utf16_col), (49, 44));
    let gen_byte = line.find("generateName").unwrap() + 2;
    let gen_utf16 = line[..gen_byte].encode_utf16().count();
    for (enc, col, hover_col) in [
        ("utf-16", utf16_col, gen_utf16),
        ("utf-8", byte_col, gen_byte),
    ] {
        let mut lsp = Lsp::start(Opts {
            encodings: &[enc],
            ..Opts::default()
        });
        assert_eq!(lsp.init["capabilities"]["positionEncoding"], enc);
        let u = uri(&path);
        let p = lsp.open(&u, &text);
        let c = col as u64;
        assert_eq!(
            ranges(&p),
            [d("unknown-field", 2, c, 2, c + 4)],
            "{enc}: {p}"
        );
        // And the other way: a hover position after the non-ASCII text lands on its key.
        let h = lsp.at("textDocument/hover", &u, 2, hover_col as u32);
        let m = markdown(&h);
        assert!(m.contains("**`metadata.generateName`**"), "{enc}: {m}");
        let start = &h["result"]["range"]["start"]["character"];
        assert_eq!(start, &json!(hover_col - 2), "{enc}");
        assert_eq!(lsp.stop(), 0);
    }
}

const RETRY: &str = concat!(
    "apiVersion: argoproj.io/v1alpha1\n",
    "kind: Workflow\n",
    "metadata:\n",
    "  generateName: retry-\n",
    "spec:\n",
    "  entrypoint: main\n",
    "  templates:\n",
    "    - name: main\n",
    "      retryStrategy:\n",
    "        affinity: {nodeAntiAffinity: {}}\n",
    "\n",
    "        retryPolicy: OnError\n",
    "        backoff:\n",
    "          duration: 10s\n",
    "          maxDuration: 5m\n",
    "      container:\n",
    "        image: alpine:3.20\n",
);

/// Line 10 is the blank line inside `retryStrategy:`, indented like its keys.
const COMPLETE: &str = concat!(
    "apiVersion: argoproj.io/v1alpha1\n",
    "kind: Workflow\n",
    "metadata:\n",
    "  generateName: complete-\n",
    "spec:\n",
    "  entrypoint: main\n",
    "  templates:\n",
    "    - name: main\n",
    "      retryStrategy:\n",
    "        expression: \"true\"\n",
    "        \n",
    "        affinity: {nodeAntiAffinity: {}}\n",
    "      container:\n",
    "        image: alpine:3.20\n",
);

#[test]
fn hover_documents_the_field_under_the_cursor() {
    let mut lsp = Lsp::start(Opts::default());
    let u = uri(&fixture("retry.yaml"));
    lsp.open(&u, RETRY);
    let h = lsp.at("textDocument/hover", &u, 14, 14);
    let m = markdown(&h);
    assert_eq!(h["result"]["contents"]["kind"], "markdown");
    assert!(
        m.contains("**`spec.templates[0].retryStrategy.backoff.maxDuration`**"),
        "{m}"
    );
    assert!(
        m.contains("Stops retrying once this much time has passed"),
        "{m}"
    );
    assert!(m.contains("retry-max-duration-overrides-deadline"), "{m}");
    assert!(m.contains("**type:** Duration"), "{m}");
    assert_eq!(
        h["result"]["range"],
        json!({"start": {"line": 14, "character": 10}, "end": {"line": 14, "character": 21}})
    );
    // On an enum value: the allowed values.
    let m = markdown(&lsp.at("textDocument/hover", &u, 11, 24));
    assert!(
        m.starts_with("`OnError` is one of the values `retryPolicy` allows"),
        "{m}"
    );
    for v in ["Always", "OnFailure", "OnError", "OnTransientError"] {
        assert!(m.contains(&format!("- `{v}`")), "{v}: {m}");
    }
    // On blank space, nothing.
    let h = lsp.at("textDocument/hover", &u, 10, 0);
    assert_eq!(h["result"], Value::Null);
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn completion_offers_missing_keys_and_allowed_values() {
    let mut lsp = Lsp::start(Opts::default());
    let u = uri(&fixture("complete.yaml"));
    lsp.open(&u, COMPLETE);
    let blank = "        \n";
    let got = labels(&lsp.at("textDocument/completion", &u, 10, 8));
    for want in ["limit", "backoff", "retryPolicy"] {
        assert!(got.contains(&want.to_string()), "{want}: {got:?}");
    }
    for present in ["expression", "affinity"] {
        assert!(!got.contains(&present.to_string()), "{present}: {got:?}");
    }
    // Only RetryStrategy's keys.
    assert!(!got.contains(&"container".to_string()), "{got:?}");

    // Half-typed: `li` under `retryStrategy:` does not parse (or would be a string value).
    lsp.change(&u, 2, &COMPLETE.replace(blank, "        li\n"));
    let c = lsp.at("textDocument/completion", &u, 10, 10);
    let got = labels(&c);
    for want in ["limit", "retryPolicy", "backoff"] {
        assert!(got.contains(&want.to_string()), "{want}: {got:?}");
    }
    assert!(!got.contains(&"affinity".to_string()), "present: {got:?}");
    let items = c["result"].as_array().unwrap();
    let limit = items.iter().find(|i| i["label"] == "limit").unwrap();
    assert_eq!(
        limit["textEdit"],
        json!({"range": {"start": {"line": 10, "character": 8}, "end": {"line": 10, "character": 10}}, "newText": "limit: "})
    );
    assert!(
        limit["detail"]
            .as_str()
            .unwrap()
            .contains("How many retries after the first attempt"),
        "{limit}"
    );

    // A value of a field with allowed values: those values.
    lsp.change(&u, 3, &COMPLETE.replace(blank, "        retryPolicy: \n"));
    let mut got = labels(&lsp.at("textDocument/completion", &u, 10, 21));
    got.sort();
    assert_eq!(got, ["Always", "OnError", "OnFailure", "OnTransientError"]);
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn completion_follows_the_configured_argo_version() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".argolint.yaml"), "argo-version: \"3.5\"\n").unwrap();
    let text =
        "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: c}\nspec:\n  \n";
    let mut lsp = Lsp::start(Opts {
        folder: Some(dir.path()),
        ..Opts::default()
    });
    let u = uri(&dir.path().join("cron.yaml"));
    lsp.open(&u, text);
    let got = labels(&lsp.at("textDocument/completion", &u, 4, 2));
    assert!(got.contains(&"schedule".to_string()), "{got:?}");
    assert!(!got.contains(&"schedules".to_string()), "v3.6+: {got:?}");
    // Outside that folder the newest release counts.
    let other = uri(&fixture("cron.yaml"));
    lsp.open(&other, text);
    let got = labels(&lsp.at("textDocument/completion", &other, 4, 2));
    assert!(got.contains(&"schedules".to_string()), "{got:?}");
    assert!(
        !got.contains(&"schedule".to_string()),
        "removed in v4.0: {got:?}"
    );
    assert_eq!(lsp.stop(), 0);
}

pub(crate) fn action<'a>(actions: &'a Value, title: &str) -> &'a Value {
    actions["result"]
        .as_array()
        .unwrap_or_else(|| panic!("no actions: {actions}"))
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action `{title}` in {actions}"))
}

#[test]
fn code_actions_apply_fixes_and_suppress() {
    let path = fixture("mistakes.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let u = uri(&path);
    let mut lsp = Lsp::start(Opts::default());
    let p = lsp.open(&u, &text);
    let diags = p["diagnostics"].as_array().unwrap().clone();
    let at = |code: &str| diags.iter().find(|x| x["code"] == code).unwrap().clone();

    let unknown = at("unknown-field");
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": unknown["range"], "context": {"diagnostics": [unknown]}}),
    );
    let rename = action(&actions, "Rename `comand` to `command`");
    assert_eq!(rename["kind"], "quickfix");
    assert_eq!(rename["isPreferred"], false, "renaming may change meaning");
    assert_eq!(
        rename["edit"]["changes"][&u],
        json!([{"range": {"start": {"line": 23, "character": 8}, "end": {"line": 23, "character": 14}}, "newText": "command"}])
    );
    let disable = action(&actions, "Disable unknown-field for this line");
    let edit = &disable["edit"]["changes"][&u][0];
    assert_eq!(
        edit,
        &json!({"range": {"start": {"line": 23, "character": 26}, "end": {"line": 23, "character": 26}}, "newText": "  # argolint: ignore[unknown-field]"})
    );

    let quote = at("yaml11-implicit-type");
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": quote["range"], "context": {"diagnostics": [quote]}}),
    );
    let fix = action(&actions, "Quote it: \"on\"");
    assert_eq!(fix["isPreferred"], true, "a safe fix");
    assert_eq!(
        fix["edit"]["changes"][&u],
        json!([{"range": {"start": {"line": 25, "character": 35}, "end": {"line": 25, "character": 37}}, "newText": "\"on\""}])
    );

    // The suppression comment really suppresses (and the rename really fixes).
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[23].push_str("  # argolint: ignore[unknown-field]");
    let p = lsp.change(&u, 2, &(lines.join("\n") + "\n"));
    assert!(!codes(&p).contains(&"unknown-field".to_string()), "{p}");
    let p = lsp.change(&u, 3, &text.replace("comand:", "command:"));
    assert!(!codes(&p).contains(&"unknown-field".to_string()), "{p}");

    // `source.fixAll`: every safe fix at once.
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let all = action(&actions, "Fix all safe argolint findings");
    let new = all["edit"]["changes"][&u][0]["newText"].as_str().unwrap();
    assert!(new.contains("value: \"on\"}"), "{new}");
    assert_eq!(
        actions["result"].as_array().unwrap().len(),
        1,
        "only what was asked"
    );
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn template_refs_resolve_across_the_workspace() {
    let ws = fixture("workspace");
    let mut lsp = Lsp::start(Opts {
        folder: Some(&ws),
        ..Opts::default()
    });
    let path = ws.join("wf.yaml");
    let u = uri(&path);
    let p = lsp.open(&u, &std::fs::read_to_string(&path).unwrap());
    // `shared` is in templates/shared.yaml (never opened); `missing` is nowhere. The
    // folder's .argolint.yaml disables the cleanup rules, which would fire otherwise.
    assert_eq!(
        ranges(&p),
        [d("unresolved-template-ref", 12, 32, 12, 39)],
        "{p}"
    );
    // An unsaved document defining `missing` resolves it at once.
    let new = uri(&ws.join("templates/new.yaml"));
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": new, "languageId": "yaml", "version": 1,
               "text": "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: missing}\nspec:\n  templates:\n    - name: hello\n      container:\n        image: alpine:3.20\n        resources:\n          requests: {cpu: 100m, memory: 64Mi}\n          limits: {memory: 64Mi}\n"}}),
    );
    let p = lsp.diagnostics(&u);
    assert_eq!(ranges(&p), [], "{p}");
    // Closed (it is not on disk): the reference is unresolved again.
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": new}}),
    );
    let p = lsp.diagnostics(&u);
    assert_eq!(codes(&p), ["unresolved-template-ref"]);
    let logs: Vec<String> = lsp
        .seen
        .iter()
        .filter(|m| m["method"] == "window/logMessage")
        .map(|m| m["params"]["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        logs.iter()
            .any(|l| l.contains("indexed 1 templates in 2 files")),
        "{logs:?}"
    );
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn a_broken_configuration_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".argolint.yaml");
    std::fs::write(&config, "# a typo\ndisabel: [run-as-root]\n").unwrap();
    let mut lsp = Lsp::start(Opts {
        folder: Some(dir.path()),
        ..Opts::default()
    });
    let text = std::fs::read_to_string(fixture("mistakes.yaml")).unwrap();
    let a = uri(&dir.path().join("a.yaml"));
    let p = lsp.open(&a, &text);
    // Linted all the same, with the defaults.
    assert!(codes(&p).contains(&"invalid-enum-value".to_string()), "{p}");
    let cp = lsp.diagnostics(&uri(&config));
    let cd = &cp["diagnostics"][0];
    assert_eq!(
        cd["range"]["start"],
        json!({"line": 1, "character": 0}),
        "{cp}"
    );
    assert!(cd["message"].as_str().unwrap().contains("disabel"), "{cp}");
    let b = uri(&dir.path().join("b.yaml"));
    lsp.open(&b, &text);
    let shown: Vec<&Value> = lsp
        .seen
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0]["params"]["type"], 1);
    assert!(
        shown[0]["params"]["message"]
            .as_str()
            .unwrap()
            .contains(".argolint.yaml"),
        "{shown:?}"
    );
    // Fixed and saved: its diagnostics are cleared and the configuration counts.
    std::fs::write(&config, "disable: [all]\n").unwrap();
    lsp.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&config)}}),
    );
    let cp = lsp.diagnostics(&uri(&config));
    assert_eq!(cp["diagnostics"], json!([]));
    let p = lsp.diagnostics(&a);
    assert_eq!(codes(&p), Vec::<String>::new(), "{p}");
    assert_eq!(lsp.stop(), 0);
}

#[test]
fn garbage_never_kills_the_server() {
    let mut lsp = Lsp::start(Opts {
        env: &[("ARGOLINT_LSP_TEST_PANIC", "1")],
        ..Opts::default()
    });
    let deep_flow = "a: ".to_string() + &"[".repeat(100_000);
    let deep_block: String = (0..2_000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    let huge = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  templates:\n".to_string()
        + &(0..10_000)
            .map(|i| format!("    - name: t{i}\n      container: {{image: alpine:3.20, resources: {{requests: {{cpu: 1m, memory: 1Mi}}, limits: {{memory: 1Mi}}}}}}\n"))
            .collect::<String>();
    let junk: String = (0..5000u32)
        .map(|i| char::from_u32((i * 7919) % 0xD7FF).unwrap_or('x'))
        .collect();
    let texts = [
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  templates:\n    - name: [\n"
            .to_string(),
        "\u{0}\u{1}\u{2}binary\u{0}".to_string(),
        junk,
        deep_flow,
        "apiVersion: argoproj.io/v1alpha1\n".to_string() + &deep_block,
        "- ".repeat(50_000) + "x: 1\n",
        "{{ .Values.workflow }}\nkind: Workflow\napiVersion: argoproj.io/v1alpha1\n".to_string(),
        "\"\n'\n: : :\n- - -\n---\n...\n".to_string(),
        huge,
        // Expressions nested far past what argolint's parsers read (once a stack overflow).
        format!(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  templates:\n  - name: m\n    steps:\n    - - name: a\n        template: m\n        when: \"{}1 == 1{}\"\n    dag:\n      tasks:\n      - name: b\n        depends: \"{}a{}\"\n",
            "(".repeat(5_000),
            ")".repeat(5_000),
            "(".repeat(30_000),
            ")".repeat(30_000)
        ),
    ];
    for (i, text) in texts.iter().enumerate() {
        let u = format!("file:///garbage/{i}.yaml");
        let t = Instant::now();
        lsp.open(&u, text);
        let took = t.elapsed();
        for (line, ch) in [(0, 0), (1, 3), (3, 10), (4, 2), (200, 5)] {
            for m in ["textDocument/hover", "textDocument/completion"] {
                let r = lsp.at(m, &u, line, ch);
                assert!(r.get("error").is_none(), "{m} on text {i}: {r}");
            }
        }
        let r = lsp.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}, "context": {"diagnostics": []}}),
        );
        assert!(r.get("error").is_none(), "codeAction on text {i}: {r}");
        eprintln!("garbage text {i} ({} bytes) linted in {took:?}", text.len());
    }
    // A panic inside a request fails that request only (the hook exists in debug builds,
    // which is what `cargo test` builds).
    if cfg!(debug_assertions) {
        let u = "file:///garbage/panic.yaml";
        lsp.open(u, "# argolint-test-panic\nkind: Workflow\n");
        let r = lsp.at("textDocument/hover", u, 1, 1);
        assert_eq!(r["error"]["code"], -32603, "{r}");
    }
    let u = uri(&fixture("retry.yaml"));
    lsp.open(&u, RETRY);
    let m = markdown(&lsp.at("textDocument/hover", &u, 14, 14));
    assert!(m.contains("maxDuration"));
    assert_eq!(lsp.stop(), 0);
}

/// Messages the protocol layer cannot decode (once, the first of them ended the server) are
/// dropped with a line on stderr saying why, and the server goes on answering.
#[test]
fn malformed_messages_are_logged_and_survived() {
    let mut lsp = Lsp::start(Opts {
        capture_stderr: true,
        ..Opts::default()
    });
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let raw = [
        frame("this is not JSON"),
        frame(r#"{"neither":"a request nor a response"}"#),
        "X-Header: no length\r\n\r\n".to_string(),
        "Content-Length: many\r\n\r\n".to_string(),
        frame("\u{0}\u{1}"),
    ]
    .concat();
    let stdin = lsp.stdin.as_mut().unwrap();
    stdin.write_all(raw.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let u = uri(&fixture("retry.yaml"));
    lsp.open(&u, RETRY);
    let m = markdown(&lsp.at("textDocument/hover", &u, 14, 14));
    assert!(
        m.contains("maxDuration"),
        "the server stopped answering: {m}"
    );
    let captured = lsp.stderr.clone();
    assert_eq!(lsp.stop(), 0);
    let t = Instant::now();
    let stderr = loop {
        let s = captured.lock().unwrap().clone();
        if s.matches("argolint lsp: warning:").count() >= 5 || t.elapsed() > TIMEOUT {
            break s;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    for why in [
        "not JSON",
        "not a JSON-RPC 2.0 request",
        "without `Content-Length`",
        "unreadable `Content-Length`",
    ] {
        assert!(
            stderr.contains(why),
            "stderr does not say {why:?}: {stderr}"
        );
    }
}
