//! Pairing files with users the way administrators name them, and never guessing.

use adphoto_testkit as common;

use std::path::{Path, PathBuf};

use adphoto_core::directory::{CsvUsers, Directory, Wanted};
use adphoto_core::matching::{
    match_files, match_mapping, read_mapping, MatchKind, MatchResult, MatchedBy, Template, DEFAULT_TEMPLATES,
};
use adphoto_core::text::parse_csv;
use adphoto_core::users::UserTable;
use common::scratch;

const USERS: &str = "\u{feff}\"SamAccountName\";\"GivenName\";\"Surname\";\"mail\";\"EmployeeID\";\"UserPrincipalName\";\"DistinguishedName\";\"ObjectGUID\"\n\
 jsmith ; John ; Smith ; john.smith@school.org ; E10001 ; jsmith@school.org ; CN=Smith\\, John,OU=Staff,DC=school,DC=org ; {6F1B2C3D-0001-4A5B-8C9D-000000000001}\n\
\n\
awallace;Anne;Wallace;anne.wallace@school.org;E10002;awallace@school.org;CN=Anne Wallace,OU=Staff,DC=school,DC=org;6f1b2c3d-0002-4a5b-8c9d-000000000002\n\
jgarcia;José;García;jose.garcia@school.org;E10423;jgarcia@school.org;CN=José García,OU=Staff,DC=school,DC=org;6f1b2c3d-0003-4a5b-8c9d-000000000003\n\
obrien;Seán;O'Brien (contractor);sean.obrien@school.org;E10004;obrien@school.org;CN=O'Brien,OU=Staff,DC=school,DC=org;6f1b2c3d-0004-4a5b-8c9d-000000000004\n\
ab;A;B;ab@school.org;E10005;ab@school.org;CN=AB,OU=Staff,DC=school,DC=org;6f1b2c3d-0005-4a5b-8c9d-000000000005\n\
jsmith2;John;Smith;john.smith2@school.org;E10006;jsmith2@school.org;CN=Smith\\, John (2),OU=Staff,DC=school,DC=org;6f1b2c3d-0006-4a5b-8c9d-000000000006\n\
nophoto;Nora;Photo;nora@school.org;E10007;nophoto@school.org;CN=Nora Photo,OU=Staff,DC=school,DC=org;6f1b2c3d-0007-4a5b-8c9d-000000000007\n";

fn users(dir: &Path) -> UserTable {
    let path = dir.join("users.csv");
    std::fs::write(&path, USERS).unwrap();
    CsvUsers::new(&path).list_users(&Wanted::default()).unwrap().table
}

fn templates(texts: &[&str]) -> Vec<Template> {
    texts.iter().map(|t| Template::parse(t).unwrap()).collect()
}

fn touch(dir: &Path, names: &[&str]) -> Vec<PathBuf> {
    names
        .iter()
        .map(|n| {
            let p = dir.join(n);
            std::fs::write(&p, b"x").unwrap();
            p
        })
        .collect()
}

fn outcome<'a>(result: &'a MatchResult, name: &str) -> &'a adphoto_core::matching::FileMatch {
    result
        .files
        .iter()
        .find(|f| f.file.file_name().unwrap().to_string_lossy() == name)
        .unwrap_or_else(|| panic!("no outcome for {name}"))
}

fn user_of(table: &UserTable, result: &MatchResult, name: &str) -> String {
    let m = outcome(result, name);
    assert_eq!(m.kind, MatchKind::Matched, "{name}: {m:?}");
    table.value(m.user.unwrap(), "samaccountname").unwrap().to_string()
}

