//! The frames between the client and the protocol layer. tower-lsp-server's reader stops
//! for good at the first message it cannot decode (a body that is not JSON-RPC, a header
//! without `Content-Length`), which ends the server. This filter reads the frames first:
//! what the protocol layer can decode goes through unchanged, anything else is dropped
//! with a line on stderr saying why, and the server goes on.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The largest message body accepted; a larger one is skipped (read, not kept).
const MAX_BODY: usize = 64 << 20;

/// Copies well-formed frames from `input` to `output` until `input` ends.
pub async fn filter_frames(mut input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        // The header block, up to the blank line.
        let header_end = loop {
            if let Some(i) = find(&buf, b"\r\n\r\n") {
                break Some(i);
            }
            if buf.len() > 64 << 10 {
                say("a header block longer than 64 KiB; skipping it");
                buf.clear();
            }
            match input.read(&mut chunk).await {
                Ok(0) | Err(_) => break None,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let Some(header_end) = header_end else {
            if buf.iter().any(|b| !b.is_ascii_whitespace()) {
                say("the input ended inside a message header");
            }
            return;
        };
        let headers = String::from_utf8_lossy(&buf[..header_end]).into_owned();
        buf.drain(..header_end + 4);
        let length = headers.lines().find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())
        });
        let length = match length {
            Some(Some(n)) => n,
            Some(None) => {
                say(&format!(
                    "a message with an unreadable `Content-Length` header ({}); skipping its header",
                    headers.trim()
                ));
                continue;
            }
            None => {
                say(&format!(
                    "a message header without `Content-Length` ({}); skipping it",
                    clip(&headers)
                ));
                continue;
            }
        };
        // The body: kept when small enough, else read into nothing.
        let keep = length <= MAX_BODY;
        while buf.len() < length.min(MAX_BODY + 1) && (keep || buf.len() <= MAX_BODY) {
            match input.read(&mut chunk).await {
                Ok(0) | Err(_) => {
                    say("the input ended inside a message body");
                    return;
                }
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
            if !keep && buf.len() > MAX_BODY {
                break;
            }
        }
        if !keep {
            say(&format!(
                "a message of {length} bytes, over the {} MiB accepted; skipping it",
                MAX_BODY >> 20
            ));
            let mut left = length;
            let take = left.min(buf.len());
            buf.drain(..take);
            left -= take;
            while left > 0 {
                match input.read(&mut chunk).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        let used = n.min(left);
                        left -= used;
                        buf.extend_from_slice(&chunk[used..n]);
                    }
                }
            }
            continue;
        }
        let body: Vec<u8> = buf.drain(..length).collect();
        if let Some(why) = undecodable(&body) {
            say(&format!(
                "dropped a message the server cannot decode ({why}): {}",
                clip(&String::from_utf8_lossy(&body))
            ));
            continue;
        }
        let frame = [
            format!("Content-Length: {length}\r\n\r\n").as_bytes(),
            &body,
        ]
        .concat();
        if output.write_all(&frame).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
}

/// Why the protocol layer could not decode `body`, if it could not.
fn undecodable(body: &[u8]) -> Option<String> {
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => return Some(format!("not UTF-8: {e}")),
    };
    if text.is_empty() {
        return None;
    }
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Some(format!("not JSON: {e}")),
    };
    if serde_json::from_value::<Request>(value.clone()).is_ok()
        || serde_json::from_value::<Response>(value).is_ok()
    {
        return None;
    }
    Some("JSON, but not a JSON-RPC 2.0 request, notification or response".into())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn clip(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn say(what: &str) {
    eprintln!("argolint lsp: warning: {what}");
}

/// Runs the filter over `input` held in memory and returns what passes (for tests and the
/// fuzzer); every frame it returns is one the protocol layer decodes.
pub fn check_frames(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let Ok(rt) = tokio::runtime::Builder::new_current_thread().build() else {
        return out;
    };
    rt.block_on(filter_frames(input, &mut out));
    let mut rest = &out[..];
    while !rest.is_empty() {
        let header_end = find(rest, b"\r\n\r\n").expect("a header block");
        let header = std::str::from_utf8(&rest[..header_end]).expect("ASCII header");
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|n| n.parse().ok())
            .expect("one Content-Length header");
        let body = &rest[header_end + 4..header_end + 4 + length];
        assert_eq!(undecodable(body), None);
        rest = &rest[header_end + 4 + length..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::check_frames;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn passes_messages_and_drops_what_cannot_be_decoded() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let note = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = [
            frame(good),
            frame("not json"),
            "Content-Type: x\r\n\r\n".to_string(),
            frame(r#"{"a":1}"#),
            "content-length: 33\r\n\r\n".to_string() + note,
        ]
        .concat();
        let out = String::from_utf8(check_frames(input.as_bytes())).unwrap();
        assert_eq!(out, frame(good) + &frame(note));
    }
}
