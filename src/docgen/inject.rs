//! Generated documentation between two markers of an existing Markdown file, as
//! terraform-docs does: everything outside the markers is kept byte for byte.

/// The line after which the generated text goes.
pub const BEGIN: &str = "<!-- BEGIN_ARGOLINT_DOCS -->";
/// The line before which the generated text ends.
pub const END: &str = "<!-- END_ARGOLINT_DOCS -->";

/// `existing` with the text between the markers replaced by `content`.
pub fn inject(existing: &str, content: &str) -> Result<String, String> {
    let Some(begin) = existing.find(BEGIN) else {
        return Err(format!(
            "no `{BEGIN}` marker: add the lines `{BEGIN}` and `{END}` where the documentation goes"
        ));
    };
    let after_begin = begin + BEGIN.len();
    let Some(end_rel) = existing[after_begin..].find(END) else {
        return Err(format!("`{BEGIN}` is never followed by `{END}`"));
    };
    let end = after_begin + end_rel;
    if existing[end + END.len()..].contains(BEGIN) || existing[after_begin..end].contains(BEGIN) {
        return Err(format!(
            "`{BEGIN}` appears more than once: keep one pair of markers"
        ));
    }
    let newline = if existing.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut body = content.trim_end_matches('\n').to_string();
    if newline == "\r\n" {
        body = body.replace('\n', "\r\n");
    }
    Ok(format!(
        "{}{newline}{body}{newline}{}",
        &existing[..after_begin],
        &existing[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_between_markers_and_is_idempotent() {
        let readme = format!("# Title\n\nintro\n{BEGIN}\nold\n{END}\n\nmore\n");
        let once = inject(&readme, "new\n").unwrap();
        assert_eq!(
            once,
            format!("# Title\n\nintro\n{BEGIN}\nnew\n{END}\n\nmore\n")
        );
        assert_eq!(inject(&once, "new\n").unwrap(), once);
        let empty = format!("{BEGIN}{END}");
        assert_eq!(inject(&empty, "x").unwrap(), format!("{BEGIN}\nx\n{END}"));
    }

    #[test]
    fn refuses_missing_or_repeated_markers() {
        assert!(inject("nothing", "x").unwrap_err().contains("no `"));
        assert!(inject(&format!("{BEGIN} only"), "x").is_err());
        assert!(inject(&format!("{BEGIN}{END}{BEGIN}{END}"), "x").is_err());
        assert!(inject(&format!("{END}{BEGIN}"), "x").is_err());
    }

    #[test]
    fn keeps_crlf_line_endings() {
        let readme = format!("a\r\n{BEGIN}\r\n{END}\r\n");
        assert_eq!(
            inject(&readme, "x\ny\n").unwrap(),
            format!("a\r\n{BEGIN}\r\nx\r\ny\r\n{END}\r\n")
        );
    }
}
