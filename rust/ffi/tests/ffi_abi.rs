//! The C ABI, driven the way a host drives it: NULLs everywhere, bad text, bad JSON, absurd
//! lengths and a decoder that panics all come back as status codes with a message, never
//! as a crash; jobs run, confirm, cancel and free cleanly.

use adphoto_testkit as common;

use std::path::{Path, PathBuf};
use std::ptr::{null, null_mut};

use adphoto::ffi::*;
use adphoto_status::*;
use serde_json::{json, Value};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples")
}

fn take(ptr: *mut u8, len: usize) -> Vec<u8> {
    assert!(!ptr.is_null(), "a buffer was expected");
    let copy = unsafe { std::slice::from_raw_parts(ptr, len) }.to_vec();
    unsafe { adphoto_free(ptr, len) };
    copy
}

fn last_error() -> Value {
    let (mut ptr, mut len) = (null_mut(), 0);
    assert_eq!(unsafe { adphoto_last_error(&mut ptr, &mut len) }, ADPHOTO_OK);
    serde_json::from_slice(&take(ptr, len)).expect("last error is JSON")
}

/// Converts `image` with `options`; the JPEG bytes and info, or the status.
fn convert(image: &[u8], options: &str) -> Result<(Vec<u8>, Value), adphoto_status> {
    let (mut photos, mut photos_len, mut info, mut info_len) = (null_mut(), 0, null_mut(), 0);
    let status = unsafe {
        adphoto_convert(
            image.as_ptr(),
            image.len(),
            options.as_ptr(),
            options.len(),
            &mut photos,
            &mut photos_len,
            &mut info,
            &mut info_len,
        )
    };
    if status != ADPHOTO_OK {
        assert!(
            photos.is_null() && info.is_null(),
            "out-parameters are written only on success"
        );
        return Err(status);
    }
    let jpeg = take(photos, photos_len);
    let info = serde_json::from_slice(&take(info, info_len)).expect("info is JSON");
    Ok((jpeg, info))
}

struct Job(*mut adphoto_job);

impl Job {
    fn start(request: &Value) -> Job {
        let text = request.to_string();
        let mut job = null_mut();
        let status = unsafe { adphoto_job_start(text.as_ptr(), text.len(), &mut job) };
        assert_eq!(status, ADPHOTO_OK, "start: {}", last_error());
        Job(job)
    }

    /// Every event up to `done` (inclusive), calling `on_event` on each.
    fn events_until_done(&self, mut on_event: impl FnMut(&Value)) -> Vec<Value> {
        let mut events = Vec::new();
        loop {
            let (mut ptr, mut len) = (null_mut(), 0);
            match unsafe { adphoto_job_next(self.0, 200, &mut ptr, &mut len) } {
                ADPHOTO_OK => {
                    let event: Value = serde_json::from_slice(&take(ptr, len)).expect("event is JSON");
                    on_event(&event);
                    events.push(event);
                }
                ADPHOTO_PENDING => assert!(ptr.is_null()),
                ADPHOTO_DONE => return events,
                other => panic!("job_next: {other:?} {}", last_error()),
            }
        }
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        unsafe { adphoto_job_free(self.0) };
    }
}

fn set_request(ldif: &Path, mode: &str) -> Value {
    json!({
        "task": "set",
        "users": {"type": "csv", "path": examples().join("users.csv")},
        "target": {"type": "ldif", "path": ldif},
        "photos": [examples().join("photos")],
        "no_cache": true,
        "mode": mode,
    })
}

fn done(events: &[Value]) -> &Value {
    let last = events.last().expect("events");
    assert_eq!(last["event"], "done", "the last event is done: {last}");
    last
}

#[test]
fn version_and_abi_version() {
    let version = unsafe { std::ffi::CStr::from_ptr(adphoto_version()) };
    assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    assert_eq!(adphoto_abi_version(), ADPHOTO_ABI_VERSION);
}

