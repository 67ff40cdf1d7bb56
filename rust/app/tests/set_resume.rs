//! Resuming a run whose server died with a write in flight: the write that was applied
//! without its answer is "in doubt" (never "failed", never "written"), and the resume
//! confirms it from what the directory holds, without sending it again.

use adphoto_testkit as common;

use adphoto_app::{apply_set, plan_set, Event, MatchRequest, SetRequest};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{MemoryDirectory, MemoryFault, MemoryUser};
use adphoto_core::photo::Preset;
use adphoto_core::plan::{Action, ApplyStatus, PlanItem, Totals};

const USERS: [&str; 5] = ["ann", "ben", "cat", "dan", "eve"];

fn status_of<'a>(items: &'a [PlanItem], user: &str) -> &'a PlanItem {
    items
        .iter()
        .find(|i| i.matched.user.as_deref() == Some(user))
        .unwrap_or_else(|| panic!("{user} not in the plan"))
}

#[test]
fn an_answer_lost_with_the_server_is_in_doubt_and_the_resume_confirms_it_without_writing() {
    let scratch = common::scratch("resume-in-doubt");
    let photos = scratch.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let memory = MemoryDirectory::new("thumbnailPhoto", Preset::Ad);
    for (i, user) in USERS.iter().enumerate() {
        memory.add(MemoryUser::new(user));
        let img = common::noise_image(200, 260, 40 + i as u64);
        std::fs::write(photos.join(format!("{user}.jpg")), common::encode_jpeg(&img, 85)).unwrap();
    }
    // Two writes answered, the third applied but its answer lost with the server.
    memory.fault(MemoryFault::AnswerLostAfter(2));
    let request = |resume: bool| SetRequest {
        matching: MatchRequest {
            photos: vec![photos.clone()],
            ..Default::default()
        },
        workers: 1,
        no_cache: true,
        run_folder: Some(scratch.join("run")),
        resume,
        ..Default::default()
    };

    let mut dir = memory.clone();
    let cancel = Cancel::default();
    let mut first = plan_set(&mut dir, &request(false), &cancel, &mut |_: Event<'_>| {}).unwrap();
    let _ = apply_set(&mut dir, &mut first, None, &request(false), &cancel, &mut |_: Event<
        '_,
    >| {});
    let totals = Totals::of(&first.items);
    assert_eq!(
        (totals.written, totals.in_doubt, totals.failed_writes),
        (2, 1, 2),
        "two answered, one in doubt, two never sent"
    );
    let doubted = first
        .items
        .iter()
        .find(|i| i.status == Some(ApplyStatus::InDoubt))
        .and_then(|i| i.matched.user.clone())
        .unwrap();
    assert_eq!(memory.applied().len(), 3, "the doubted write did arrive");

    memory.revive();
    let mut dir = memory.clone();
    let mut resumed = plan_set(&mut dir, &request(true), &cancel, &mut |_: Event<'_>| {}).unwrap();
    apply_set(
        &mut dir,
        &mut resumed,
        None,
        &request(true),
        &cancel,
        &mut |_: Event<'_>| {},
    )
    .unwrap();
    let confirmed = status_of(&resumed.items, &doubted);
    assert!(confirmed.confirmed, "{:?}", confirmed.reason);
    assert_eq!(confirmed.action, Action::SkipUnchanged);
    assert!(confirmed.reason.starts_with("confirmed"), "{}", confirmed.reason);
    let totals = Totals::of(&resumed.items);
    assert_eq!((totals.written, totals.confirmed), (2, 1));
    // Each user's photo went to the directory exactly once over both runs.
    let applied = memory.applied();
    assert_eq!(applied.len(), USERS.len());
    for user in USERS {
        let address = format!("uid={user},ou=people");
        assert_eq!(applied.iter().filter(|(a, _)| *a == address).count(), 1, "{user}");
    }
}
