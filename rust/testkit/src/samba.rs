//! The Samba AD domain controller of tests/services/samba.sh. Its ports are fixed, so
//! every test binary uses the same state folder, and starting stops whatever an
//! earlier binary left running.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use base64::Engine;

pub struct Samba {
    pub ldaps_url: String,
    pub ldap_url: String,
    pub base: String,
    pub admin_dn: String,
    pub admin_upn: String,
    pub password_file: PathBuf,
    pub ca_cert: PathBuf,
    pub realm: String,
    pub dc_host: String,
    pub krb5_config: PathBuf,
}

impl Samba {
    pub fn shared() -> &'static Samba {
        static SERVER: OnceLock<Samba> = OnceLock::new();
        SERVER.get_or_init(|| {
            let dir = std::env::temp_dir().join("adphoto-samba");
            let started = crate::services::start("samba.sh", &dir);
            let get = |key: &str| started.get(key);
            Samba {
                ldaps_url: get("LDAPS_URL"),
                ldap_url: get("LDAP_URL"),
                base: get("BASE"),
                admin_dn: get("ADMIN_DN"),
                admin_upn: get("ADMIN_UPN"),
                password_file: get("ADMIN_PASSWORD_FILE").into(),
                ca_cert: get("CA_CERT").into(),
                realm: get("REALM"),
                dc_host: get("DC_HOST"),
                krb5_config: get("KRB5_CONFIG").into(),
            }
        })
    }

    pub fn password(&self) -> String {
        std::fs::read_to_string(&self.password_file).unwrap()
    }

    /// Runs an OpenLDAP client tool against the DC over LDAPS, as Administrator.
    pub fn tool(&self, tool: &str, args: &[&str]) -> Output {
        Command::new(tool)
            .env("LDAPTLS_CACERT", &self.ca_cert)
            .args(["-x", "-H", &self.ldaps_url, "-D", &self.admin_upn, "-y"])
            .arg(&self.password_file)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{tool}: {e}"))
    }

    pub fn modify(&self, ldif: &str) {
        let path = std::env::temp_dir().join(format!("adphoto-samba-{}-{}.ldif", std::process::id(), next()));
        std::fs::write(&path, ldif).unwrap();
        let out = self.tool("ldapmodify", &["-f", path.to_str().unwrap()]);
        let _ = std::fs::remove_file(&path);
        assert!(
            out.status.success(),
            "ldapmodify: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A fresh organisational unit for one test.
    pub fn test_ou(&self, name: &str) -> String {
        let dn = format!("OU={name}-{},{}", std::process::id(), self.base);
        self.modify(&format!("dn: {dn}\nchangetype: add\nobjectClass: organizationalUnit\n"));
        dn
    }

    /// Creates an enabled (or disabled) user with a password; returns its DN.
    pub fn add_user(&self, ou: &str, sam: &str, given: &str, sn: &str, password: &str, enabled: bool) -> String {
        let dn = format!("CN={given} {sn},{ou}");
        let quoted: Vec<u8> = format!("\"{password}\"")
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let pw = base64::engine::general_purpose::STANDARD.encode(quoted);
        let uac = if enabled { 512 } else { 514 };
        let realm = self.realm.to_ascii_lowercase();
        self.modify(&format!(
            "dn: {dn}\nchangetype: add\nobjectClass: user\nsAMAccountName: {sam}\nuserPrincipalName: {sam}@{realm}\n\
             givenName: {given}\nsn: {sn}\nmail: {given}.{sn}@example.edu\nemployeeID: E-{sam}\nunicodePwd:: {pw}\n\
             userAccountControl: {uac}\n"
        ));
        dn
    }

    /// The values of `attribute` on `dn`, decoded.
    pub fn values(&self, dn: &str, attribute: &str) -> Vec<Vec<u8>> {
        crate::ldap_tools::values(|tool, args| self.tool(tool, args), dn, attribute)
    }

    /// A Kerberos ticket for `principal` in a private cache; returns the cache path.
    pub fn kinit(&self, principal: &str, password: &str, cache: &std::path::Path) {
        use std::io::Write;
        let mut child = Command::new("kinit")
            .arg(principal)
            .env("KRB5_CONFIG", &self.krb5_config)
            .env("KRB5CCNAME", format!("FILE:{}", cache.display()))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("kinit");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{password}\n").as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success(), "kinit {principal} failed");
    }
}

fn next() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}
