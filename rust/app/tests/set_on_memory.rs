//! `set` (plan, apply, resume) against the in-memory directory: every decision the plan
//! makes, every way a write can end, and what the journal and the backups make of it.

use std::path::PathBuf;

use adphoto_app::{apply_set, plan_set, Event, MatchRequest, Planned, SetRequest};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{MemoryDirectory, MemoryFault, MemoryUser};
use adphoto_core::error::{Error, ErrorKind};
use adphoto_core::photo::Preset;
use adphoto_core::plan::{Action, ApplyStatus, Totals};
use adphoto_testkit::{encode_jpeg, noise_image, scratch};

struct School {
    dir: MemoryDirectory,
    photos: PathBuf,
    run: PathBuf,
}

/// `n` users `s0..` with a photo file each, in a folder of the test's own.
fn school(test: &str, n: usize) -> School {
    let root = scratch(&format!("set-memory-{test}"));
    let photos = root.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let dir = MemoryDirectory::new("thumbnailPhoto", Preset::Ad);
    for i in 0..n {
        dir.add(MemoryUser::new(&format!("s{i}")).with("mail", &format!("s{i}@school.org")));
        let image = noise_image(240, 320, 100 + i as u64);
        std::fs::write(photos.join(format!("s{i}.jpg")), encode_jpeg(&image, 85)).unwrap();
    }
    School {
        dir,
        photos,
        run: root.join("run"),
    }
}

impl School {
    fn request(&self, resume: bool) -> SetRequest {
        SetRequest {
            matching: MatchRequest {
                photos: vec![self.photos.clone()],
                patterns: vec!["{sAMAccountName}".into()],
                ..Default::default()
            },
            no_cache: true,
            workers: 1,
            run_folder: Some(self.run.clone()),
            resume,
            ..Default::default()
        }
    }

    fn plan(&self, resume: bool) -> Planned {
        let mut dir = self.dir.clone();
        plan_set(&mut dir, &self.request(resume), &Cancel::default(), &mut |_: Event<
            '_,
        >| {})
        .unwrap()
    }

    fn apply(&self, planned: &mut Planned, resume: bool) -> Totals {
        let mut dir = self.dir.clone();
        apply_set(
            &mut dir,
            planned,
            None,
            &self.request(resume),
            &Cancel::default(),
            &mut |_: Event<'_>| {},
        )
        .unwrap()
        .totals
    }

    fn action_of(planned: &Planned, user: &str) -> Action {
        planned
            .items
            .iter()
            .find(|i| i.matched.user.as_deref() == Some(user))
            .map(|i| i.action)
            .unwrap_or_else(|| panic!("{user} is in the plan"))
    }
}

#[test]
fn a_first_run_writes_everyone_and_a_second_writes_nobody() {
    let s = school("twice", 3);
    let mut planned = s.plan(false);
    assert_eq!(s.apply(&mut planned, false).written, 3);
    let again = s.plan(false);
    assert!(again.items.iter().all(|i| i.action == Action::SkipUnchanged));
    assert_eq!(s.dir.applied().len(), 3, "nothing was sent twice");
}

#[test]
fn a_photo_that_cannot_be_read_is_left_alone_and_the_rest_are_written() {
    let s = school("unreadable", 3);
    let dir = MemoryDirectory::new("thumbnailPhoto", Preset::Ad);
    for i in 0..3 {
        let user = MemoryUser::new(&format!("s{i}"));
        dir.add(if i == 1 {
            user.with_photo(&encode_jpeg(&noise_image(96, 96, 5), 80))
        } else {
            user
        });
    }
    let s = School { dir, ..s };
    s.dir.fault(MemoryFault::UnreadablePhoto("s1".into()));
    let mut planned = s.plan(false);
    assert_eq!(School::action_of(&planned, "s1"), Action::Unreadable);
    assert_eq!(s.apply(&mut planned, false).written, 2);
    assert!(s.dir.applied().iter().all(|(address, _)| !address.contains("s1,")));
}

