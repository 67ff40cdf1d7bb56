//! From an address and the sign-in options to the library's `DirectorySpec`: which
//! directory a command works on, and its secrets (from the environment, a file or a
//! prompt on a terminal; never from the command line).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use adphoto_app::DirectorySpec;
use adphoto_core::secret::Secret;
use adphoto_google::GoogleOptions;
use adphoto_graph::GraphOptions;
use adphoto_ldap::LdapOptions;

use crate::address::Address;
use crate::connect::{ConnectArgs, GoogleArgs, GraphArgs, LdapArgs};

/// The default environment variable for an LDAP password.
const PASSWORD_VARIABLE: &str = "ADPHOTO_PASSWORD";
/// The default environment variable for a Graph client secret.
const SECRET_VARIABLE: &str = "ADPHOTO_CLIENT_SECRET";
/// Google's own variable for a service account key file.
const KEY_FILE_VARIABLE: &str = "GOOGLE_APPLICATION_CREDENTIALS";

/// Which service a command group (`adphoto graph ...`) implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Implied {
    None,
    Graph,
    Google,
}

/// The address a command works on: `--to`, else what the command group or the
/// earlier options (`--server`, `--tenant`) name.
pub fn address_of(to: Option<&Address>, implied: Implied, connect: &ConnectArgs) -> Result<Address, String> {
    if let Some(a) = to {
        return Ok(a.clone());
    }
    match implied {
        Implied::Graph => return Ok(Address::Graph(connect.graph.tenant.clone())),
        Implied::Google => return Ok(Address::Google(connect.google.domain.clone())),
        Implied::None => {}
    }
    if let Some(server) = &connect.ldap.server {
        return Ok(Address::Ldap(server.clone()));
    }
    if let Some(tenant) = &connect.graph.tenant {
        return Ok(Address::Graph(Some(tenant.clone())));
    }
    Err("where? give --to ADDRESS (ldaps://dc1, graph:TENANT, google:DOMAIN, ldif:FILE)".into())
}

/// The directory an address names, signed in with the command's options. `users` is
/// where an LDIF file's users come from.
pub fn spec_of(address: &Address, users: Option<&Address>, connect: &ConnectArgs) -> Result<DirectorySpec, String> {
    let attribute = connect.ldap.attribute.trim().to_string();
    match address {
        Address::Ldap(server) => Ok(DirectorySpec::Ldap(ldap_options(server, connect)?)),
        Address::Graph(tenant) => Ok(DirectorySpec::Graph(graph_options(tenant.as_deref(), connect)?)),
        Address::Google(domain) => Ok(DirectorySpec::Google(google_options(domain.as_deref(), connect)?)),
        Address::Csv(path) => Ok(DirectorySpec::Csv {
            path: path.clone(),
            encoding: connect.common.encoding.clone(),
        }),
        Address::Ldif(path) => {
            let users = match users {
                Some(Address::Ldif(_)) => {
                    return Err("the users of an LDIF file cannot come from another LDIF file".into())
                }
                Some(u) => spec_of(u, None, connect)?,
                None => match &connect.ldap.server {
                    Some(server) => DirectorySpec::Ldap(ldap_options(server, connect)?),
                    None => {
                        return Err("an LDIF file needs users: give --users users.csv (or --users ldaps://dc1)".into())
                    }
                },
            };
            let mut spec = DirectorySpec::Ldif {
                path: path.clone(),
                attribute: attribute.clone(),
                users: Box::new(users),
            };
            spec.set_attribute(&attribute);
            Ok(spec)
        }
    }
}

pub fn ldap_options(server: &str, connect: &ConnectArgs) -> Result<LdapOptions, String> {
    let LdapArgs {
        starttls,
        bind,
        search_base,
        filter,
        attribute,
        ..
    } = &connect.ldap;
    let mut o = LdapOptions::new(server.trim());
    o.starttls = *starttls;
    o.insecure = connect.common.insecure;
    o.ca_cert = connect.common.ca_cert.clone();
    o.bind = bind.clone();
    o.search_base = search_base.clone();
    o.filter = filter.clone();
    o.include_disabled = connect.common.include_disabled;
    o.attribute = attribute.trim().to_string();
    connect.common.limits(&mut o.connections, &mut o.timeout_secs);
    if let Some(who) = bind {
        o.password = Some(password(&connect.ldap, who)?);
    }
    Ok(o)
}

