//! The review sheets of the runs: a plan (`set --what-if`, a sync), or a match, filled
//! into the sheet model so that every face (the command line, a job) writes the same
//! page.

use std::path::Path;

use super::{Card, CurrentPhoto, Finding, Image, ReviewSheet, TargetView};
use crate::set::Planned;
use adphoto_core::directory::{Current, Directory};
use adphoto_core::error::Error;
use adphoto_core::matching::{MatchKind, MatchRow};
use adphoto_core::parallel::{catch_panic, default_workers, for_each_parallel};
use adphoto_core::photo::{Converter, Fit, Framing, Limits, PhotoSpec, Preset, Quality};
use adphoto_core::plan::{Action, PlanItem};

/// One target's part of a plan: its plan, and the directory that tells what each user
/// has now.
pub struct PlannedTarget<'a> {
    pub planned: &'a Planned,
    pub directory: &'a dyn Directory,
}

/// The sheet of a plan: per user, the photo each target would get and the one it has
/// now (read again from the directory, which keeps it from planning).
pub fn plan_sheet(targets: &[PlannedTarget<'_>], what: &str) -> ReviewSheet {
    let mut cards = Vec::new();
    for target in targets {
        let name = target.planned.summary.target.clone();
        for item in &target.planned.items {
            let current = match item.entry.as_ref().map(|e| target.directory.current(e)) {
                Some(Current::Photo(values)) => values
                    .into_iter()
                    .next()
                    .and_then(Image::sniffed)
                    .map_or(CurrentPhoto::Unknown, CurrentPhoto::Photo),
                Some(Current::Absent) => CurrentPhoto::None,
                _ => CurrentPhoto::Unknown,
            };
            cards.push(plan_card(item, current, &name));
        }
    }
    let subtitle = targets
        .iter()
        .map(|t| {
            format!(
                "users from {}; photos for {}",
                t.planned.summary.source, t.planned.summary.target
            )
        })
        .collect::<Vec<_>>()
        .join(" | ");
    ReviewSheet {
        title: format!("ADPhoto review: {what}"),
        subtitle,
        cards,
    }
}

fn plan_card(item: &PlanItem, current: CurrentPhoto, target: &str) -> Card {
    // An unchanged photo is the one the target has: show it as the new one too.
    let new_photo = match (&item.photo, &current) {
        (Some(jpeg), _) => Some(Image::jpeg(jpeg.clone())),
        (None, CurrentPhoto::Photo(img)) if item.action == Action::SkipUnchanged => Some(img.clone()),
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

/// The sheet of `match`: every matched file converted as Active Directory's
/// thumbnailPhoto would get it (framed, checked), so faces and framing can be seen
/// before any plan.
pub fn match_sheet(rows: &[MatchRow], framing: Framing, workers: Option<usize>) -> Result<ReviewSheet, Error> {
    let renditions = PhotoSpec::preset(Preset::Ad).renditions()?;
    let limits = Limits::default();
    let jobs: Vec<(usize, String)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == MatchKind::Matched)
        .filter_map(|(i, r)| r.file.clone().map(|f| (i, f)))
        .collect();
    type Converted = Result<(Vec<u8>, Vec<String>, Quality), Error>;
    let mut converted: Vec<Option<Converted>> = vec![None; rows.len()];
    for_each_parallel(
        jobs,
        workers.unwrap_or_else(default_workers),
        Converter::new,
        |converter, (i, file)| {
            let result = match converter {
                Ok(c) => {
                    catch_panic(|| c.convert_file_framed(Path::new(&file), &renditions, Fit::Crop, &framing, &limits))
                        .map_err(|p| Error::internal(format!("internal error: {p}")))
                        .and_then(|r| r.map_err(|e| Error::from(&e)))
                        .map(|c| {
                            let jpeg = c.outputs.into_iter().next().map(|o| o.jpeg).unwrap_or_default();
                            (jpeg, c.warnings, c.verdict)
                        })
                }
                Err(e) => Err(Error::internal(e.to_string())),
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
                status: row.kind.name().to_string(),
                reason: row.message.clone().unwrap_or_else(|| match &row.by {
                    Some(by) => format!("paired by {by}"),
                    None => row.kind.name().to_string(),
                }),
                findings,
                views,
            }
        })
        .collect();
    Ok(ReviewSheet {
        title: "ADPhoto review: match".into(),
        subtitle: "every matched photo as Active Directory's thumbnailPhoto would get it".into(),
        cards,
    })
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
fn findings(warnings: &[String], verdict: Option<&Quality>, error: Option<&Error>) -> Vec<Finding> {
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
            kind: e.kind().name().to_string(),
            message: e.message().to_string(),
        });
    }
    out
}
