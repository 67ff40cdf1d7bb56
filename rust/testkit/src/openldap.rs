//! The OpenLDAP server of tests/services/openldap.sh, started once per test binary
//! and stopped when the binary exits.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub struct OpenLdap {
    pub dir: PathBuf,
    pub url: String,
    pub ldaps_url: String,
    pub base: String,
    pub admin_dn: String,
    pub writer_dn: String,
    pub password_file: PathBuf,
    pub ca_cert: PathBuf,
    pub log: PathBuf,
}

impl OpenLdap {
    pub fn shared() -> &'static OpenLdap {
        static SERVER: OnceLock<OpenLdap> = OnceLock::new();
        SERVER.get_or_init(|| {
            OpenLdap::start(std::env::temp_dir().join(format!("adphoto-openldap-{}", std::process::id())))
        })
    }

    /// A server of the test's own, stopped when it is dropped: for a test that kills
    /// its server, which would otherwise fail every test sharing it at that moment.
    pub fn private(name: &str) -> OpenLdap {
        OpenLdap::start(std::env::temp_dir().join(format!("adphoto-openldap-{}-{name}", std::process::id())))
    }

    fn start(dir: PathBuf) -> OpenLdap {
        crate::leftovers::sweep_once();
        let started = crate::services::start("openldap.sh", &dir);
        let get = |key: &str| started.get(key);
        OpenLdap {
            dir,
            url: get("LDAP_URL"),
            ldaps_url: get("LDAPS_URL"),
            base: get("BASE"),
            admin_dn: get("ADMIN_DN"),
            writer_dn: get("WRITER_DN"),
            password_file: get("ADMIN_PASSWORD_FILE").into(),
            ca_cert: get("CA_CERT").into(),
            log: get("LOG").into(),
        }
    }

    pub fn password(&self) -> String {
        std::fs::read_to_string(&self.password_file).unwrap()
    }

    /// Runs an OpenLDAP client tool bound as the administrator.
    pub fn tool(&self, tool: &str, args: &[&str]) -> Output {
        Command::new(tool)
            .args(["-x", "-H", &self.url, "-D", &self.admin_dn, "-y"])
            .arg(&self.password_file)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{tool}: {e}"))
    }

    /// Creates an organisational unit of its own for one test, and returns its DN.
    pub fn test_ou(&self, name: &str) -> String {
        let dn = format!("ou={name},ou=people,{}", self.base);
        self.modify(&format!(
            "dn: {dn}\nchangetype: add\nobjectClass: organizationalUnit\nou: {name}\n"
        ));
        dn
    }

    pub fn modify(&self, ldif: &str) {
        let path = std::env::temp_dir().join(format!("adphoto-ldif-{}-{}.ldif", std::process::id(), rand_suffix()));
        std::fs::write(&path, ldif).unwrap();
        self.apply_file(&path);
        let _ = std::fs::remove_file(path);
    }

    pub fn apply_file(&self, path: &Path) {
        let out = self.tool("ldapmodify", &["-f", path.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "ldapmodify: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The values of `attribute` on `dn`, decoded.
    pub fn values(&self, dn: &str, attribute: &str) -> Vec<Vec<u8>> {
        crate::ldap_tools::values(|tool, args| self.tool(tool, args), dn, attribute)
    }

    /// How many modify operations the server logged for `dn` so far.
    pub fn modify_count(&self, dn: &str) -> usize {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let needle = format!("MOD dn=\"{}\"", dn.to_ascii_lowercase());
        log.lines().filter(|l| l.to_ascii_lowercase().contains(&needle)).count()
    }

    /// Modify operations that succeeded, per DN (lower case), from the stats log:
    /// `conn=C op=O MOD dn="…"` then `conn=C op=O RESULT tag=103 err=0`.
    pub fn successful_modifies(&self) -> std::collections::HashMap<String, usize> {
        self.modify_log().succeeded
    }

    /// Every modify the server logged: succeeded, and cut off by a kill.
    pub fn modify_log(&self) -> crate::modify_log::ModifyLog {
        crate::modify_log::ModifyLog::parse(&std::fs::read_to_string(&self.log).unwrap_or_default())
    }

    /// Kills the server without warning (as a crash or a pulled cable would).
    pub fn kill(&self) {
        if let Ok(pid) = std::fs::read_to_string(self.dir.join("slapd.pid")) {
            let _ = Command::new("kill").args(["-9", pid.trim()]).status();
        }
        let _ = std::fs::remove_file(self.dir.join("slapd.pid"));
    }

    /// Starts the same directory again on the same ports.
    pub fn restart(&self) {
        let out = Command::new(script())
            .arg("restart")
            .arg(&self.dir)
            .arg("--watch")
            .arg(std::process::id().to_string())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "restart: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Adds `count` users `uid=<prefix>N` under `ou` (with an optional photo each);
    /// returns their DNs.
    pub fn add_users(&self, ou: &str, prefix: &str, count: usize, photo: Option<&[u8]>) -> Vec<String> {
        use base64::Engine;
        let mut ldif = String::new();
        let mut dns = Vec::new();
        for i in 0..count {
            let dn = format!("uid={prefix}{i},{ou}");
            ldif.push_str(&format!(
                "dn: {dn}\nchangetype: add\nobjectClass: inetOrgPerson\nobjectClass: adphotoTestUser\nuid: {prefix}{i}\ncn: User {i}\nsn: {prefix}\ngivenName: User{i}\nuserPassword: pw-{prefix}{i}\n"
            ));
            if let Some(p) = photo {
                ldif.push_str(&format!(
                    "thumbnailPhoto:: {}\n",
                    base64::engine::general_purpose::STANDARD.encode(p)
                ));
            }
            ldif.push('\n');
            dns.push(dn);
        }
        self.modify(&ldif);
        dns
    }
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

impl Drop for OpenLdap {
    fn drop(&mut self) {
        let _ = Command::new(script()).arg("stop").arg(&self.dir).output();
    }
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/services/openldap.sh")
}
