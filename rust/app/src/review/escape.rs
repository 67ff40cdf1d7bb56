//! Escaping for HTML text and attribute values: every string in a sheet may come from
//! a directory or a file name, and a name such as `<img src=x onerror=...>` must show
//! as text.

/// Text safe in element content and in double- or single-quoted attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '`' => out.push_str("&#96;"),
            // Control characters (escape sequences in names) show as a visible mark.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A token for a `data-` attribute or a CSS class: letters, digits and `-` only.
pub fn token(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if t.is_empty() {
        "none".into()
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_become_text() {
        assert_eq!(
            html(r#"<script>alert("x")</script> & 'y' `z`"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;"
        );
        assert_eq!(html("a\u{1b}[31mb"), "a\u{FFFD}[31mb");
        assert_eq!(token("Invalid Image\"><x"), "invalid-image---x");
        assert_eq!(token(""), "none");
    }
}
