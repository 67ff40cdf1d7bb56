//! The native functions a C# source imports: `[DllImport(…, EntryPoint = "x")]` on an `extern`
//! method (or the method's own name when there is no `EntryPoint`), and symbols looked up by name
//! with `GetProcAddress`, `NativeLibrary.GetExport`/`TryGetExport` or `dlsym`.
//!
//! A small tokenizer is enough: comments, strings, char literals and preprocessor lines are
//! skipped or read whole, so `EntryPoint` inside a comment does not count.

#[derive(Debug, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Punct(char),
}

struct Lexed {
    token: Token,
    offset: usize,
}

#[derive(Debug, PartialEq)]
pub struct Import {
    /// The native symbol.
    pub symbol: String,
    /// Byte offset of the string or name that gives it.
    pub offset: usize,
}

pub struct Scan {
    pub imports: Vec<Import>,
    /// `EntryPoint =` values that are not a string literal: (byte offset, what was written).
    pub unreadable: Vec<(usize, String)>,
}

enum Pending {
    None,
    ByMethodName,
    EntryPoint(Import),
    /// The entry point is computed; the method's name says nothing.
    Unknown,
}

const LOOKUP_FUNCTIONS: &[&str] = &["GetProcAddress", "GetExport", "TryGetExport", "dlsym"];

pub fn scan(source: &str) -> Scan {
    let tokens = tokenize(source);
    let mut imports = Vec::new();
    let mut unreadable = Vec::new();
    // What the last DllImport attribute says about the extern method that follows it.
    let mut pending = Pending::None;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i].token {
            Token::Ident(name) if is_dll_import(name) && punct_at(&tokens, i + 1, '(') => {
                let close = matching(&tokens, i + 1);
                let mut entry = Pending::ByMethodName;
                let mut j = i + 2;
                while j < close {
                    if ident_at(&tokens, j, "EntryPoint") && punct_at(&tokens, j + 1, '=') {
                        match tokens.get(j + 2) {
                            Some(Lexed {
                                token: Token::Str(s),
                                offset,
                            }) if !punct_at(&tokens, j + 3, '+') => {
                                entry = Pending::EntryPoint(Import {
                                    symbol: s.clone(),
                                    offset: *offset,
                                });
                            }
                            Some(t) => {
                                unreadable.push((t.offset, describe(&tokens[j + 2..close])));
                                entry = Pending::Unknown;
                            }
                            None => {}
                        }
                    }
                    j += 1;
                }
                pending = entry;
                i = close;
            }
            Token::Ident(name) if name == "extern" && !ident_at(&tokens, i + 1, "alias") => {
                // The method name is the identifier right before the parameter list.
                let mut j = i + 1;
                while j < tokens.len() && !punct_at(&tokens, j, '(') && !punct_at(&tokens, j, ';') {
                    j += 1;
                }
                if let (
                    true,
                    Some(Lexed {
                        token: Token::Ident(method),
                        offset,
                    }),
                ) = (punct_at(&tokens, j, '('), j.checked_sub(1).and_then(|k| tokens.get(k)))
                {
                    match std::mem::replace(&mut pending, Pending::None) {
                        Pending::EntryPoint(entry) => imports.push(entry),
                        Pending::Unknown => {}
                        Pending::None | Pending::ByMethodName => imports.push(Import {
                            symbol: method.clone(),
                            offset: *offset,
                        }),
                    }
                }
                i = j;
            }
            Token::Ident(name) if LOOKUP_FUNCTIONS.contains(&name.as_str()) && punct_at(&tokens, i + 1, '(') => {
                let close = matching(&tokens, i + 1);
                if let Some(Lexed {
                    token: Token::Str(s),
                    offset,
                }) = tokens[i + 2..close].iter().find(|t| matches!(t.token, Token::Str(_)))
                {
                    imports.push(Import {
                        symbol: s.clone(),
                        offset: *offset,
                    });
                }
                i = close;
            }
            Token::Punct(';' | '{' | '}') => pending = Pending::None,
            _ => {}
        }
        i += 1;
    }
    Scan { imports, unreadable }
}

fn is_dll_import(name: &str) -> bool {
    matches!(
        name,
        "DllImport" | "DllImportAttribute" | "LibraryImport" | "LibraryImportAttribute"
    )
}

fn ident_at(tokens: &[Lexed], i: usize, name: &str) -> bool {
    matches!(tokens.get(i), Some(Lexed { token: Token::Ident(n), .. }) if n == name)
}

fn punct_at(tokens: &[Lexed], i: usize, c: char) -> bool {
    matches!(tokens.get(i), Some(Lexed { token: Token::Punct(p), .. }) if *p == c)
}

