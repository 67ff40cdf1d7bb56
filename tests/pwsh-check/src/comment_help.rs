//! Comment-based help: finding the block PowerShell would use for a function, and reading it the
//! way `Get-Help` does.
//!
//! Where PowerShell looks, in this order (the first block that is valid help wins):
//! 1. the comments just before the `function` keyword: the last one ends no more than one blank
//!    line above it, and each earlier one ends on the line before the next starts (or the same line);
//! 2. at the start of the body, after `{`: runs of adjacent comments before the first statement;
//! 3. at the end of the body, before `}`: the adjacent comments after the last statement.
//!
//! A block is help only if every non-blank line belongs to a section and every `.WORD` line is a
//! known keyword: `.SYNOPSIS`, `.DESCRIPTION`, `.EXAMPLE`, … alone on their line, `.PARAMETER Name`
//! with exactly one argument. Anything else makes PowerShell ignore the whole block.

use crate::functions::Function;
use crate::source::{descendants, Script};

/// Keywords that stand alone on their line.
const PLAIN_KEYWORDS: &[&str] = &[
    "SYNOPSIS",
    "DESCRIPTION",
    "NOTES",
    "LINK",
    "EXAMPLE",
    "INPUTS",
    "OUTPUTS",
    "COMPONENT",
    "ROLE",
    "FUNCTIONALITY",
];
/// Keywords that take one argument on their line.
const ARGUMENT_KEYWORDS: &[&str] = &[
    "PARAMETER",
    "FORWARDHELPTARGETNAME",
    "FORWARDHELPCATEGORY",
    "REMOTEHELPRUNSPACE",
    "EXTERNALHELP",
];

/// One comment token.
#[derive(Clone, Copy)]
struct Comment {
    start: usize,
    end: usize,
    start_line: usize,
    end_line: usize,
}

/// A line of help text and the byte offset in the file where it starts.
#[derive(Clone)]
pub struct HelpLine {
    pub offset: usize,
    pub text: String,
}

impl HelpLine {
    /// Byte offset of the line's first non-blank character.
    pub fn content_offset(&self) -> usize {
        self.offset + (self.text.len() - self.text.trim_start().len())
    }
}

pub struct Section {
    /// Upper-case keyword without the dot.
    pub keyword: String,
    pub argument: Option<String>,
    /// Byte offset of the keyword line.
    pub offset: usize,
    /// The section's lines, leading blank lines skipped.
    pub body: Vec<HelpLine>,
}

pub struct Help {
    pub sections: Vec<Section>,
}

impl Help {
    pub fn sections<'a>(&'a self, keyword: &'a str) -> impl Iterator<Item = &'a Section> + 'a {
        self.sections.iter().filter(move |s| s.keyword == keyword)
    }
}

/// What reading one comment block gave.
pub enum Reading {
    /// No help keyword at all: an ordinary comment.
    NotHelp,
    Help(Help),
    /// It has help keywords, but PowerShell would ignore it; `offset` is the offending line.
    Rejected {
        offset: usize,
        reason: String,
    },
}

/// Where a function's help was looked for and what was found.
pub enum Located {
    Found(Help),
    /// No valid help; the first block that looked like help and why PowerShell ignores it.
    Rejected {
        offset: usize,
        reason: String,
    },
    Missing,
}

/// Finds the comment-based help PowerShell would show for `function`.
pub fn locate(script: &Script, function: &Function<'_>) -> Located {
    let comments = comments(script);
    let start = function.node.start_byte();
    let mut candidates = Vec::new();
    candidates.push(preceding_block(
        script,
        &comments,
        start,
        script.position(start).0.saturating_sub(2),
    ));
    candidates.extend(leading_blocks(script, &comments, function.body_start));
    candidates.push(preceding_block(script, &comments, function.body_end, 0));

    let mut rejected = None;
    for block in candidates.into_iter().filter(|b| !b.is_empty()) {
        match read(script, &block) {
            Reading::Help(help) => return Located::Found(help),
            Reading::Rejected { offset, reason } if rejected.is_none() => rejected = Some((offset, reason)),
            _ => {}
        }
    }
    match rejected {
        Some((offset, reason)) => Located::Rejected { offset, reason },
        None => Located::Missing,
    }
}

fn comments(script: &Script) -> Vec<Comment> {
    descendants(script.root())
        .into_iter()
        .filter(|n| n.kind() == "comment")
        .map(|n| Comment {
            start: n.start_byte(),
            end: n.end_byte(),
            start_line: n.start_position().row + 1,
            end_line: n.end_position().row + 1,
        })
        .collect()
}

fn blank(script: &Script, from: usize, to: usize) -> bool {
    from <= to && script.text[from..to].trim().is_empty()
}

/// The comments right before byte `anchor`: the nearest must end on `min_end_line` or later, and
/// each earlier one on the line before the next one starts, or later.
fn preceding_block(script: &Script, comments: &[Comment], anchor: usize, mut min_end_line: usize) -> Vec<Comment> {
    let mut block = Vec::new();
    let mut cursor = anchor;
    for c in comments.iter().rev().filter(|c| c.end <= anchor) {
        if c.end_line < min_end_line || !blank(script, c.end, cursor) {
            break;
        }
        block.push(*c);
        min_end_line = c.start_line.saturating_sub(1);
        cursor = c.start;
    }
    block.reverse();
    block
}

