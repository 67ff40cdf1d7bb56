//! The real registry: `HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\AccountPicture\Users\{SID}`.
//! Writing it needs an administrator or SYSTEM, which is why the sync is meant to run as
//! SYSTEM (startup script, or the scheduled task Install-AccountPictureTask registers)
//! rather than loosening the key's permissions for every user.

use winreg::enums::{HKEY_LOCAL_MACHINE, KEY_READ, KEY_SET_VALUE, KEY_WOW64_64KEY};
use winreg::RegKey;

use super::layout::USERS_KEY;
use super::registry::{PictureRegistry, Values};

pub struct WindowsRegistry;

fn key_path(sid: &str) -> String {
    format!(r"{USERS_KEY}\{sid}")
}

impl PictureRegistry for WindowsRegistry {
    fn describe(&self) -> String {
        format!(r"HKEY_LOCAL_MACHINE\{USERS_KEY}")
    }

    fn read(&self, sid: &str) -> Result<Values, String> {
        let hklm = RegKey::predef(HKEY_LOCAL_MACHINE);
        // The 64-bit view even from a 32-bit process: Windows reads the key there.
        let key = match hklm.open_subkey_with_flags(key_path(sid), KEY_READ | KEY_WOW64_64KEY) {
            Ok(k) => k,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Values::new()),
            Err(e) => return Err(format!(r"HKLM\{}: {e}", key_path(sid))),
        };
        let mut values = Values::new();
        for (name, _) in key.enum_values().flatten() {
            if name.starts_with("Image") {
                if let Ok(text) = key.get_value::<String, _>(&name) {
                    values.insert(name, text);
                }
            }
        }
        Ok(values)
    }

    fn write(&mut self, sid: &str, values: &Values) -> Result<(), String> {
        let hklm = RegKey::predef(HKEY_LOCAL_MACHINE);
        let (key, _) = hklm
            .create_subkey_with_flags(key_path(sid), KEY_SET_VALUE | KEY_WOW64_64KEY)
            .map_err(|e| {
                format!(
                    r"HKLM\{}: {e} (writing it needs an administrator or SYSTEM: run the sync as SYSTEM from a startup script or Install-AccountPictureTask)",
                    key_path(sid)
                )
            })?;
        for (name, value) in values {
            key.set_value(name, value)
                .map_err(|e| format!(r"HKLM\{}\{name}: {e}", key_path(sid)))?;
        }
        Ok(())
    }
}
