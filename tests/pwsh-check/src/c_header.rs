//! The functions a C header declares: statements of the form `type name(args);` at file level
//! (or inside `extern "C" { … }`), possibly spanning lines. Comments, preprocessor lines, typedefs,
//! struct bodies, function pointers and inline function definitions are not declarations.

#[derive(Debug, PartialEq)]
enum Token {
    Ident(String),
    Str,
    Punct(char),
}

struct Lexed {
    token: Token,
    offset: usize,
    /// Brace depth inside the current statement (0 at file level).
    depth: usize,
}

#[derive(Debug, PartialEq)]
pub struct Declaration {
    pub name: String,
    /// Byte offset of the name.
    pub offset: usize,
}

pub fn declarations(source: &str) -> Vec<Declaration> {
    let mut out = Vec::new();
    // For each open brace: true if it opens an `extern "C"` block, which does not nest declarations.
    let mut braces: Vec<bool> = Vec::new();
    let mut statement: Vec<Lexed> = Vec::new();
    let depth = |braces: &[bool]| braces.iter().filter(|transparent| !**transparent).count();
    for (token, offset) in tokenize(source) {
        match token {
            Token::Punct('{') => {
                let extern_c = matches!(
                    statement.as_slice(),
                    [.., Lexed { token: Token::Ident(e), .. }, Lexed { token: Token::Str, .. }] if e == "extern"
                ) && depth(&braces) == 0;
                if extern_c {
                    statement.clear();
                } else {
                    statement.push(Lexed {
                        token,
                        offset,
                        depth: depth(&braces),
                    });
                }
                braces.push(extern_c);
            }
            Token::Punct('}') => {
                let transparent = braces.pop().unwrap_or(true);
                if transparent {
                    statement.clear();
                    continue;
                }
                statement.push(Lexed {
                    token,
                    offset,
                    depth: depth(&braces),
                });
                // A function body ends its definition: there is no `;` after it.
                if depth(&braces) == 0 && statement.iter().any(|t| t.depth == 0 && t.token == Token::Punct('(')) {
                    statement.clear();
                }
            }
            Token::Punct(';') if depth(&braces) == 0 => {
                out.extend(declaration(&statement));
                statement.clear();
            }
            token => statement.push(Lexed {
                token,
                offset,
                depth: depth(&braces),
            }),
        }
    }
    out
}

/// `type name(args)` → the name; anything else → `None`.
fn declaration(statement: &[Lexed]) -> Option<Declaration> {
    let top: Vec<&Lexed> = statement.iter().filter(|t| t.depth == 0).collect();
    if matches!(top.first(), Some(Lexed { token: Token::Ident(t), .. }) if t == "typedef") {
        return None;
    }
    let open = top.iter().position(|t| t.token == Token::Punct('('))?;
    if top[..open].iter().any(|t| t.token == Token::Punct('=')) || open == 0 {
        return None; // an initialised variable, or not a declaration
    }
    if top.get(open + 1).is_some_and(|t| t.token == Token::Punct('*')) {
        return None; // `int (*callback)(void)`: a function pointer
    }
    if top.last().map(|t| &t.token) != Some(&Token::Punct(')')) {
        return None;
    }
    match &top[open - 1].token {
        Token::Ident(name) if !is_keyword(name) => Some(Declaration {
            name: name.clone(),
            offset: top[open - 1].offset,
        }),
        _ => None,
    }
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "if" | "while" | "for" | "switch" | "return" | "sizeof" | "defined"
    )
}

fn tokenize(source: &str) -> Vec<(Token, usize)> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        match c {
            // A preprocessor line, with `\` continuations.
            b'#' if line_start => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |k| i + k);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = source[i + 2..].find("*/").map_or(bytes.len(), |k| i + 2 + k + 2);
            }
            b'"' | b'\'' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != c && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                out.push((Token::Str, start));
            }
            _ if c == b'_' || c.is_ascii_alphanumeric() => {
                let start = i;
                while i < bytes.len() && (bytes[i] == b'_' || bytes[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                out.push((Token::Ident(source[start..i].to_string()), start));
            }
            _ => {
                let ch = source[i..].chars().next().unwrap_or(' ');
                out.push((Token::Punct(ch), i));
                i += ch.len_utf8();
            }
        }
        line_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(source: &str) -> Vec<String> {
        declarations(source).into_iter().map(|d| d.name).collect()
    }

    #[test]
    fn cbindgen_style_header() {
        let h = r#"
#ifndef ADPHOTO_H
#define ADPHOTO_H \
    1
#include <stdint.h>

typedef struct AdphotoBuffer {
  uint8_t *data;   /* adphoto_fake(int); */
  void (*release)(struct AdphotoBuffer *buffer);
} AdphotoBuffer;

typedef int32_t (*adphoto_callback)(void *user);
enum AdphotoFit { ADPHOTO_FIT_CROP = 0, ADPHOTO_FIT_PAD = 1 };

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/**
 * Version string; never freed.
 */
const char *adphoto_version(void);

int32_t adphoto_convert(const uint8_t *input,
                        uintptr_t input_len,
                        struct AdphotoBuffer *out);

static inline int adphoto_inline_helper(int x) { return x + 1; }

void adphoto_free(struct AdphotoBuffer buffer);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus
#endif
"#;
        assert_eq!(names(h), ["adphoto_version", "adphoto_convert", "adphoto_free"]);
    }
}