#[test]
fn a_refused_write_fails_alone() {
    let s = school("refused", 3);
    let refusal = Error::new(ErrorKind::AccessDenied, "insufficient access rights");
    s.dir.fault(MemoryFault::RefuseWrites("s0".into(), refusal));
    let mut planned = s.plan(false);
    let totals = s.apply(&mut planned, false);
    assert_eq!((totals.written, totals.failed_writes), (2, 1));
    let failed = planned
        .items
        .iter()
        .find(|i| i.status == Some(ApplyStatus::Failed))
        .unwrap();
    assert_eq!(failed.error.as_ref().map(|e| e.kind()), Some(ErrorKind::AccessDenied));
}

#[test]
fn a_server_that_goes_away_stops_the_run_and_a_resume_finishes_it() {
    let s = school("gone", 5);
    s.dir.fault(MemoryFault::GoneAfter(2));
    let mut planned = s.plan(false);
    let first = s.apply(&mut planned, false);
    assert_eq!(first.written, 2);
    let not_sent = planned
        .items
        .iter()
        .filter(|i| i.error.as_ref().is_some_and(|e| e.kind() == ErrorKind::Unavailable))
        .count();
    assert_eq!(not_sent, 3, "the rest are reported, not attempted one by one");
    s.dir.revive();
    let mut resumed = s.plan(true);
    let second = s.apply(&mut resumed, true);
    assert_eq!(second.written, 3, "exactly what the first run did not write");
    assert_eq!(s.dir.applied().len(), 5, "every user written once");
}

#[test]
fn a_write_whose_answer_was_lost_is_in_doubt_then_confirmed() {
    let s = school("in-doubt", 3);
    s.dir.fault(MemoryFault::AnswerLostAfter(1));
    let mut planned = s.plan(false);
    let first = s.apply(&mut planned, false);
    assert_eq!((first.written, first.in_doubt), (1, 1), "{first:?}");
    s.dir.revive();
    let mut resumed = s.plan(true);
    let confirmed: Vec<_> = resumed.items.iter().filter(|i| i.confirmed).collect();
    assert_eq!(
        confirmed.len(),
        1,
        "the write that arrived is confirmed, not sent again"
    );
    let second = s.apply(&mut resumed, true);
    assert_eq!(second.written, 1);
    assert_eq!(s.dir.applied().len(), 3, "every user written exactly once");
}

#[test]
fn a_replaced_photo_is_backed_up_before_it_is_replaced() {
    let s = school("backup", 1);
    let original = encode_jpeg(&noise_image(96, 96, 9), 80);
    let dir = MemoryDirectory::new("thumbnailPhoto", Preset::Ad);
    dir.add(MemoryUser::new("s0").with_photo(&original));
    let s = School { dir, ..s };
    let mut planned = s.plan(false);
    assert_eq!(School::action_of(&planned, "s0"), Action::Write);
    s.apply(&mut planned, false);
    assert!(holds(&s.run, &original), "the original's bytes are in the run folder");
    assert_ne!(s.dir.photo_of("s0")[0], original, "and the new photo is in place");
}

/// Whether a file under `folder` (at any depth) has exactly these bytes.
fn holds(folder: &std::path::Path, bytes: &[u8]) -> bool {
    std::fs::read_dir(folder).into_iter().flatten().flatten().any(|e| {
        let path = e.path();
        if path.is_dir() {
            holds(&path, bytes)
        } else {
            std::fs::read(&path).is_ok_and(|b| b == bytes)
        }
    })
}

#[test]
fn resuming_needs_the_folder_of_an_earlier_run() {
    let s = school("no-earlier-run", 1);
    let mut dir = s.dir.clone();
    let mut planned = plan_set(&mut dir, &s.request(false), &Cancel::default(), &mut |_: Event<'_>| {}).unwrap();
    let err = apply_set(
        &mut dir,
        &mut planned,
        None,
        &s.request(true),
        &Cancel::default(),
        &mut |_: Event<'_>| {},
    )
    .err()
    .expect("refused");
    assert!(err.kind().is_usage(), "{err}");
    assert!(s.dir.applied().is_empty());
}
