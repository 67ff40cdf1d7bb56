//! The behaviour every directory owes the use cases, written once and run against each
//! adapter: listing with current photos, finding by identity and by stable key (a value
//! is never a pattern), batch writes read back, removal, cancelling and a lost server
//! stopping the rest of a batch through the gate, unreadable photos never replaced, and
//! a `set` run interrupted, resumed and restored.

use std::path::{Path, PathBuf};

use adphoto_app::{apply_set, plan_set, Event, MatchRequest, SetRequest};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{Current, Directory, Gate, PhotoWrite, UserEntry, Users, Wanted};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::plan::{Action, ApplyStatus, PlanItem, Totals};
use adphoto_testkit::{encode_jpeg, noise_image, scratch};

/// A user a fixture created: how to name them, the file stem a `set` run's photo
/// takes, and the photo they were given at the start (if any).
#[derive(Debug, Clone)]
pub struct Person {
    pub identity: String,
    pub stem: String,
    pub photo: Option<Vec<u8>>,
}

/// One adapter with a few fresh users of its own in its server: the first person has a
/// photo, the others have none.
pub trait Fixture {
    /// A new connection to the directory (each case may open several).
    fn open(&self) -> Box<dyn Directory>;
    /// The naming template that turns a person's attributes into their `stem`.
    fn pattern(&self) -> String;
    fn people(&self) -> &[Person];
    /// The photo the server holds for the person, read by the test's own means.
    fn stored(&self, person: &Person) -> Option<Vec<u8>>;
}

/// A portrait-sized JPEG distinct for each seed.
pub fn portrait(seed: u64) -> Vec<u8> {
    encode_jpeg(&noise_image(96, 96, seed), 80)
}

fn listed(dir: &mut dyn Directory) -> Users {
    let users = dir
        .list_users(&Wanted::identities())
        .expect("the directory lists its users");
    dir.read_photos(&users.entries);
    users
}

/// The person's entry, found by identity: exactly one.
fn entry_of(dir: &mut dyn Directory, person: &Person) -> UserEntry {
    let mut found = dir.find(std::slice::from_ref(&person.identity));
    let found = found.remove(0).expect("finding a user works");
    assert_eq!(found.len(), 1, "{} names one user: {found:?}", person.identity);
    found.into_iter().next().unwrap()
}

fn write_all(dir: &mut dyn Directory, writes: Vec<PhotoWrite>, gate: &Gate) -> Vec<Result<()>> {
    let mut results: Vec<Option<Result<()>>> = (0..writes.len()).map(|_| None).collect();
    dir.write(writes, gate, &mut |i, r| results[i] = Some(r));
    results
        .into_iter()
        .map(|r| r.expect("every write is reported"))
        .collect()
}

/// Listing finds every person, with the photo they have (and none for the others).
pub fn lists_users_with_their_current_photos(f: &dyn Fixture) {
    let mut dir = f.open();
    let users = listed(dir.as_mut());
    for person in f.people() {
        let entry = entry_of(dir.as_mut(), person);
        let listed = users
            .entries
            .iter()
            .find(|e| e.address == entry.address)
            .unwrap_or_else(|| panic!("{} is in the listing", person.identity));
        assert!(listed.key.is_some(), "{}: a stable key for backups", person.identity);
        match (&person.photo, dir.current(listed)) {
            (Some(photo), Current::Photo(values)) => assert_eq!(&values[0], photo, "{}", person.identity),
            (None, Current::Absent) => {}
            (expected, current) => panic!(
                "{}: expected {:?}, got {current:?}",
                person.identity,
                expected.is_some()
            ),
        }
    }
}

/// Identities resolve to one user each, unknown ones to none, and wildcards and
/// filter syntax are values, never patterns; stable keys find the same users.
pub fn finds_by_identity_and_key_never_by_pattern(f: &dyn Fixture) {
    let mut dir = f.open();
    let people = f.people();
    let mut asked: Vec<String> = people.iter().map(|p| p.identity.clone()).collect();
    asked.extend(["nobody-at-all-x".into(), "*".into(), "*)(objectClass=*".into()]);
    let answers = dir.find(&asked);
    assert_eq!(answers.len(), asked.len(), "one answer per identity, in order");
    let mut entries = Vec::new();
    for (identity, answer) in asked.iter().zip(answers) {
        let found = answer.unwrap_or_default();
        if people.iter().any(|p| &p.identity == identity) {
            assert_eq!(found.len(), 1, "{identity}");
            entries.push(found[0].clone());
        } else {
            assert!(found.is_empty(), "{identity} matches nobody: {found:?}");
        }
    }
    let keys: Vec<String> = entries.iter().map(|e| e.key.clone().expect("a key")).collect();
    for (entry, answer) in entries.iter().zip(dir.find_by_key(&keys)) {
        let found = answer.expect("finding by key works");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].address, entry.address, "the key finds the same user");
    }
}

