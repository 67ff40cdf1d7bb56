//! `--review FILE.html`: the review sheet of a `match` or a `set --what-if`, built
//! from the run's results into the library's sheet model (`adphoto::review`).

use std::path::Path;

use adphoto::bulk::Planned;
use adphoto::convert_batch::ErrorReport;
use adphoto::matching::MatchRow;
use adphoto::parallel::{catch_panic, default_workers, for_each_parallel};
use adphoto::photo::{Converter, Fit, Framing, Limits, PhotoSpec, Preset, Quality};
use adphoto::plan::PlanItem;
use adphoto::review::{self, Card, CurrentPhoto, Finding, Image, ReviewSheet, TargetView};
use adphoto::targets::{Current, PhotoTarget};

/// The sheet of a planned run: per user, the photo the target would get and the one
/// it has now (read again from the target, which keeps it from planning).
pub fn write_plan(path: &Path, planned: &Planned, target: &dyn PhotoTarget, what: &str) -> Result<(), String> {
    let cards = planned
        .items
        .iter()
        .map(|item| {
            let current = match item.matched.user_id.map(|u| target.current(&planned.table, u)) {
                Some(Current::Known(values)) => match values.into_iter().next() {
                    Some(bytes) => Image::sniffed(bytes).map_or(CurrentPhoto::Unknown, CurrentPhoto::Photo),
                    None => CurrentPhoto::None,
                },
                _ => CurrentPhoto::Unknown,
            };
            plan_card(item, current, &planned.target)
        })
        .collect();
    let sheet = ReviewSheet {
        title: format!("ADPhoto review: {what}"),
        subtitle: format!("users from {}; photos for {}", planned.source, planned.target),
        cards,
    };
    review::write(path, &sheet).map_err(|e| format!("{}: {e}", path.display()))
}

fn plan_card(item: &PlanItem, current: CurrentPhoto, target: &str) -> Card {
    // An unchanged photo is the one the target has: show it as the new one too.
    let new_photo = match (&item.photo, &current) {
        (Some(jpeg), _) => Some(Image::jpeg(jpeg.clone())),
        (None, CurrentPhoto::Photo(img)) if item.action.name() == "skip-unchanged" => Some(img.clone()),
        _ => None,
    };
    let note = item.bytes.map(|b| match item.quality {
        Some(q) => format!("{b} bytes, JPEG quality {q}"),
        None => format!("{b} bytes"),
    });
    Card {
        title: title(&item.matched),
        subtitle: item.matched.dn.clone(),
        file: item.matched.file.clone(),
        status: item.action.name().to_string(),
        reason: item.reason.clone(),
        findings: findings(&item.warnings, item.verdict.as_ref(), item.error.as_ref()),
        views: if item.matched.file.is_some() || item.matched.user.is_some() {
            vec![TargetView {
                target: target.to_string(),
                new_photo,
                current,
                note,
            }]
        } else {
            Vec::new()
        },
    }
}

/// The sheet of `adphoto match`: every matched file converted as Active Directory's
/// thumbnailPhoto would get it (framed, checked), so faces and framing can be seen
/// before any plan.
pub fn write_match(path: &Path, rows: &[MatchRow], framing: Framing, workers: Option<usize>) -> Result<(), String> {
    let renditions = PhotoSpec::preset(Preset::Ad).renditions().map_err(|e| e.to_string())?;
    let limits = Limits::default();
    let jobs: Vec<(usize, String)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == "matched")
        .filter_map(|(i, r)| r.file.clone().map(|f| (i, f)))
        .collect();
    let mut converted: Vec<Option<Result<(Vec<u8>, Vec<String>, Quality), ErrorReport>>> = vec![None; rows.len()];
    for_each_parallel(
        jobs,
        workers.unwrap_or_else(default_workers),
        Converter::new,
        |converter, (i, file)| {
            let result = match converter {
                Ok(c) => {
                    catch_panic(|| c.convert_file_framed(Path::new(&file), &renditions, Fit::Crop, &framing, &limits))
                        .map_err(|p| ErrorReport::new("internal", format!("internal error: {p}")))
                        .and_then(|r| r.map_err(|e| ErrorReport::from(&e)))
                        .map(|c| {
                            let jpeg = c.outputs.into_iter().next().map(|o| o.jpeg).unwrap_or_default();
                            (jpeg, c.warnings, c.verdict)
                        })
                }
                Err(e) => Err(ErrorReport::new("internal", e.to_string())),
            };
            (i, result)
        },
        |(i, result)| converted[i] = Some(result),
    );
    let cards = rows
        .iter()
        .zip(converted)
        .map(|(row, result)| {
            let (views, findings) = match result {
                Some(Ok((jpeg, warnings, verdict))) => (
                    vec![TargetView {
                        target: "Active Directory thumbnailPhoto (96x96)".into(),
                        new_photo: Some(Image::jpeg(jpeg)),
                        current: CurrentPhoto::Unknown,
                        note: None,
                    }],
                    findings(&warnings, Some(&verdict), None),
                ),
                Some(Err(error)) => (Vec::new(), findings(&[], None, Some(&error))),
                None => (Vec::new(), Vec::new()),
            };
            Card {
                title: title(row),
                subtitle: row.dn.clone(),
                file: row.file.clone(),
                status: row.kind.clone(),
                reason: row.message.clone().unwrap_or_else(|| match &row.by {
                    Some(by) => format!("paired by {by}"),
                    None => row.kind.clone(),
                }),
                findings,
                views,
            }
        })
        .collect();
    let sheet = ReviewSheet {
        title: "ADPhoto review: match".into(),
        subtitle: "every matched photo as Active Directory's thumbnailPhoto would get it".into(),
        cards,
    };
    review::write(path, &sheet).map_err(|e| format!("{}: {e}", path.display()))
}

fn title(row: &MatchRow) -> String {
    row.user
        .clone()
        .or_else(|| row.identity.clone())
        .or_else(|| {
            row.file.as_deref().map(|f| {
                Path::new(f)
                    .file_name()
                    .map_or(f.to_string(), |n| n.to_string_lossy().into_owned())
            })
        })
        .unwrap_or_else(|| "(unnamed)".into())
}

/// The verdict's findings by kind, the other warnings as "warning", the error by its kind.
fn findings(warnings: &[String], verdict: Option<&Quality>, error: Option<&ErrorReport>) -> Vec<Finding> {
    let mut out: Vec<Finding> = verdict
        .map(|v| {
            v.issues
                .iter()
                .map(|i| Finding {
                    kind: i.kind.to_string(),
                    message: i.message.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    for w in warnings {
        if !out.iter().any(|f| &f.message == w) {
            out.push(Finding {
                kind: "warning".into(),
                message: w.clone(),
            });
        }
    }
    if let Some(e) = error {
        out.push(Finding {
            kind: e.kind.clone(),
            message: e.message.clone(),
        });
    }
    out
}
