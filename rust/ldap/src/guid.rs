//! Active Directory's objectGUID: 16 bytes on the wire, shown as the familiar string
//! whose first three groups are little-endian.

pub fn guid_to_string(bytes: &[u8]) -> Option<String> {
    let b: [u8; 16] = bytes.try_into().ok()?;
    Some(format!(
        "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
        b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]
    ))
}

pub fn guid_from_string(text: &str) -> Option<[u8; 16]> {
    let hex: String = text.chars().filter(|c| !matches!(c, '{' | '}' | '-')).collect();
    if hex.len() != 32 {
        return None;
    }
    let mut raw = [0u8; 16];
    for (i, byte) in raw.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    let mut b = raw;
    b[0..4].reverse();
    b[4..6].reverse();
    b[6..8].reverse();
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_ad_byte_order() {
        let wire = [
            0x69, 0x18, 0x9d, 0x6f, 0x13, 0x8c, 0x22, 0x47, 0x98, 0xaa, 0xec, 0xcf, 0x84, 0xcb, 0xe6, 0xa3,
        ];
        let s = guid_to_string(&wire).unwrap();
        assert_eq!(s, "6f9d1869-8c13-4722-98aa-eccf84cbe6a3");
        assert_eq!(guid_from_string(&s.to_uppercase()).unwrap(), wire);
        assert_eq!(guid_from_string(&format!("{{{s}}}")).unwrap(), wire);
        assert!(guid_to_string(&[1, 2]).is_none());
        assert!(guid_from_string("xyz").is_none());
    }
}