/// The runs of adjacent comments after byte `start` and before the first token that is not a comment.
fn leading_blocks(script: &Script, comments: &[Comment], start: usize) -> Vec<Vec<Comment>> {
    let mut blocks = Vec::new();
    let mut cursor = start;
    let mut rest = comments.iter().filter(|c| c.start >= start).peekable();
    while let Some(first) = rest.next_if(|c| blank(script, cursor, c.start)) {
        let mut block = vec![*first];
        cursor = first.end;
        while let Some(next) =
            rest.next_if(|c| c.start_line <= cursor_line(&block) + 1 && blank(script, cursor, c.start))
        {
            block.push(*next);
            cursor = next.end;
        }
        blocks.push(block);
    }
    blocks
}

fn cursor_line(block: &[Comment]) -> usize {
    block.last().map_or(0, |c| c.end_line)
}

/// The text lines of a block of comments: `<#`/`#>` and leading `#`s removed.
fn lines(script: &Script, block: &[Comment]) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for c in block {
        let text = &script.text[c.start..c.end];
        if let Some(inner) = text.strip_prefix("<#") {
            let inner = inner.strip_suffix("#>").unwrap_or(inner);
            let mut offset = c.start + 2;
            for line in inner.split('\n') {
                out.push(HelpLine {
                    offset,
                    text: line.trim_end_matches('\r').to_string(),
                });
                offset += line.len() + 1;
            }
        } else {
            let hashes = text.len() - text.trim_start_matches('#').len();
            out.push(HelpLine {
                offset: c.start + hashes,
                text: text[hashes..].trim_end_matches('\r').to_string(),
            });
        }
    }
    out
}

/// `.WORD rest` → (`WORD`, `rest` if any), the way PowerShell spots a help directive.
fn directive(line: &str) -> Option<(&str, Option<&str>)> {
    let t = line.trim();
    let after_dot = t.strip_prefix('.')?;
    let word_len = after_dot
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(after_dot.len());
    if word_len == 0 {
        return None;
    }
    let (word, rest) = after_dot.split_at(word_len);
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None; // `.NET's`, `.\script.ps1`: not a directive
    }
    let rest = rest.trim();
    Some((word, (!rest.is_empty()).then_some(rest)))
}

/// Reads a block of comments as comment-based help.
fn read(script: &Script, block: &[Comment]) -> Reading {
    let lines = lines(script, block);
    let looks_like_help = lines.iter().any(|l| {
        directive(&l.text).is_some_and(|(w, _)| {
            let w = w.to_ascii_uppercase();
            PLAIN_KEYWORDS.contains(&w.as_str()) || ARGUMENT_KEYWORDS.contains(&w.as_str())
        })
    });
    if !looks_like_help {
        return Reading::NotHelp;
    }
    let mut sections: Vec<Section> = Vec::new();
    for line in &lines {
        match directive(&line.text) {
            Some((word, argument)) => {
                let keyword = word.to_ascii_uppercase();
                let known = if argument.is_some() {
                    ARGUMENT_KEYWORDS.contains(&keyword.as_str())
                } else {
                    PLAIN_KEYWORDS.contains(&keyword.as_str())
                };
                if !known {
                    let reason = if argument.is_some() && PLAIN_KEYWORDS.contains(&keyword.as_str()) {
                        format!("'.{word}' must be alone on its line; put its text on the lines below")
                    } else if argument.is_none() && ARGUMENT_KEYWORDS.contains(&keyword.as_str()) {
                        format!("'.{word}' needs a name after it")
                    } else {
                        format!(
                            "'{}' is not a help keyword (a line starting with '.WORD' ends the section)",
                            line.text.trim()
                        )
                    };
                    return Reading::Rejected {
                        offset: line.content_offset(),
                        reason,
                    };
                }
                if keyword == "PARAMETER" && argument.is_some_and(|a| a.split_whitespace().count() > 1) {
                    let reason = format!(
                        "'.{word} {}' must name exactly one parameter",
                        argument.unwrap_or_default()
                    );
                    return Reading::Rejected {
                        offset: line.content_offset(),
                        reason,
                    };
                }
                sections.push(Section {
                    keyword,
                    argument: argument.map(str::to_string),
                    offset: line.content_offset(),
                    body: Vec::new(),
                });
            }
            None => match sections.last_mut() {
                Some(section) => {
                    if !(section.body.is_empty() && line.text.trim().is_empty()) {
                        section.body.push(line.clone());
                    }
                }
                None if line.text.trim().is_empty() => {}
                None => {
                    let reason = format!("text before the first keyword ('{}')", line.text.trim());
                    return Reading::Rejected {
                        offset: line.content_offset(),
                        reason,
                    };
                }
            },
        }
    }
    Reading::Help(Help { sections })
}

impl Section {
    /// The section's text with surrounding blank space removed.
    pub fn text(&self) -> String {
        self.body
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }

    /// For an `.EXAMPLE`: the code `Get-Help` shows, i.e. its first line after an optional prompt
    /// (everything up to the first `>` on that line, like `PS C:\>`).
    pub fn example_code(&self) -> Option<&HelpLine> {
        self.body.first()
    }
}

/// The code part of an example's first line, as `Get-Help` splits it.
pub fn strip_prompt(first_line: &str) -> &str {
    match first_line.find('>') {
        Some(i) => first_line[i + 1..].trim(),
        None => first_line.trim(),
    }
}