#[test]
fn every_naming_convention_finds_its_user_and_says_how() {
    let dir = scratch("match-conventions");
    let table = users(&dir);
    let files = touch(
        &dir,
        &[
            "awallace.jpg",
            "Anne.Wallace 648x648.jpg",
            "E10423.jpg",
            "sean.obrien@school.org.JPG",
        ],
    );
    let t = templates(&["{sAMAccountName}", "{employeeID}", "{mail}"]);
    // One file per user here, so run them separately to avoid duplicates.
    let r = match_files(&table, &t, &files[..1]);
    assert_eq!(user_of(&table, &r, "awallace.jpg"), "awallace");
    assert_eq!(
        outcome(&r, "awallace.jpg").by,
        Some(MatchedBy::Template("{sAMAccountName}".into()))
    );
    let r = match_files(&table, &t, &files[2..]);
    assert_eq!(user_of(&table, &r, "E10423.jpg"), "jgarcia");
    assert_eq!(
        outcome(&r, "E10423.jpg").by,
        Some(MatchedBy::Template("{employeeID}".into()))
    );
    assert_eq!(user_of(&table, &r, "sean.obrien@school.org.JPG"), "obrien");
    let r = match_files(&table, &templates(&["{givenName}.{sn}"]), &files[1..2]);
    assert_eq!(user_of(&table, &r, "Anne.Wallace 648x648.jpg"), "awallace");
    let r = match_files(
        &table,
        &templates(&["{sn}_{givenName}"]),
        &touch(&dir, &["WALLACE_anne.png"]),
    );
    assert_eq!(user_of(&table, &r, "WALLACE_anne.png"), "awallace");
}

#[test]
fn accents_case_and_macos_nfd_names_match() {
    let dir = scratch("match-accents");
    let table = users(&dir);
    let t = templates(&["{givenName}.{sn}"]);
    for name in [
        "jose.garcia.jpg",
        "JOSÉ.GARCÍA.jpg",
        "Jose\u{301}.Garci\u{301}a.jpg",
        " José.García .jpg",
    ] {
        let files = touch(&dir, &[name]);
        let r = match_files(&table, &t, &files);
        assert_eq!(user_of(&table, &r, name), "jgarcia", "{name}");
    }
}

#[test]
fn special_characters_are_text_not_wildcards() {
    let dir = scratch("match-special");
    let table = users(&dir);
    let t = templates(&["{sAMAccountName}", "{sn}"]);
    let files = touch(
        &dir,
        &[
            "*.jpg",
            "a*.jpg",
            "(ab).jpg",
            "a\\b.jpg",
            "*)(uid=*.jpg",
            "O'Brien (contractor).jpg",
        ],
    );
    let r = match_files(&table, &t, &files);
    for name in ["*.jpg", "a*.jpg", "(ab).jpg", "a\\b.jpg", "*)(uid=*.jpg"] {
        assert_eq!(outcome(&r, name).kind, MatchKind::Unmatched, "{name} must match nobody");
    }
    assert_eq!(user_of(&table, &r, "O'Brien (contractor).jpg"), "obrien");
}

#[test]
fn a_name_that_fits_two_users_is_ambiguous_and_not_passed_on() {
    let dir = scratch("match-ambiguous");
    let table = users(&dir);
    // {givenName}.{sn} fits jsmith and jsmith2; the later template would have picked
    // one of them by another route, which would be a guess.
    let files = touch(&dir, &["John.Smith.jpg"]);
    let r = match_files(&table, &templates(&["{givenName}.{sn}", "{sAMAccountName}"]), &files);
    let m = outcome(&r, "John.Smith.jpg");
    assert_eq!(m.kind, MatchKind::Ambiguous);
    let mut names: Vec<&str> = m
        .candidates
        .iter()
        .map(|u| table.value(*u, "samaccountname").unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["jsmith", "jsmith2"]);
    assert!(r
        .users_without_photo
        .iter()
        .any(|u| table.value(*u, "samaccountname") == Some("jsmith")));
}

