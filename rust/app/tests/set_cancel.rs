//! Cancelling a run (Ctrl+C in the CLI or PowerShell, `adphoto_job_cancel` from C): what
//! was sent stays sent and journaled, what was not is reported `cancelled`, and nothing
//! is half-done.

use adphoto_testkit as common;

use std::path::{Path, PathBuf};

use adphoto_app::{apply_set, open, plan_set, DirectorySpec, Event, MatchRequest, Phase, SetRequest};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::Directory;
use adphoto_core::error::ErrorKind;
use adphoto_core::plan::{Action, ApplyStatus, Totals};

fn examples() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples"))
}

fn request() -> SetRequest {
    SetRequest {
        matching: MatchRequest {
            photos: vec![examples().join("photos")],
            ..Default::default()
        },
        no_cache: true,
        workers: 1,
        ..Default::default()
    }
}

fn ldif(out: PathBuf) -> Box<dyn Directory> {
    let spec = DirectorySpec::Ldif {
        path: out,
        attribute: "thumbnailPhoto".into(),
        users: Box::new(DirectorySpec::Csv {
            path: examples().join("users.csv"),
            encoding: None,
        }),
    };
    open(spec, &Cancel::default()).unwrap()
}

#[test]
fn cancelling_during_apply_stops_after_the_write_in_progress() {
    let out = common::scratch("cancel-apply").join("out.ldif");
    let mut dir = ldif(out.clone());
    let cancel = Cancel::default();
    let mut planned = plan_set(dir.as_mut(), &request(), &cancel, &mut |_: Event<'_>| {}).unwrap();
    let changes = planned.items.iter().filter(|i| i.action == Action::Write).count();
    assert!(changes >= 4, "the example has several photos to write");
    apply_set(
        dir.as_mut(),
        &mut planned,
        None,
        &request(),
        &cancel,
        &mut |e: Event<'_>| {
            if let Event::Applied { .. } = e {
                cancel.cancel()
            }
        },
    )
    .unwrap();
    let totals = Totals::of(&planned.items);
    assert_eq!(totals.written, 1, "only the write under way when cancel came");
    assert_eq!(totals.cancelled, changes - 1);
    for item in planned
        .items
        .iter()
        .filter(|i| i.status == Some(ApplyStatus::Cancelled))
    {
        assert_eq!(item.error.as_ref().map(|e| e.kind()), Some(ErrorKind::Cancelled));
    }
    let ldif = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        ldif.matches("changetype: modify").count(),
        1,
        "the LDIF holds exactly what was written"
    );
}

#[test]
fn cancelling_during_planning_converts_nothing_more() {
    let out = common::scratch("cancel-plan").join("out.ldif");
    let mut dir = ldif(out);
    let cancel = Cancel::default();
    let mut converted = 0;
    let planned = plan_set(dir.as_mut(), &request(), &cancel, &mut |e: Event<'_>| {
        if let Event::Progress(p) = e {
            if p.phase == Phase::Plan && !p.failed {
                converted += 1;
                cancel.cancel();
            }
        }
    })
    .unwrap();
    // One worker: the conversion that reported, and at most the one it had already begun.
    assert!(converted <= 2, "{converted} conversions after cancelling");
    let converted_items = planned.items.iter().filter(|i| i.bytes.is_some()).count();
    assert_eq!(converted_items, converted);
    let full = plan_set(dir.as_mut(), &request(), &Cancel::default(), &mut |_: Event<'_>| {}).unwrap();
    let all_converted = full.items.iter().filter(|i| i.bytes.is_some()).count();
    assert!(
        all_converted >= converted + 3,
        "the other files were left out of the plan"
    );
}
