//! `set` without --what-if writes while it still converts (`run_set`), and a run into
//! several targets decodes each photo once: the in-memory directory, watched.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use adphoto_app::set_many::{run_set_many, SetTarget};
use adphoto_app::{plan_set, run_set, Event, MatchRequest, Phase, SetRequest};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{
    Current, Directory, Gate, MemoryDirectory, MemoryFault, MemoryUser, PhotoWrite, Service, UserEntry, Users, Wanted,
};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::photo::Preset;
use adphoto_core::plan::{Action, ApplyStatus};
use adphoto_testkit::{encode_jpeg, noise_image, scratch};

/// `n` users `s0..` of a memory directory with `preset`, and a photo file for each.
fn school(test: &str, n: usize, presets: &[Preset]) -> (Vec<MemoryDirectory>, PathBuf, PathBuf) {
    let root = scratch(&format!("set-streamed-{test}"));
    let photos = root.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let dirs: Vec<MemoryDirectory> = presets
        .iter()
        .map(|p| MemoryDirectory::new("thumbnailPhoto", *p))
        .collect();
    for i in 0..n {
        for dir in &dirs {
            dir.add(MemoryUser::new(&format!("s{i}")));
        }
        let image = noise_image(120, 160, 100 + i as u64);
        std::fs::write(photos.join(format!("s{i}.jpg")), encode_jpeg(&image, 85)).unwrap();
    }
    (dirs, photos, root.join("run"))
}

fn request(photos: &Path, run: &Path) -> SetRequest {
    SetRequest {
        matching: MatchRequest {
            photos: vec![photos.to_path_buf()],
            patterns: vec!["{sAMAccountName}".into()],
            ..Default::default()
        },
        no_cache: true,
        workers: 2,
        run_folder: Some(run.to_path_buf()),
        ..Default::default()
    }
}

/// A memory directory that notes, at its first write, how many photos the run had
/// reported planned by then (the sink and the writes are on the same thread, so this
/// is an order, not a timing).
struct Watched {
    inner: MemoryDirectory,
    planned: Arc<AtomicUsize>,
    first_write: Arc<Mutex<Option<usize>>>,
}

impl Directory for Watched {
    fn describe(&self) -> String {
        self.inner.describe()
    }
    fn service(&self) -> Service {
        self.inner.service()
    }
    fn photo_attribute(&self) -> &str {
        self.inner.photo_attribute()
    }
    fn preset(&self) -> Preset {
        self.inner.preset()
    }
    fn list_users(&mut self, wanted: &Wanted) -> Result<Users> {
        self.inner.list_users(wanted)
    }
    fn read_photos(&mut self, users: &[UserEntry]) {
        self.inner.read_photos(users)
    }
    fn current(&self, user: &UserEntry) -> Current {
        self.inner.current(user)
    }
    fn find(&mut self, identities: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        self.inner.find(identities)
    }
    fn find_by_key(&mut self, keys: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        self.inner.find_by_key(keys)
    }
    fn write(&mut self, writes: Vec<PhotoWrite>, gate: &Gate, on_done: &mut dyn FnMut(usize, Result<()>)) {
        let planned = self.planned.load(Ordering::SeqCst);
        self.first_write.lock().unwrap().get_or_insert(planned);
        self.inner.write(writes, gate, on_done)
    }
    fn finish(&mut self) -> Result<()> {
        self.inner.finish()
    }
}

#[test]
fn writes_start_while_photos_still_convert_and_the_plan_keeps_its_order() {
    // More than the largest batch (192): the writer never waits for the whole plan.
    let n = 260;
    let (dirs, photos, run) = school("overlap", n, &[Preset::Ad]);
    let planned = Arc::new(AtomicUsize::new(0));
    let first_write = Arc::new(Mutex::new(None));
    let mut dir = Watched {
        inner: dirs[0].clone(),
        planned: planned.clone(),
        first_write: first_write.clone(),
    };
    // The plan a --what-if run shows, on a copy that nothing writes to.
    let shown = plan_set(
        &mut MemoryDirectory::clone(&dirs[0]),
        &request(&photos, &run),
        &Cancel::default(),
        &mut |_: Event<'_>| {},
    )
    .unwrap();
    let mut applied_ids = Vec::new();
    let streamed = run_set(
        &mut dir,
        &request(&photos, &run),
        &Cancel::default(),
        &mut |event: Event<'_>| match event {
            Event::Progress(p) if p.phase == Phase::Plan => {
                planned.fetch_add(1, Ordering::SeqCst);
            }
            Event::Applied { id, .. } => applied_ids.push(id),
            _ => {}
        },
    )
    .unwrap();
    let applied = streamed.applied.unwrap();
    let at = first_write.lock().unwrap().expect("something was written");
    assert!(at < n, "the first write waited for all {n} photos to be planned");
    assert_eq!(applied.totals.written, n);
    assert_eq!(dirs[0].applied().len(), n, "every user written once");
    // The same plan, in the same order, as the one shown without writing.
    let order = |items: &[adphoto_core::plan::PlanItem]| -> Vec<(Option<String>, Action, Option<u64>)> {
        items
            .iter()
            .map(|i| (i.matched.user.clone(), i.action, i.bytes))
            .collect()
    };
    assert_eq!(order(&streamed.planned.items), order(&shown.items));
    // The directory receives the changes in the plan's order too, whichever photo
    // converted first: an LDIF made this way is the same file every time.
    let received: Vec<String> = dirs[0].applied().into_iter().map(|(address, _)| address).collect();
    let planned_changes: Vec<String> = streamed
        .planned
        .items
        .iter()
        .filter(|i| i.action.changes_target())
        .filter_map(|i| i.entry.as_ref().map(|e| e.address.clone()))
        .collect();
    assert_eq!(received, planned_changes, "the writes follow the plan's order");
    let mut sorted = applied_ids.clone();
    sorted.sort_unstable();
    assert_eq!(
        applied_ids, sorted,
        "the written items are reported in the plan's order"
    );
    // Backed up (every user had no photo: the backups say so) and journaled.
    let folder = applied.run_folder.expect("a run folder");
    assert!(folder.join(adphoto_core::backup::JOURNAL).exists());
    assert!(folder.join(adphoto_core::backup::MANIFEST).exists());
    std::fs::remove_dir_all(run.parent().unwrap()).unwrap();
}