#[test]
fn two_files_for_one_user_are_duplicates_and_neither_is_used() {
    let dir = scratch("match-duplicate");
    let table = users(&dir);
    let files = touch(&dir, &["awallace.jpg", "Anne.Wallace.png", "jsmith.jpg"]);
    let r = match_files(&table, &templates(&["{sAMAccountName}", "{givenName}.{sn}"]), &files);
    for name in ["awallace.jpg", "Anne.Wallace.png"] {
        let m = outcome(&r, name);
        assert_eq!(m.kind, MatchKind::Duplicate, "{name}");
        assert_eq!(m.others.len(), 1);
    }
    assert_eq!(user_of(&table, &r, "jsmith.jpg"), "jsmith");
    assert_eq!(r.pairs().count(), 1);
    let without: Vec<&str> = r
        .users_without_photo
        .iter()
        .map(|u| table.value(*u, "samaccountname").unwrap())
        .collect();
    assert!(
        !without.contains(&"awallace"),
        "duplicates are reported as such, not as missing"
    );
    assert!(without.contains(&"nophoto"));
}

#[test]
fn unmatched_files_get_the_closest_users_suggested() {
    let dir = scratch("match-suggest");
    let table = users(&dir);
    let files = touch(&dir, &["awalace.jpg", "Ann.Wallace.jpg", "zzzzzzzz.jpg"]);
    let r = match_files(&table, &templates(&DEFAULT_TEMPLATES), &files);
    for name in ["awalace.jpg", "Ann.Wallace.jpg"] {
        let m = outcome(&r, name);
        assert_eq!(m.kind, MatchKind::Unmatched);
        assert_eq!(
            table.value(m.suggestions[0].user, "samaccountname"),
            Some("awallace"),
            "{name}"
        );
    }
    assert!(outcome(&r, "zzzzzzzz.jpg").suggestions.is_empty());
    assert_eq!(r.users_without_photo.len(), table.len());
}

#[test]
fn users_csvs_as_admins_have_them() {
    let dir = scratch("match-csv");
    let table = users(&dir);
    assert_eq!(table.len(), 7, "the blank line is not a user");
    let u = table
        .ids()
        .find(|u| table.value(*u, "SamAccountName") == Some("jsmith"))
        .unwrap();
    assert_eq!(table.value(u, "givenName"), Some("John"), "stray spaces trimmed");
    assert_eq!(table.value(u, "sn"), Some("Smith"), "Surname is sn");
    // Windows PowerShell's Export-Csv adds a #TYPE line; Get-MgUser uses Surname/Mail/Id.
    let mg = "#TYPE Microsoft.Graph.PowerShell.Models.MicrosoftGraphUser\n\"Id\",\"DisplayName\",\"GivenName\",\"Surname\",\"Mail\",\"UserPrincipalName\"\n\"a1\",\"Li Wei\",\"Li\",\"Wei\",\"li.wei@school.org\",\"lwei@school.org\"\n";
    let path = dir.join("mg.csv");
    std::fs::write(&path, mg).unwrap();
    let t = CsvUsers::new(&path).list_users(&required("mail")).unwrap().table;
    assert_eq!(t.value(0, "mail"), Some("li.wei@school.org"));
    assert_eq!(t.value(0, "id"), Some("a1"));
    let missing = CsvUsers::new(&path).list_users(&required("employeeid")).unwrap_err();
    assert!(missing.message().contains("employeeid"), "{missing}");
}

fn required(attribute: &str) -> Wanted {
    Wanted {
        required: vec![attribute.into()],
        optional: Vec::new(),
    }
}

fn mapping_result(dir: &Path, table: &UserTable, csv: &str) -> MatchResult {
    let path = dir.join("map.csv");
    std::fs::write(&path, csv).unwrap();
    match_mapping(table, &read_mapping(&path).unwrap())
}

