//! The photo tasks (get, export, remove, report, restore) against the in-memory
//! directory: what each reports per user, what it backs up, and that one user's
//! trouble stays theirs.

use adphoto_app::tasks::{export_photos, get_photos, photo_report, remove_photos, TaskStatus};
use adphoto_app::Event;
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{MemoryDirectory, MemoryFault, MemoryUser};
use adphoto_core::photo::Preset;
use adphoto_testkit::{encode_jpeg, noise_image, scratch};

mod common;

fn photo(seed: u64) -> Vec<u8> {
    encode_jpeg(&noise_image(96, 96, seed), 80)
}

/// ann and bob have photos, cy has none, dee's cannot be read.
fn staff() -> MemoryDirectory {
    let dir = MemoryDirectory::new("thumbnailPhoto", Preset::Ad);
    dir.add(MemoryUser::new("ann").with_photo(&photo(1)));
    dir.add(MemoryUser::new("bob").with_photo(&photo(2)));
    dir.add(MemoryUser::new("cy"));
    dir.add(MemoryUser::new("dee").with_photo(&photo(4)));
    dir.fault(MemoryFault::UnreadablePhoto("dee".into()));
    dir
}

fn ids(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn get_reads_each_photo_and_fails_only_those_it_cannot() {
    let mut dir = staff();
    let mut got = Vec::new();
    let failed = get_photos(&mut dir, &ids(&["ann", "nobody", "dee"]), &mut |e: Event<'_>| {
        if let Event::Got { photo, .. } = e {
            got.push(photo.to_vec());
        }
    });
    assert_eq!(failed, 2, "an unknown user and an unreadable photo");
    assert_eq!(got, vec![photo(1)]);
}

#[test]
fn report_counts_photos_missing_and_unreadable() {
    let mut dir = staff();
    let csv = scratch("tasks-report").join("report.csv");
    let totals = photo_report(&mut dir, Some(&csv), &mut |_: Event<'_>| {}).unwrap();
    assert_eq!(totals.users, 4);
    assert_eq!(totals.unreadable, 1);
    assert_eq!(totals.without_photo, 1, "cy");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 5, "a header and a row per user:\n{text}");
}

#[test]
fn export_writes_a_file_per_user_with_a_photo() {
    let mut dir = staff();
    let out = scratch("tasks-export");
    let totals = export_photos(&mut dir, &out, &mut |_: Event<'_>| {}).unwrap();
    assert_eq!(totals.exported, 2, "ann and bob");
    assert_eq!(std::fs::read(out.join("ann.jpg")).unwrap(), photo(1));
    assert_eq!(std::fs::read(out.join("bob.jpg")).unwrap(), photo(2));
}

#[test]
fn remove_backs_up_first_and_restore_puts_it_back() {
    let dir = staff();
    let run = scratch("tasks-remove").join("run");
    let what_if = remove_photos(
        &mut dir.clone(),
        &ids(&["ann"]),
        true,
        &run,
        &Cancel::default(),
        &mut |_: Event<'_>| {},
    );
    assert_eq!(what_if[0].status, TaskStatus::WouldDo);
    assert_eq!(dir.photo_of("ann"), vec![photo(1)], "what-if changes nothing");

    let items = remove_photos(
        &mut dir.clone(),
        &ids(&["ann", "cy", "dee"]),
        false,
        &run,
        &Cancel::default(),
        &mut |_: Event<'_>| {},
    );
    let statuses: Vec<TaskStatus> = items.iter().map(|i| i.status).collect();
    assert_eq!(statuses, [TaskStatus::Done, TaskStatus::Skipped, TaskStatus::Failed]);
    assert!(dir.photo_of("ann").is_empty());
    assert_eq!(
        dir.photo_of("dee"),
        vec![photo(4)],
        "an unreadable photo is never removed"
    );

    let again = scratch("tasks-restore");
    let restored = common::restore_everyone(&mut dir.clone(), &run, &again);
    assert_eq!(restored.len(), 1);
    assert_eq!(restored[0].status, TaskStatus::Done);
    assert_eq!(dir.photo_of("ann"), vec![photo(1)], "the original is back");
}