/// A batch is written, reported per item, and read back by a new connection; a write
/// without values removes the photo.
pub fn writes_a_batch_reads_it_back_and_removes(f: &dyn Fixture) {
    let mut dir = f.open();
    let people = f.people();
    let photos: Vec<Vec<u8>> = (0..people.len()).map(|i| portrait(500 + i as u64)).collect();
    let writes = people
        .iter()
        .zip(&photos)
        .enumerate()
        .map(|(i, (p, photo))| PhotoWrite::new(i, entry_of(dir.as_mut(), p).address, Some(photo.clone())))
        .collect();
    for (person, result) in people.iter().zip(write_all(dir.as_mut(), writes, &Gate::default())) {
        result.unwrap_or_else(|e| panic!("{}: {e}", person.identity));
    }
    dir.finish().unwrap();
    let mut again = f.open();
    listed(again.as_mut());
    for (person, photo) in people.iter().zip(&photos) {
        assert!(
            f.stored(person).as_ref() == Some(photo),
            "{}: the server has it",
            person.identity
        );
        let entry = entry_of(again.as_mut(), person);
        let users = listed(again.as_mut());
        let listed = users.entries.iter().find(|e| e.address == entry.address).unwrap();
        assert!(
            again.current(listed).first() == Some(&photo[..]),
            "{}: read back",
            person.identity
        );
    }
    let first = &people[0];
    let address = entry_of(dir.as_mut(), first).address;
    let results = write_all(dir.as_mut(), vec![PhotoWrite::new(0, address, None)], &Gate::default());
    results[0].as_ref().expect("removing works");
    assert!(f.stored(first).is_none(), "removed");
}

/// A cancelled run sends nothing more; a server found gone sends nothing more; both say
/// why on every write not sent, and the server holds what it held.
pub fn a_closed_gate_sends_nothing(f: &dyn Fixture) {
    let mut dir = f.open();
    let people = f.people();
    let before: Vec<Option<Vec<u8>>> = people.iter().map(|p| f.stored(p)).collect();
    let writes = |dir: &mut dyn Directory| -> Vec<PhotoWrite> {
        people
            .iter()
            .enumerate()
            .map(|(i, p)| PhotoWrite::new(i, entry_of(dir, p).address, Some(portrait(900 + i as u64))))
            .collect()
    };
    let cancel = Cancel::default();
    cancel.cancel();
    let batch = writes(dir.as_mut());
    for result in write_all(dir.as_mut(), batch, &Gate::new(cancel)) {
        assert!(result.unwrap_err().is_cancelled());
    }
    let gone = Gate::default();
    gone.observe(&Err(Error::new(ErrorKind::Unavailable, "connection refused")));
    let batch = writes(dir.as_mut());
    for result in write_all(dir.as_mut(), batch, &gone) {
        let e = result.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Unavailable);
        assert!(e.message().contains("--resume"), "says how to finish: {e}");
    }
    let after: Vec<Option<Vec<u8>>> = people.iter().map(|p| f.stored(p)).collect();
    assert_eq!(before, after, "nothing was sent");
}