#[test]
fn explicit_mappings_bypass_names_but_not_the_rules() {
    let dir = scratch("match-map");
    let table = users(&dir);
    touch(
        &dir,
        &[
            "IMG_0001.jpg",
            "IMG_0002.jpg",
            "IMG_0003.jpg",
            "IMG_0004.jpg",
            "IMG_0005.jpg",
        ],
    );
    let csv = "\u{feff} AD_user ; path_to_file \n\
               \n\
                jsmith ;  IMG_0001.jpg \n\
               Anne.Wallace@School.org;IMG_0002.jpg\n\
               CN=José García, OU=Staff,DC=school,DC=org;IMG_0003.jpg\n\
               {6F1B2C3D-0004-4A5B-8C9D-000000000004};IMG_0004.jpg\n\
               jsmtih;IMG_0005.jpg\n\
               nophoto;missing.jpg\n\
               ;IMG_0001.jpg\n";
    let r = mapping_result(&dir, &table, csv);
    assert_eq!(user_of(&table, &r, "IMG_0001.jpg"), "jsmith");
    assert_eq!(user_of(&table, &r, "IMG_0002.jpg"), "awallace", "by mail, any case");
    assert_eq!(
        user_of(&table, &r, "IMG_0003.jpg"),
        "jgarcia",
        "by DN, spaces after commas"
    );
    assert_eq!(user_of(&table, &r, "IMG_0004.jpg"), "obrien", "by GUID with braces");
    assert!(matches!(
        outcome(&r, "IMG_0001.jpg").by,
        Some(MatchedBy::Mapping { line: 3, .. })
    ));
    let typo = outcome(&r, "IMG_0005.jpg");
    assert_eq!(typo.kind, MatchKind::Unmatched);
    assert_eq!(table.value(typo.suggestions[0].user, "samaccountname"), Some("jsmith"));
    assert_eq!(outcome(&r, "missing.jpg").kind, MatchKind::MissingFile);
    assert_eq!(r.count(MatchKind::InvalidRow), 1);

    // A column named after one attribute is looked up in that attribute only.
    let r = mapping_result(
        &dir,
        &table,
        "mail,path\njsmith,IMG_0001.jpg\njohn.smith@school.org,IMG_0002.jpg\n",
    );
    assert_eq!(outcome(&r, "IMG_0001.jpg").kind, MatchKind::Unmatched);
    assert_eq!(user_of(&table, &r, "IMG_0002.jpg"), "jsmith");

    // Two rows for one user: duplicates.
    let r = mapping_result(&dir, &table, "AD_user,path\njsmith,IMG_0001.jpg\nE10001,IMG_0002.jpg\n");
    assert_eq!(r.count(MatchKind::Duplicate), 2);
}

#[test]
fn an_identity_that_names_two_users_is_ambiguous() {
    let dir = scratch("match-map-ambiguous");
    let csv = "SamAccountName,EmployeeID,mail\nx100,E1,a@x\nbob,x100,b@x\n";
    let table = parse_and_load(&dir, csv);
    touch(&dir, &["p.jpg"]);
    let r = mapping_result(&dir, &table, "Identity,Path\nx100,p.jpg\n");
    let m = outcome(&r, "p.jpg");
    assert_eq!(m.kind, MatchKind::Ambiguous);
    assert_eq!(m.candidates.len(), 2);
}

fn parse_and_load(dir: &Path, csv: &str) -> UserTable {
    assert!(parse_csv(csv.as_bytes(), "inline").is_ok());
    let path = dir.join("u.csv");
    std::fs::write(&path, csv).unwrap();
    CsvUsers::new(&path).list_users(&Wanted::default()).unwrap().table
}

#[test]
fn mapping_files_without_the_needed_columns_say_which_they_accept() {
    let dir = scratch("match-map-bad");
    let path = dir.join("map.csv");
    std::fs::write(&path, "who,where\njsmith,a.jpg\n").unwrap();
    let e = read_mapping(&path).unwrap_err();
    assert!(e.0.contains("AD_user") && e.0.contains("who, where"), "{}", e.0);
}
