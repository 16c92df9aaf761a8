//! Someone else's text made short and safe to show: the one helper every module uses to
//! quote calendar data, server messages or input lines in a diagnostic, a log line or a
//! table.

/// `text` on one line: control characters and runs of white space become one space, the
/// ends are trimmed, and it is cut to `max` characters, the last of them an ellipsis when
/// something was cut.
pub fn shorten(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut space = false;
    for c in text.chars() {
        let c = if c.is_control() || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' && (space || out.is_empty()) {
            continue;
        }
        space = c == ' ';
        if count == max {
            out.pop();
            out.push('…');
            break;
        }
        out.push(c);
        count += 1;
    }
    out.trim_end().to_string()
}

/// Someone else's text for markup (the report's HTML, a notification's body markup): `&`,
/// `<`, `>` and `"` as entities, `'` as `apostrophe` (`&#39;` for HTML, `&apos;` for the
/// notification specification's XML), and each control character as `control` says: a
/// character in its place, or nothing.
pub fn escape_markup(
    text: &str,
    apostrophe: &str,
    control: impl Fn(char) -> Option<char>,
) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe),
            c if c.is_control() => out.extend(control(c)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn text_is_one_line_and_cut_with_an_ellipsis() {
        assert_eq!(shorten("  a\tb\r\n\u{1b}[31mc  ", 80), "a b [31mc");
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abcd", 4), "abcd");
        assert_eq!(shorten("", 4), "");
        assert_eq!(shorten("äöüß€", 3), "äö…");
    }
}