/// `--password-file`, then `--password-env`, then $ADPHOTO_PASSWORD, then a prompt on
/// a terminal.
fn password(args: &LdapArgs, who: &str) -> Result<Secret, String> {
    let missing = format!(
        "no password for --bind {who}: set {PASSWORD_VARIABLE}, or use --password-env or --password-file \
         (a password is never taken from the command line)"
    );
    let (file, env) = (args.password_file.as_deref(), args.password_env.as_deref());
    find_secret(file, env, PASSWORD_VARIABLE, &format!("Password for {who}: "), missing)
}

pub fn graph_options(tenant: Option<&str>, connect: &ConnectArgs) -> Result<GraphOptions, String> {
    let g = &connect.graph;
    let tenant = tenant
        .or(g.tenant.as_deref())
        .ok_or("Microsoft 365 needs the tenant: --to graph:TENANT (or --tenant)")?;
    let client_id = g
        .client_id
        .as_deref()
        .ok_or("Microsoft 365 needs the app registration's --client-id")?;
    let mut o = GraphOptions::new(tenant.trim(), client_id.trim());
    o.cloud = g.cloud;
    o.login_url = g.login_url.clone();
    o.graph_url = g.graph_url.clone();
    o.include_disabled = connect.common.include_disabled;
    o.ca_cert = connect.common.ca_cert.clone();
    o.insecure = connect.common.insecure;
    connect.common.limits(&mut o.connections, &mut o.timeout_secs);
    match &g.certificate {
        Some(cert) => {
            o.certificate = Some(cert.clone());
            o.certificate_key = g.certificate_key.clone();
            o.certificate_password = match (&g.certificate_password_file, &g.certificate_password_env) {
                (Some(f), _) => Some(Secret::from_file(f).map_err(|e| e.0)?),
                (None, Some(v)) => Some(Secret::from_env(v).map_err(|e| e.0)?),
                (None, None) => None,
            };
        }
        None => o.client_secret = Some(client_secret(g, client_id)?),
    }
    Ok(o)
}

/// `--client-secret-file`, then `--client-secret-env`, then $ADPHOTO_CLIENT_SECRET,
/// then a prompt on a terminal.
fn client_secret(g: &GraphArgs, client_id: &str) -> Result<Secret, String> {
    let missing = format!(
        "no client secret: set {SECRET_VARIABLE}, or use --client-secret-env, --client-secret-file or \
         --certificate (a secret is never taken from the command line)"
    );
    let (file, env) = (g.client_secret_file.as_deref(), g.client_secret_env.as_deref());
    find_secret(
        file,
        env,
        SECRET_VARIABLE,
        &format!("Client secret for {client_id}: "),
        missing,
    )
}

/// A secret from the first place that has one: the file named, the variable named, the
/// usual variable, then (on a terminal) a prompt. `missing` says how to give one.
fn find_secret(
    file: Option<&Path>,
    env: Option<&str>,
    usual: &str,
    prompt: &str,
    missing: String,
) -> Result<Secret, String> {
    if let Some(file) = file {
        return Secret::from_file(file).map_err(|e| e.0);
    }
    if let Some(var) = env {
        return Secret::from_env(var).map_err(|e| e.0);
    }
    if let Ok(s) = Secret::from_env(usual) {
        return Ok(s);
    }
    if std::io::stdin().is_terminal() {
        return Secret::prompt(prompt).map_err(|e| e.0);
    }
    Err(missing)
}

/// The key file is named, never given.
fn google_options(domain: Option<&str>, connect: &ConnectArgs) -> Result<GoogleOptions, String> {
    let GoogleArgs {
        key_file,
        subject,
        customer,
        domain: domain_option,
        org_unit,
        token_url,
        api_url,
    } = &connect.google;
    let key_file = match key_file {
        Some(f) => f.clone(),
        None => match std::env::var_os(KEY_FILE_VARIABLE).filter(|v| !v.is_empty()) {
            Some(f) => PathBuf::from(f),
            None => {
                return Err(format!(
                    "no service account key: give --key-file FILE or set {KEY_FILE_VARIABLE}"
                ))
            }
        },
    };
    let subject = subject
        .as_deref()
        .ok_or("Google Workspace needs --subject, the administrator the service account acts as")?;
    let mut o = GoogleOptions::new(key_file, subject.trim());
    o.customer = customer.clone();
    o.domain = domain.map(str::to_string).or(domain_option.clone());
    o.org_unit = org_unit.clone();
    o.include_suspended = connect.common.include_disabled;
    o.token_url = token_url.clone();
    o.api_url = api_url.clone();
    o.ca_cert = connect.common.ca_cert.clone();
    o.insecure = connect.common.insecure;
    connect.common.limits(&mut o.connections, &mut o.timeout_secs);
    Ok(o)
}
