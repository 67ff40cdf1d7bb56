//! UTC timestamps for manifests and folder names, without a date library.

use std::time::{SystemTime, UNIX_EPOCH};

/// `2026-11-21T03:15:00Z`
pub fn utc_now() -> String {
    let (date, (h, m, s)) = civil_now();
    format!("{date}T{h:02}:{m:02}:{s:02}Z")
}

/// `2026-11-21T031500Z`: sortable and valid as a file name everywhere.
pub fn utc_stamp() -> String {
    let (date, (h, m, s)) = civil_now();
    format!("{date}T{h:02}{m:02}{s:02}Z")
}

fn civil_now() -> (String, (u64, u64, u64)) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, mo, d) = civil_from_days(days as i64);
    (
        format!("{y:04}-{mo:02}-{d:02}"),
        (rem / 3600, rem % 3600 / 60, rem % 60),
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_413), (2025, 11, 21));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert!(utc_now().ends_with('Z') && utc_now().len() == 20);
    }
}
