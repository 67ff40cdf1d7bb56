//! A user name that starts with `-` (`-jdoe`) reads as an option. clap's own tip then
//! names only the letter it stopped at (`use '-- -j'`); this names the whole identity
//! and where it goes.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The verbs that take users as plain arguments.
const TAKES_USERS: [&str; 3] = ["get", "remove", "restore"];

/// The extra line for a parse error caused by an identity that starts with `-`.
pub fn hint(args: &[OsString], error: &clap::Error) -> Option<String> {
    if error.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(bad)) = error.get(ContextKind::InvalidArg) else {
        return None;
    };
    let words: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let verb = words.iter().position(|w| TAKES_USERS.contains(&w.as_str()))?;
    let identity = words[verb + 1..]
        .iter()
        .take_while(|w| *w != "--")
        .find(|w| w.starts_with(bad.as_str()) && !w.starts_with("--"))?;
    Some(format!(
        "a user that starts with '-' goes after '--', at the end: adphoto {} [OPTIONS] -- {identity}",
        words[1..=verb].join(" ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn parse(line: &str) -> Option<String> {
        let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        let error = crate::cli::Cli::try_parse_from(&args).err()?;
        hint(&args, &error)
    }

    #[test]
    fn the_whole_identity_is_named_with_where_it_goes() {
        let hint = parse("adphoto get -jdoe --out a.jpg").unwrap();
        assert!(hint.contains("adphoto get [OPTIONS] -- -jdoe"), "{hint}");
        let hint = parse("adphoto google remove ann -x-ray").unwrap();
        assert!(hint.contains("adphoto google remove [OPTIONS] -- -x-ray"), "{hint}");
    }

    #[test]
    fn other_mistakes_get_no_such_hint() {
        assert_eq!(parse("adphoto get --nonsense ann --out a.jpg"), None);
        assert_eq!(parse("adphoto convert -q"), None);
    }

    #[test]
    fn after_the_separator_the_identity_is_taken() {
        let args = ["adphoto", "get", "--out", "a.jpg", "--", "-jdoe"];
        let cli = crate::cli::Cli::try_parse_from(args).unwrap();
        let crate::cli::Command::Verb(crate::cli::Verb::Get(get)) = cli.command else {
            panic!("not get");
        };
        assert_eq!(get.user, "-jdoe");
    }
}
