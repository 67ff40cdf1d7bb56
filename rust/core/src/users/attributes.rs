//! Attribute names as people write them (CSV headers from `Get-ADUser`, `Get-MgUser`,
//! Excel) mapped onto one canonical LDAP-style name, lower case.

/// Attributes that identify exactly one user, in the order used to describe a user.
pub const IDENTITY_ATTRIBUTES: [&str; 9] = [
    "samaccountname",
    "uid",
    "userprincipalname",
    "mail",
    "employeeid",
    "distinguishedname",
    "objectguid",
    "entryuuid",
    "id",
];

/// The canonical name of an attribute or column: lower case, with the aliases that
/// PowerShell exports and spreadsheets use folded together.
pub fn canonical_attribute(name: &str) -> String {
    let lower = name.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
    let canonical = match lower.as_str() {
        "surname" | "lastname" | "last name" | "last_name" | "familyname" | "family name" => "sn",
        "firstname" | "first name" | "first_name" => "givenname",
        "dn" | "distinguished name" | "distinguished_name" => "distinguishedname",
        "sid" => "objectsid",
        "guid" => "objectguid",
        "emailaddress" | "email" | "e-mail" | "email address" => "mail",
        "upn" => "userprincipalname",
        "employee id" | "employee_id" => "employeeid",
        "sam" => "samaccountname",
        "objectid" | "object id" => "id",
        _ => return lower,
    };
    canonical.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_headers_fold_onto_ldap_names() {
        assert_eq!(canonical_attribute("SamAccountName"), "samaccountname");
        assert_eq!(canonical_attribute(" Surname "), "sn");
        assert_eq!(canonical_attribute("sn"), "sn");
        assert_eq!(canonical_attribute("EmailAddress"), "mail");
        assert_eq!(canonical_attribute("DistinguishedName"), "distinguishedname");
        assert_eq!(canonical_attribute("\u{feff}GivenName"), "givenname");
        assert_eq!(canonical_attribute("extensionAttribute7"), "extensionattribute7");
    }
}