#[test]
fn every_entry_point_refuses_null_pointers() {
    let image = common::fixture("progressive.jpg");
    let (mut p, mut n, mut i, mut m) = (null_mut(), 0usize, null_mut(), 0usize);
    unsafe {
        assert_eq!(
            adphoto_convert(null(), 10, null(), 0, &mut p, &mut n, &mut i, &mut m),
            ADPHOTO_NULL_POINTER
        );
        assert_eq!(last_error()["kind"], "null-pointer");
        let img = image.as_ptr();
        let len = image.len();
        assert_eq!(
            adphoto_convert(img, len, null(), 0, null_mut(), &mut n, &mut i, &mut m),
            ADPHOTO_NULL_POINTER
        );
        assert_eq!(
            adphoto_convert(img, len, null(), 0, &mut p, null_mut(), &mut i, &mut m),
            ADPHOTO_NULL_POINTER
        );
        assert_eq!(
            adphoto_convert(img, len, null(), 0, &mut p, &mut n, null_mut(), &mut m),
            ADPHOTO_NULL_POINTER
        );
        assert_eq!(
            adphoto_convert(img, len, null(), 0, &mut p, &mut n, &mut i, null_mut()),
            ADPHOTO_NULL_POINTER
        );
        assert_eq!(
            adphoto_convert(img, len, null(), 5, &mut p, &mut n, &mut i, &mut m),
            ADPHOTO_NULL_POINTER
        );
        assert!(p.is_null() && i.is_null());

        let mut job = null_mut();
        assert_eq!(adphoto_job_start(null(), 3, &mut job), ADPHOTO_NULL_POINTER);
        let req = br#"{"task":"report"}"#;
        assert_eq!(
            adphoto_job_start(req.as_ptr(), req.len(), null_mut()),
            ADPHOTO_NULL_POINTER
        );
        assert!(job.is_null());
        assert_eq!(adphoto_job_next(null_mut(), 0, &mut p, &mut n), ADPHOTO_NULL_POINTER);
        assert_eq!(adphoto_job_apply(null_mut(), null(), 0), ADPHOTO_NULL_POINTER);
        assert_eq!(adphoto_job_cancel(null_mut()), ADPHOTO_NULL_POINTER);
        assert_eq!(adphoto_last_error(null_mut(), &mut n), ADPHOTO_NULL_POINTER);
        assert_eq!(adphoto_last_error(&mut p, null_mut()), ADPHOTO_NULL_POINTER);
        adphoto_free(null_mut(), 0);
        adphoto_free(null_mut(), 1234);
        adphoto_job_free(null_mut());
        adphoto_job_free(null_mut());
    }
    let job = Job::start(&set_request(&common::scratch("ffi-null").join("out.ldif"), "plan"));
    unsafe {
        assert_eq!(adphoto_job_next(job.0, 0, null_mut(), &mut n), ADPHOTO_NULL_POINTER);
        assert_eq!(adphoto_job_next(job.0, 0, &mut p, null_mut()), ADPHOTO_NULL_POINTER);
    }
    done(&job.events_until_done(|_| {}));
}

#[test]
fn text_must_be_utf8_and_json_must_be_a_known_request() {
    let image = common::fixture("progressive.jpg");
    let bad_utf8: &[u8] = b"{\"preset\": \"\xff\xfe\"}";
    let (mut p, mut n, mut i, mut m) = (null_mut(), 0usize, null_mut(), 0usize);
    let status = unsafe {
        adphoto_convert(
            image.as_ptr(),
            image.len(),
            bad_utf8.as_ptr(),
            bad_utf8.len(),
            &mut p,
            &mut n,
            &mut i,
            &mut m,
        )
    };
    assert_eq!(status, ADPHOTO_INVALID_UTF8);
    assert_eq!(last_error()["kind"], "invalid-utf8");
    for options in [
        r#"{"preset": "huge"}"#,
        r#"{"sise": [96]}"#,
        "{not json",
        r#"{"sizes": [5]}"#,
    ] {
        assert_eq!(
            convert(&image, options).err(),
            Some(ADPHOTO_INVALID_REQUEST),
            "{options}"
        );
        assert!(!last_error()["message"].as_str().unwrap().is_empty());
    }

    let mut job = null_mut();
    for request in [
        &b"{\"task\": \"match\", \"users\": \"\xc3\x28\"}"[..],
        b"[1, 2",
        br#"{"task": "launch-rockets"}"#,
        br#"{"task": "get", "directory": {"server": "dc1"}, "identities": [], "surprise": 1}"#,
        br#"{"task": "set", "users": {"type": "csv", "path": "u.csv"}, "mode": "yolo"}"#,
    ] {
        let status = unsafe { adphoto_job_start(request.as_ptr(), request.len(), &mut job) };
        assert!(
            matches!(status, ADPHOTO_INVALID_UTF8 | ADPHOTO_INVALID_REQUEST),
            "{status:?}"
        );
        assert!(job.is_null(), "no job for a refused request");
    }
    let ldif = common::scratch("ffi-json").join("out.ldif");
    let job = Job::start(&set_request(&ldif, "confirm"));
    let mut applied = false;
    job.events_until_done(|event| {
        if event["event"] == "planned" {
            let bad = b"{\"items\": [\"one\"]}";
            assert_eq!(
                unsafe { adphoto_job_apply(job.0, bad.as_ptr(), bad.len()) },
                ADPHOTO_INVALID_REQUEST
            );
            let none = b"{\"items\": []}";
            assert_eq!(
                unsafe { adphoto_job_apply(job.0, none.as_ptr(), none.len()) },
                ADPHOTO_OK
            );
            applied = true;
        }
    });
    assert!(applied);
}

