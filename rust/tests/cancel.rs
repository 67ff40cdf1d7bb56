//! Cancelling a run (Ctrl+C in PowerShell, `adphoto_job_cancel` from C): what was sent stays
//! sent and journaled, what was not is reported `cancelled`, and nothing is half-done.

mod common;

use std::path::Path;

use adphoto::bulk::{apply_run, open_backend, plan_run, SetRequest, TargetSpec, UsersSpec};
use adphoto::cancel::Cancel;
use adphoto::plan::{Action, ApplyStatus, Totals};

fn examples() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
}

fn request(cancel: &Cancel) -> SetRequest {
    SetRequest {
        matching: adphoto::bulk::MatchRequest {
            photos: vec![examples().join("photos")],
            ..Default::default()
        },
        no_cache: true,
        workers: 1,
        cancel: cancel.clone(),
        ..Default::default()
    }
}

#[test]
fn cancelling_during_apply_stops_after_the_write_in_progress() {
    let out = common::scratch("cancel-apply").join("out.ldif");
    let users = UsersSpec::Csv {
        encoding: None,
        path: examples().join("users.csv"),
    };
    let mut backend = open_backend(users, TargetSpec::Ldif { path: out.clone() }, "thumbnailPhoto").unwrap();
    let cancel = Cancel::default();
    let mut planned = plan_run(&mut backend, &request(&cancel), |_| {}).unwrap();
    let changes = planned.items.iter().filter(|i| i.action == Action::Write).count();
    assert!(changes >= 4, "the example has several photos to write");
    apply_run(&mut backend, &mut planned, None, &cancel, |_| cancel.cancel()).unwrap();
    let totals = Totals::of(&planned.items);
    assert_eq!(totals.written, 1, "only the write under way when cancel came");
    assert_eq!(totals.cancelled, changes - 1);
    for item in planned
        .items
        .iter()
        .filter(|i| i.status == Some(ApplyStatus::Cancelled))
    {
        assert_eq!(item.error.as_ref().map(|e| e.kind.as_str()), Some("cancelled"));
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
    let users = UsersSpec::Csv {
        encoding: None,
        path: examples().join("users.csv"),
    };
    let mut backend = open_backend(users, TargetSpec::Ldif { path: out }, "thumbnailPhoto").unwrap();
    let cancel = Cancel::default();
    let mut converted = 0;
    let planned = plan_run(&mut backend, &request(&cancel), |item| {
        if item.bytes.is_some() {
            converted += 1;
            cancel.cancel();
        }
    })
    .unwrap();
    // One worker: the conversion that reported, and at most the one it had already begun.
    assert!(converted <= 2, "{converted} conversions after cancelling");
    let converted_items = planned.items.iter().filter(|i| i.bytes.is_some()).count();
    assert_eq!(converted_items, converted);
    let full = plan_run(&mut backend, &request(&Cancel::default()), |_| {}).unwrap();
    let all_converted = full.items.iter().filter(|i| i.bytes.is_some()).count();
    assert!(
        all_converted >= converted + 3,
        "the other files were left out of the plan"
    );
}
