//! Other people's text made safe for a log line.
//!
//! Calendar data (UIDs, summaries, file names, and the errors that quote them) is written
//! by whoever sent an invitation. On stderr a raw ESC or BEL in it would drive the user's
//! terminal (change its title, clear the screen), and in the journal it would be kept raw.
//! Every log field and message that can carry such text goes through [`escape`], which keeps
//! the text whole (unlike `render::clean`, which shortens it for tables) and writes each
//! control character as a visible escape: `\u{1b}`, `\u{7}`, `\n`.

use std::fmt;

/// `value` as it displays, with every control character (C0, DEL, C1) escaped.
pub fn escape<T: fmt::Display>(value: T) -> Escaped<T> {
    Escaped(value)
}

/// See [`escape`].
pub struct Escaped<T>(T);

impl<T: fmt::Display> fmt::Display for Escaped<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        struct Out<'a, 'b>(&'a mut fmt::Formatter<'b>);
        impl fmt::Write for Out<'_, '_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                let mut rest = s;
                while let Some(at) = rest.find(char::is_control) {
                    self.0.write_str(&rest[..at])?;
                    let c = rest[at..].chars().next().unwrap_or_default();
                    write!(self.0, "{}", c.escape_default())?;
                    rest = &rest[at + c.len_utf8()..];
                }
                self.0.write_str(rest)
            }
        }
        write!(Out(f), "{}", self.0)
    }
}

impl<T: fmt::Display> fmt::Debug for Escaped<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        let uid = "../../x\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}1m\r\nend\u{7f} Zoë 会議\t";
        let out = escape(uid).to_string();
        assert_eq!(
            out,
            r"../../x\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}1m\r\nend\u{7f} Zoë 会議\t"
        );
        assert!(!out.chars().any(char::is_control), "{out:?}");
        assert_eq!(escape("plain text").to_string(), "plain text");
        assert_eq!(escape(42).to_string(), "42");
    }

    proptest::proptest! {
        #[test]
        fn no_control_character_gets_through(text in "\\PC*|[\\x00-\\x1f\\x7f-\\u{9f}a-z ]*") {
            let out = escape(&text).to_string();
            proptest::prop_assert!(!out.chars().any(char::is_control));
        }
    }
}