#[test]
fn absurd_lengths_are_refused_before_any_byte_is_read() {
    let small = [0u8; 16];
    let (mut p, mut n, mut i, mut m) = (null_mut(), 0usize, null_mut(), 0usize);
    for len in [usize::MAX, 1usize << 40, (256usize << 20) + 1] {
        let status = unsafe { adphoto_convert(small.as_ptr(), len, null(), 0, &mut p, &mut n, &mut i, &mut m) };
        assert_eq!(status, ADPHOTO_TOO_LARGE);
        assert_eq!(last_error()["kind"], "too-large");
        let status =
            unsafe { adphoto_convert(small.as_ptr(), 16, small.as_ptr(), len, &mut p, &mut n, &mut i, &mut m) };
        assert_eq!(status, ADPHOTO_TOO_LARGE);
        let mut job = null_mut();
        assert_eq!(
            unsafe { adphoto_job_start(small.as_ptr(), len, &mut job) },
            ADPHOTO_TOO_LARGE
        );
    }
}

#[test]
fn a_panicking_decoder_is_an_error_code_and_the_library_keeps_working() {
    let mut marked = adphoto_core::fault::PANIC_MARKER.to_vec();
    marked.extend_from_slice(&[0u8; 64]);
    assert_eq!(convert(&marked, "").err(), Some(ADPHOTO_INTERNAL));
    let error = last_error();
    assert_eq!(error["kind"], "internal");
    assert!(error["message"].as_str().unwrap().contains("panicked on purpose"));
    let (jpeg, info) = convert(&common::fixture("progressive.jpg"), r#"{"sizes": [64, 96]}"#).expect("converts after");
    let outputs = info["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), 2);
    let second = &outputs[1];
    let (offset, length) = (
        second["offset"].as_u64().unwrap() as usize,
        second["length"].as_u64().unwrap() as usize,
    );
    assert_eq!(offset + length, jpeg.len());
    assert_eq!(&jpeg[offset..offset + 2], &[0xff, 0xd8]);
    assert_eq!(common::decode(&jpeg[offset..]).dimensions(), (96, 96));

    // In a batch, the panicking photo is that user's error; everyone else is written.
    let folder = common::scratch("ffi-panic");
    let photos = folder.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    std::fs::write(photos.join("jsmith.jpg"), &marked).unwrap();
    std::fs::copy(
        examples().join("photos/Anne.Wallace.jpg"),
        photos.join("Anne.Wallace.jpg"),
    )
    .unwrap();
    let mut request = set_request(&folder.join("out.ldif"), "apply");
    request["photos"] = json!([photos]);
    let events = Job::start(&request).events_until_done(|_| {});
    let planned: Vec<&Value> = events
        .iter()
        .filter(|e| e["event"] == "item" && e["phase"] == "plan")
        .collect();
    let jsmith = planned.iter().find(|e| e["user"] == "jsmith").expect("jsmith's item");
    assert_eq!(jsmith["action"], "invalid-image");
    assert_eq!(jsmith["error"]["kind"], "internal");
    let written: Vec<&Value> = events.iter().filter(|e| e["status"] == "written").collect();
    assert_eq!(written.len(), 1);
    assert_eq!(written[0]["user"], "awallace");
    assert_eq!(done(&events)["status"], "ok");
}

#[test]
fn the_last_error_belongs_to_the_calling_thread() {
    assert_eq!(convert(b"not an image at all", "").err(), Some(ADPHOTO_FAILED));
    assert_eq!(last_error()["kind"], "not-an-image");
    let other = std::thread::spawn(last_error).join().unwrap();
    assert_eq!(other["kind"], "none");
    assert_eq!(other["status"], 0);
}

#[test]
fn a_confirmed_plan_writes_only_the_chosen_changes() {
    let ldif = common::scratch("ffi-confirm").join("out.ldif");
    let job = Job::start(&set_request(&ldif, "confirm"));
    let mut chosen = Vec::new();
    let events = job.events_until_done(|event| {
        if event["event"] == "item" && event["phase"] == "plan" && event["action"] == "write" && chosen.len() < 2 {
            chosen.push(event["id"].as_u64().unwrap());
        }
        if event["event"] == "planned" {
            assert!(event["changes"].as_u64().unwrap() > 2);
            let selection = json!({"items": chosen}).to_string();
            let status = unsafe { adphoto_job_apply(job.0, selection.as_ptr(), selection.len()) };
            assert_eq!(status, ADPHOTO_OK, "apply is accepted the moment `planned` arrives");
            let again = unsafe { adphoto_job_apply(job.0, selection.as_ptr(), selection.len()) };
            assert_eq!(again, ADPHOTO_INVALID_STATE);
        }
    });
    let applied: Vec<u64> = events
        .iter()
        .filter(|e| e["event"] == "item" && e["phase"] == "apply")
        .map(|e| {
            assert_eq!(e["status"], "written");
            e["id"].as_u64().unwrap()
        })
        .collect();
    assert_eq!(applied.len(), 2);
    assert!(applied.iter().all(|id| chosen.contains(id)));
    let text = std::fs::read_to_string(&ldif).unwrap();
    assert_eq!(text.matches("changetype: modify").count(), 2);
    assert_eq!(done(&events)["status"], "ok");
}

#[test]
fn apply_is_refused_unless_the_job_waits_for_it() {
    let job = Job::start(&set_request(&common::scratch("ffi-state").join("out.ldif"), "plan"));
    let events = job.events_until_done(|_| {});
    assert_eq!(unsafe { adphoto_job_apply(job.0, null(), 0) }, ADPHOTO_INVALID_STATE);
    assert_eq!(last_error()["kind"], "invalid-state");
    assert_eq!(done(&events)["status"], "ok");
    assert!(events.iter().all(|e| e["phase"] != "apply"), "plan mode writes nothing");
}

#[test]
fn cancelling_a_waiting_job_writes_nothing() {
    let ldif = common::scratch("ffi-cancel").join("out.ldif");
    let job = Job::start(&set_request(&ldif, "confirm"));
    let events = job.events_until_done(|event| {
        if event["event"] == "planned" {
            assert_eq!(unsafe { adphoto_job_cancel(job.0) }, ADPHOTO_OK);
        }
    });
    assert_eq!(done(&events)["status"], "cancelled");
    assert!(!ldif.exists(), "nothing was written");
}

#[test]
fn freeing_a_job_that_still_has_events_returns_promptly() {
    let job = Job::start(&set_request(&common::scratch("ffi-free").join("out.ldif"), "confirm"));
    let (mut p, mut n) = (null_mut(), 0);
    // Take one event, then walk away: the job waits for a confirmation that never comes.
    while unsafe { adphoto_job_next(job.0, 200, &mut p, &mut n) } != ADPHOTO_OK {}
    take(p, n);
    let started = std::time::Instant::now();
    drop(job);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn match_jobs_name_every_file_and_every_user_without_one() {
    let pairs = json!([
        {"identity": "jsmith", "path": examples().join("photos/jsmith.jpg")},
        {"identity": " nobody-here ", "path": examples().join("photos/E10423.jpg")},
        {"identity": "", "path": examples().join("photos/m.okafor.jpg")},
    ]);
    let events = Job::start(&json!({
        "task": "match",
        "users": {"type": "csv", "path": examples().join("users.csv")},
        "pairs": pairs,
    }))
    .events_until_done(|_| {});
    let rows: Vec<&Value> = events.iter().filter(|e| e["event"] == "match").collect();
    assert_eq!(rows[0]["match"], "matched");
    assert_eq!(rows[0]["identity"], "jsmith");
    assert_eq!(rows[1]["match"], "unmatched");
    assert_eq!(rows[1]["identity"], "nobody-here", "identities are trimmed");
    assert_eq!(rows[2]["match"], "invalid-row");
    assert!(rows.iter().filter(|r| r["match"] == "no-photo").count() >= 5);
    let done = done(&events);
    assert_eq!(done["failures"], 2);
    assert_eq!(done["totals"]["matched"], 1);
}

#[test]
fn a_directory_that_cannot_be_reached_ends_the_job_with_a_clear_error() {
    let events = Job::start(&json!({
        "task": "report",
        "directory": {"server": "ldaps://127.0.0.1:1", "timeout_secs": 5},
    }))
    .events_until_done(|_| {});
    let done = done(&events);
    assert_eq!(done["status"], "failed");
    assert!(!done["error"]["message"].as_str().unwrap().is_empty());
}
