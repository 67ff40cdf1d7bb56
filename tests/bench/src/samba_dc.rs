//! The Samba AD DC of tests/services/samba.sh, for benchmarks: started in a work
//! folder, reached over LDAPS on 127.0.0.1 as Administrator.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Dc {
    pub base: String,
    pub admin_upn: String,
    pub password: String,
    pub password_file: PathBuf,
    pub ca_cert: PathBuf,
}

impl Dc {
    /// Runs an OpenLDAP client tool against the DC.
    pub fn tool(&self, tool: &str, args: &[&str]) -> std::process::Output {
        Command::new(tool)
            .env("LDAPTLS_CACERT", &self.ca_cert)
            .args(["-x", "-H", "ldaps://127.0.0.1", "-D", &self.admin_upn, "-y"])
            .arg(&self.password_file)
            .args(args)
            .output()
            .expect("OpenLDAP client tools (ldap-utils)")
    }

    /// Applies an LDIF with ldapmodify (`-c`: going on past errors).
    pub fn apply(&self, ldif: &str, work: &Path, name: &str, continue_on_error: bool) {
        let path = work.join(name);
        std::fs::write(&path, ldif).expect("ldif");
        let mut args = vec!["-f", path.to_str().unwrap_or_default()];
        if continue_on_error {
            args.push("-c");
        }
        let out = self.tool("ldapmodify", &args);
        assert!(
            continue_on_error || out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

pub fn start_samba(root: &Path, work: &Path) -> Dc {
    let out = Command::new(root.join("tests/services/samba.sh"))
        .arg("start")
        .arg(work.join("dc"))
        .output()
        .expect("samba.sh");
    assert!(
        out.status.success(),
        "samba.sh: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let get = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or_default()
            .to_string()
    };
    let password_file = PathBuf::from(get("ADMIN_PASSWORD_FILE"));
    Dc {
        base: get("BASE"),
        admin_upn: get("ADMIN_UPN"),
        password: std::fs::read_to_string(&password_file).unwrap_or_default(),
        password_file,
        ca_cert: get("CA_CERT").into(),
    }
}

pub fn stop_samba(root: &Path, work: &Path) {
    let _ = Command::new(root.join("tests/services/samba.sh"))
        .arg("stop")
        .arg(work.join("dc"))
        .status();
}