/// A photo that cannot be read is never replaced: the plan says so and the run writes
/// everyone else. (`dir` is opened where reading photos fails.)
pub fn an_unreadable_photo_is_never_replaced(f: &dyn Fixture, dir: Box<dyn Directory>) {
    let mut dir = dir;
    let folder = photos_for(f, "unreadable");
    let request = set_request(f, &folder, None);
    let planned = plan_set(dir.as_mut(), &request, &Cancel::default(), &mut |_: Event<'_>| {}).unwrap();
    let first = &f.people()[0];
    let item = planned
        .items
        .iter()
        .find(|i| i.matched.file.as_deref().is_some_and(|p| p.contains(&first.stem)))
        .expect("the person's file is planned");
    assert_eq!(
        item.action,
        Action::Unreadable,
        "{}: {:?}",
        first.identity,
        actions(&planned.items)
    );
    assert!(planned
        .items
        .iter()
        .all(|i| i.action != Action::Write || i.photo.is_some()));
}

/// A scratch folder of its own for every use (the adapters' cases run in parallel).
fn fresh(what: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    scratch(&format!("conformance-{what}-{}", N.fetch_add(1, Ordering::SeqCst)))
}

/// What a plan decided, for messages (never the photos' bytes).
fn actions(items: &[PlanItem]) -> Vec<String> {
    items
        .iter()
        .map(|i| format!("{:?} {:?}: {}", i.action, i.matched.user, i.reason))
        .collect()
}

/// Photos named after every person, distinct, in a new folder.
fn photos_for(f: &dyn Fixture, case: &str) -> PathBuf {
    let folder = fresh(case).join("photos");
    std::fs::create_dir_all(&folder).unwrap();
    for (i, person) in f.people().iter().enumerate() {
        let image = noise_image(300, 400, 7000 + i as u64);
        std::fs::write(folder.join(format!("{}.jpg", person.stem)), encode_jpeg(&image, 85)).unwrap();
    }
    folder
}

fn set_request(f: &dyn Fixture, photos: &Path, run_folder: Option<PathBuf>) -> SetRequest {
    SetRequest {
        matching: MatchRequest {
            photos: vec![photos.to_path_buf()],
            patterns: vec![f.pattern()],
            ..Default::default()
        },
        no_cache: true,
        workers: 1,
        run_folder,
        ..Default::default()
    }
}

/// A `set` run cancelled once its first write is done stops sending (what it had not
/// sent is `cancelled`, and the server does not have it); resumed from its run folder,
/// it writes exactly what the first run did not, so everyone is written once with the
/// photo planned for them; the run's backups then put every original back.
pub fn a_run_interrupted_resumes_and_restores(f: &dyn Fixture) {
    let people = f.people();
    let folder = photos_for(f, "resume");
    let run = fresh("run").join("run");
    let cancel = Cancel::default();
    let mut dir = f.open();
    let request = set_request(f, &folder, Some(run.clone()));
    let mut planned = plan_set(dir.as_mut(), &request, &cancel, &mut |_: Event<'_>| {}).unwrap();
    let writes = planned.items.iter().filter(|i| i.action == Action::Write).count();
    assert_eq!(
        writes,
        people.len(),
        "everyone gets a new photo: {:?}",
        actions(&planned.items)
    );
    apply_set(dir.as_mut(), &mut planned, None, &request, &cancel, &mut |e: Event<
        '_,
    >| {
        if let Event::Applied { .. } = e {
            cancel.cancel();
        }
    })
    .unwrap();
    // How many writes were already on their way when cancel came depends on the
    // adapter's pipeline and the machine; what may not vary is that each one is either
    // written or cancelled, and a cancelled one never reached the server.
    let first = Totals::of(&planned.items);
    assert!(first.written >= 1, "{:?}", actions(&planned.items));
    assert_eq!(
        first.written + first.cancelled,
        people.len(),
        "{:?}",
        actions(&planned.items)
    );
    for item in planned
        .items
        .iter()
        .filter(|i| i.status == Some(ApplyStatus::Cancelled))
    {
        let person = people
            .iter()
            .find(|p| {
                item.matched
                    .file
                    .as_deref()
                    .is_some_and(|file| file.contains(&format!("/{}.jpg", p.stem)))
            })
            .expect("a planned person");
        assert!(
            f.stored(person) == person.photo,
            "{}: cancelled, so not sent",
            person.identity
        );
    }

    let resume = SetRequest {
        resume: true,
        ..set_request(f, &folder, Some(run.clone()))
    };
    let mut dir = f.open();
    let mut replanned = plan_set(dir.as_mut(), &resume, &Cancel::default(), &mut |_: Event<'_>| {}).unwrap();
    let in_place = replanned
        .items
        .iter()
        .filter(|i| i.action == Action::SkipUnchanged)
        .count();
    assert_eq!(
        in_place, first.written,
        "the resume finds the first run's writes in place"
    );
    apply_set(
        dir.as_mut(),
        &mut replanned,
        None,
        &resume,
        &Cancel::default(),
        &mut |_: Event<'_>| {},
    )
    .unwrap();
    let second = Totals::of(&replanned.items);
    assert_eq!(
        second.written,
        first.cancelled,
        "the rest, once: {:?}",
        actions(&replanned.items)
    );
    let planned_photos: Vec<Vec<u8>> = replanned
        .items
        .iter()
        .chain(planned.items.iter())
        .filter_map(|i| i.photo.clone())
        .collect();
    for person in people {
        let stored = f
            .stored(person)
            .unwrap_or_else(|| panic!("{} has a photo", person.identity));
        assert!(
            planned_photos.contains(&stored),
            "{}: the photo planned for them",
            person.identity
        );
    }

    let mut dir = f.open();
    let again = fresh("restore");
    let items = crate::common::restore_everyone(dir.as_mut(), &run, &again);
    assert!(!items.is_empty(), "the original photo was backed up");
    for person in people {
        assert!(
            f.stored(person) == person.photo,
            "{}: the original is back",
            person.identity
        );
    }
}