#[test]
fn a_streamed_run_stopped_by_a_gone_server_is_resumed_exactly() {
    let n = 120;
    let (dirs, photos, run) = school("gone", n, &[Preset::Ad]);
    dirs[0].fault(MemoryFault::RefuseWrites(
        "s0".into(),
        Error::new(ErrorKind::AccessDenied, "insufficient access rights"),
    ));
    dirs[0].fault(MemoryFault::GoneAfter(70));
    let mut dir = dirs[0].clone();
    let first = run_set(
        &mut dir,
        &request(&photos, &run),
        &Cancel::default(),
        &mut |_: Event<'_>| {},
    )
    .unwrap();
    let written = first
        .planned
        .items
        .iter()
        .filter(|i| i.status == Some(ApplyStatus::Written))
        .count();
    assert_eq!(written, 70, "written until the server went away");
    let refused = first
        .planned
        .items
        .iter()
        .find(|i| i.matched.user.as_deref() == Some("s0"))
        .unwrap();
    assert_eq!(refused.status, Some(ApplyStatus::Failed), "one refusal stops nothing");
    dirs[0].revive();
    let resume = SetRequest {
        resume: true,
        ..request(&photos, &run)
    };
    let second = run_set(&mut dir, &resume, &Cancel::default(), &mut |_: Event<'_>| {}).unwrap();
    let again = second
        .planned
        .items
        .iter()
        .filter(|i| i.status == Some(ApplyStatus::Written))
        .count();
    // s0 is still refused; everything else the first run did not write, written once.
    assert_eq!(again, n - 70 - 1);
    assert_eq!(dirs[0].applied().len(), n - 1, "no user written twice");
    std::fs::remove_dir_all(run.parent().unwrap()).unwrap();
}

#[test]
fn three_targets_decode_each_photo_once_and_each_gets_what_it_gets_alone() {
    let n = 12;
    let presets = [Preset::Ad, Preset::Google, Preset::Hd];
    let (dirs, photos, run) = school("three", n, &presets);
    let targets = dirs
        .iter()
        .enumerate()
        .map(|(i, d)| SetTarget {
            address: format!("memory-{i}"),
            dir: Box::new(d.clone()) as Box<dyn Directory>,
        })
        .collect();
    let together = run_set_many(
        targets,
        &request(&photos, &run),
        false,
        &Cancel::default(),
        &mut |_: usize, _: Event<'_>| {},
    )
    .unwrap();
    assert_eq!(together.photos_converted, n);
    assert_eq!(together.decodes, n, "one decode per photo for the three targets");
    for (target, preset) in together.targets.iter().zip(presets) {
        assert!(target.error.is_none(), "{:?}", target.error);
        assert_eq!(target.totals().written, n, "{preset:?}");
    }
    for (dir, preset) in dirs.iter().zip(presets) {
        // Each target alone, into a directory of its own: the same bytes.
        let (alone, _, alone_run) = school(&format!("alone-{}", preset.name()), n, &[preset]);
        let mut single = alone[0].clone();
        run_set(
            &mut single,
            &request(&photos, &alone_run),
            &Cancel::default(),
            &mut |_: Event<'_>| {},
        )
        .unwrap()
        .applied
        .unwrap();
        for i in 0..n {
            let user = format!("s{i}");
            assert!(
                dir.photo_of(&user) == alone[0].photo_of(&user),
                "{preset:?}: {user}'s photo differs from a run into that target alone"
            );
        }
        // And a later run into that target alone finds nothing to do.
        let mut again = dir.clone();
        let replan = plan_set(
            &mut again,
            &request(&photos, &alone_run),
            &Cancel::default(),
            &mut |_: Event<'_>| {},
        )
        .unwrap();
        assert!(
            replan.items.iter().all(|i| i.action == Action::SkipUnchanged),
            "{preset:?}: a re-run alone must find every photo unchanged"
        );
        std::fs::remove_dir_all(alone_run.parent().unwrap()).unwrap();
    }
    std::fs::remove_dir_all(run.parent().unwrap()).unwrap();
}