/// Index of the `)` matching the `(` at `open` (or the last token if unbalanced).
fn matching(tokens: &[Lexed], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, t) in tokens.iter().enumerate().skip(open) {
        match t.token {
            Token::Punct('(') => depth += 1,
            Token::Punct(')') => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    tokens.len().saturating_sub(1)
}

fn describe(tokens: &[Lexed]) -> String {
    let mut out = String::new();
    for t in tokens {
        match &t.token {
            Token::Punct(',') | Token::Punct(')') => break,
            Token::Ident(s) => out.push_str(s),
            Token::Str(s) => out.push_str(&format!("\"{s}\"")),
            Token::Punct(c) => out.push(*c),
        }
    }
    out
}

fn tokenize(source: &str) -> Vec<Lexed> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            _ if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            // Preprocessor directive: the rest of the line.
            b'#' if line_start => i = end_of_line(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = end_of_line(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = source[i + 2..].find("*/").map_or(bytes.len(), |k| i + 2 + k + 2);
            }
            b'@' if bytes.get(i + 1) == Some(&b'"') => {
                let (value, end) = verbatim_string(source, i + 2);
                out.push(Lexed {
                    token: Token::Str(value),
                    offset: i,
                });
                i = end;
            }
            b'"' => {
                let (value, end) = regular_string(source, i + 1, b'"');
                out.push(Lexed {
                    token: Token::Str(value),
                    offset: i,
                });
                i = end;
            }
            b'\'' => i = regular_string(source, i + 1, b'\'').1,
            _ if c == b'_' || c.is_ascii_alphabetic() || c == b'@' => {
                let start = if c == b'@' { i + 1 } else { i };
                let mut end = start;
                while end < bytes.len() && (bytes[end] == b'_' || bytes[end].is_ascii_alphanumeric()) {
                    end += 1;
                }
                out.push(Lexed {
                    token: Token::Ident(source[start..end].to_string()),
                    offset: start,
                });
                i = end.max(i + 1);
            }
            _ if c.is_ascii_digit() => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                    i += 1;
                }
            }
            _ => {
                let ch = source[i..].chars().next().unwrap_or(' ');
                out.push(Lexed {
                    token: Token::Punct(ch),
                    offset: i,
                });
                i += ch.len_utf8();
            }
        }
        line_start = false;
    }
    out
}

fn end_of_line(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |k| from + k)
}

/// Reads a `"…"` (or `'…'`) literal whose body starts at `from`; returns its value and the offset after it.
fn regular_string(source: &str, from: usize, quote: u8) -> (String, usize) {
    let bytes = source.as_bytes();
    let mut i = from;
    while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    let end = i.min(bytes.len());
    (source[from..end].to_string(), (end + 1).min(bytes.len()))
}

/// Reads a `@"…"` literal whose body starts at `from` (`""` is a quote inside it).
fn verbatim_string(source: &str, from: usize) -> (String, usize) {
    let bytes = source.as_bytes();
    let mut i = from;
    loop {
        match bytes.get(i) {
            None => return (source[from..].to_string(), bytes.len()),
            Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
            Some(b'"') => return (source[from..i].replace("\"\"", "\""), i + 1),
            Some(_) => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(source: &str) -> Vec<String> {
        scan(source).imports.into_iter().map(|i| i.symbol).collect()
    }

    #[test]
    fn entry_point_wins_over_method_name() {
        let cs = r#"
            // [DllImport("x", EntryPoint = "commented_out")]
            [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, EntryPoint = "adphoto_version")]
            internal static extern IntPtr Version();
            [DllImport(Lib)]
            [return: MarshalAs(UnmanagedType.I1)]
            public static extern bool adphoto_is_ok(int code);
            public static string Name = "adphoto_not_an_import";
        "#;
        assert_eq!(symbols(cs), ["adphoto_version", "adphoto_is_ok"]);
    }

    #[test]
    fn lookups_by_name_count_as_imports() {
        let cs = r#"IntPtr p = GetProcAddress(handle, "adphoto_free"); NativeLibrary.GetExport(h, @"adphoto_len");"#;
        assert_eq!(symbols(cs), ["adphoto_free", "adphoto_len"]);
    }

    #[test]
    fn computed_entry_points_are_reported() {
        let cs = r#"[DllImport(Lib, EntryPoint = Prefix + "x")] static extern void X();"#;
        let result = scan(cs);
        assert_eq!(result.unreadable.len(), 1);
        assert_eq!(result.unreadable[0].1, "Prefix+\"x\"");
    }
}
