//! Matching benchmark: 100,000 users and 100,000 photo file names, with the naming
//! conventions administrators use, accents, NFD names and name collisions.
//!
//!     cargo run --release -p adphoto-bench --bin match-bench [-- --users N]
//!
//! Prints the time to load the users CSV, to match, and the peak memory of the process
//! (target: match under 0.5 s, peak under 200 MB).

use std::path::PathBuf;
use std::time::Instant;

use adphoto_core::directory::{CsvUsers, Directory, Wanted};
use adphoto_core::matching::{match_files, MatchKind, Template, DEFAULT_TEMPLATES};

const GIVEN: [&str; 24] = [
    "John", "Anne", "José", "María", "Zoë", "Łukasz", "Søren", "Nguyễn", "Mohammed", "Aïcha", "Li", "Wei", "Olivia",
    "Noah", "Émile", "Björn", "Chloé", "Ángel", "Fatima", "Ivan", "Priya", "Kenji", "Siobhán", "Tomás",
];
const SURNAMES: [&str; 32] = [
    "Smith",
    "García",
    "Müller",
    "O'Brien",
    "Nguyen",
    "Kowalski",
    "Dubois",
    "Jensen",
    "Rossi",
    "Wallace",
    "Patel",
    "Okafor",
    "Hendrix",
    "Müller-Lüdenscheidt",
    "Ångström",
    "Søndergaard",
    "Fernández",
    "Lefèvre",
    "Çelik",
    "Dvořák",
    "Ó Súilleabháin",
    "van der Berg",
    "De la Cruz",
    "Kim",
    "Tanaka",
    "Ivanova",
    "Haddad",
    "Brown",
    "Wilson",
    "Taylor",
    "Moore",
    "Clark",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn ascii(s: &str) -> String {
    adphoto_core::text::match_key(s).replace(' ', "")
}

fn main() {
    let mut users = 100_000usize;
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--users") {
        users = args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(users);
    }
    let dir = std::env::temp_dir().join(format!("adphoto-match-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let mut rng = Rng(0x5eed_1234_abcd_ef01);

    // Users: common names collide on purpose (about 24*32*4 distinct full names).
    let mut csv =
        String::from("SamAccountName,UserPrincipalName,mail,GivenName,Surname,EmployeeID,DistinguishedName\n");
    let mut people = Vec::with_capacity(users);
    let mut taken = std::collections::HashMap::new();
    for i in 0..users {
        let given = format!("{}{}", GIVEN[rng.below(GIVEN.len())], ["", "a", "e", "o"][rng.below(4)]);
        let sn = SURNAMES[rng.below(SURNAMES.len())].to_string();
        let base = format!("{}{}", &ascii(&given)[..1], ascii(&sn));
        let n = taken.entry(base.clone()).or_insert(0usize);
        *n += 1;
        let sam = if *n == 1 { base } else { format!("{base}{n}") };
        let mail = format!(
            "{}.{}{}@school.org",
            ascii(&given),
            ascii(&sn),
            if *n == 1 { String::new() } else { n.to_string() }
        );
        let employee = format!("E{i:06}");
        csv.push_str(&format!(
            "{sam},{sam}@school.org,{mail},{given},\"{sn}\",{employee},\"CN={given} {sn} {i},OU=People,DC=school,DC=org\"\n"
        ));
        people.push((sam, mail, given, sn, employee));
    }
    let users_csv = dir.join("users.csv");
    std::fs::write(&users_csv, csv).expect("write users.csv");

    // Files: the conventions of README, in realistic proportions, plus typos.
    let mut files = Vec::with_capacity(users);
    for (sam, mail, given, sn, employee) in &people {
        let name = match rng.below(100) {
            0..=39 => format!("{sam}.jpg"),
            40..=64 => format!("{given}.{sn} 648x648.jpg"),
            65..=69 => {
                use unicode_normalization::UnicodeNormalization;
                format!("{}.{}.JPG", given.nfd(), sn.nfd()).to_uppercase()
            }
            70..=84 => format!("{employee}.jpg"),
            85..=94 => format!("{mail}.jpg"),
            _ => format!("{}x{}.jpg", &sam[..sam.len().min(4)], rng.below(1000)),
        };
        files.push(PathBuf::from("/photos").join(name));
    }

    let templates: Vec<Template> = DEFAULT_TEMPLATES
        .iter()
        .map(|t| Template::parse(t).expect("template"))
        .collect();
    let started = Instant::now();
    let table = CsvUsers::new(&users_csv)
        .list_users(&Wanted::default())
        .expect("load users")
        .table;
    let loaded = started.elapsed();
    let started = Instant::now();
    let result = match_files(&table, &templates, &files);
    let matched = started.elapsed();

    let count = |k: MatchKind| result.files.iter().filter(|f| f.kind == k).count();
    let suggested = result.files.iter().filter(|f| !f.suggestions.is_empty()).count();
    let peak_mb = peak_rss_kb() as f64 / 1024.0;
    println!("match-bench: {} users, {} file names", table.len(), files.len());
    println!("  load users CSV     {:>8.3} s", loaded.as_secs_f64());
    println!(
        "  match              {:>8.3} s   (target < 0.5 s)",
        matched.as_secs_f64()
    );
    println!("  peak memory        {:>8.1} MB  (target < 200 MB)", peak_mb);
    println!(
        "  matched {}  ambiguous {}  duplicate {}  unmatched {} ({} with suggestions)  users without photo {}",
        count(MatchKind::Matched),
        count(MatchKind::Ambiguous),
        count(MatchKind::Duplicate),
        count(MatchKind::Unmatched),
        suggested,
        result.users_without_photo.len()
    );
    let verdict = |ok: bool| if ok { "PASS" } else { "MISS" };
    println!(
        "  verdict: {} time, {} memory",
        verdict(matched.as_secs_f64() < 0.5),
        verdict(peak_mb < 200.0)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn peak_rss_kb() -> i64 {
    // Safety: getrusage writes into the struct we own.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage.ru_maxrss
    }
}
