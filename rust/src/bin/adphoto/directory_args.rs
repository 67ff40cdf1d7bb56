//! Turning the directory options into library options, including the password, which
//! never comes from the command line itself.

use std::io::IsTerminal;

use adphoto::bulk::UsersSpec;
use adphoto::ldap::LdapOptions;
use adphoto::secret::Secret;

use crate::cli::{DirectoryArgs, UsersArgs};

/// The default environment variable for the password.
const PASSWORD_VARIABLE: &str = "ADPHOTO_PASSWORD";

pub fn ldap_options(args: &DirectoryArgs, attribute: &str) -> Result<Option<LdapOptions>, String> {
    let Some(server) = &args.server else {
        return Ok(None);
    };
    let mut o = LdapOptions::new(server.clone());
    o.starttls = args.starttls;
    o.insecure = args.insecure;
    o.ca_cert = args.ca_cert.clone();
    o.bind = args.bind.clone();
    o.search_base = args.search_base.clone();
    o.filter = args.filter.clone();
    o.include_disabled = args.include_disabled;
    o.attribute = attribute.to_string();
    if let Some(c) = args.connections {
        o.connections = c;
    }
    if let Some(t) = args.timeout {
        o.timeout_secs = t;
    }
    if let Some(who) = &args.bind {
        o.password = Some(password(args, who)?);
    }
    Ok(Some(o))
}

/// `--password-file`, then `--password-env`, then $ADPHOTO_PASSWORD, then a prompt on
/// a terminal.
fn password(args: &DirectoryArgs, who: &str) -> Result<Secret, String> {
    if let Some(file) = &args.password_file {
        return Secret::from_file(file).map_err(|e| e.0);
    }
    if let Some(var) = &args.password_env {
        return Secret::from_env(var).map_err(|e| e.0);
    }
    if let Ok(s) = Secret::from_env(PASSWORD_VARIABLE) {
        return Ok(s);
    }
    if std::io::stdin().is_terminal() {
        return Secret::prompt(&format!("Password for {who}: ")).map_err(|e| e.0);
    }
    Err(format!(
        "no password for --bind {who}: set {PASSWORD_VARIABLE}, or use --password-env or --password-file \
         (a password is never taken from the command line)"
    ))
}

/// Where the users come from: the directory, or a CSV (in `encoding`, when named).
pub fn users_spec(
    users: &UsersArgs,
    directory: Option<LdapOptions>,
    encoding: Option<&str>,
) -> Result<UsersSpec, String> {
    match (directory, &users.users) {
        (Some(_), Some(_)) => Err("give either --server or --users, not both".into()),
        (Some(o), None) => Ok(UsersSpec::Ldap(o)),
        (None, Some(path)) => Ok(UsersSpec::Csv {
            path: path.clone(),
            encoding: encoding.map(str::to_string),
        }),
        (None, None) => Err("no users: give --server (a directory) or --users users.csv".into()),
    }
}
