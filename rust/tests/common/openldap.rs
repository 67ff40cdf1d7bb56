//! The OpenLDAP server of tests/services/openldap.sh, started once per test binary
//! and stopped when the binary exits.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use base64::Engine;

pub struct OpenLdap {
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
            let dir = std::env::temp_dir().join(format!("adphoto-openldap-{}", std::process::id()));
            let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/services/openldap.sh");
            let out = Command::new(&script)
                .arg("start")
                .arg(&dir)
                .arg("--watch")
                .arg(std::process::id().to_string())
                .output()
                .expect("run tests/services/openldap.sh");
            assert!(
                out.status.success(),
                "openldap.sh failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            let get = |key: &str| {
                text.lines()
                    .find_map(|l| l.strip_prefix(&format!("{key}=")))
                    .unwrap_or_else(|| panic!("openldap.sh printed no {key}"))
                    .to_string()
            };
            OpenLdap {
                url: get("LDAP_URL"),
                ldaps_url: get("LDAPS_URL"),
                base: get("BASE"),
                admin_dn: get("ADMIN_DN"),
                writer_dn: get("WRITER_DN"),
                password_file: get("ADMIN_PASSWORD_FILE").into(),
                ca_cert: get("CA_CERT").into(),
                log: get("LOG").into(),
            }
        })
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
        let out = self.tool(
            "ldapsearch",
            &["-LLL", "-o", "ldif-wrap=no", "-s", "base", "-b", dn, attribute],
        );
        assert!(
            out.status.success(),
            "ldapsearch {dn}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        let lower = attribute.to_ascii_lowercase();
        text.lines()
            .filter_map(|l| {
                let (name, rest) = l.split_once(':')?;
                if name.to_ascii_lowercase() != lower {
                    return None;
                }
                Some(match rest.strip_prefix(": ") {
                    Some(b64) => base64::engine::general_purpose::STANDARD.decode(b64.trim()).unwrap(),
                    None => rest.trim_start().as_bytes().to_vec(),
                })
            })
            .collect()
    }

    /// How many modify operations the server logged for `dn` so far.
    pub fn modify_count(&self, dn: &str) -> usize {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let needle = format!("MOD dn=\"{}\"", dn.to_ascii_lowercase());
        log.lines().filter(|l| l.to_ascii_lowercase().contains(&needle)).count()
    }
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}
