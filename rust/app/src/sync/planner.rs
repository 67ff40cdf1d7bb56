//! The plan of a copy into one target: every target user, paired or not, and for each
//! pair the source photo converted for the target's profile and compared with what the
//! target has (the ledger, the policies, the bytes).

use adphoto_core::cancel::Cancel;
use adphoto_core::digest::sha256_hex;
use adphoto_core::directory::{Current, Directory, UserEntry, Users};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::matching::{MatchKind, MatchRow};
use adphoto_core::parallel::{catch_panic, default_workers, for_each_parallel};
use adphoto_core::photo::{Converter, Fit, Framing, PhotoError, Rendition};
use adphoto_core::plan::{Action, PlanItem};
use adphoto_core::users::UserId;

use super::pairing::Paired;
use super::policy::{before_converting, side};
use super::request::SyncRequest;
use super::source::Source;
use crate::ledger::{Ledger, Verdict};

/// One pair to convert: the target user, its entry and the source photo.
struct Work<'a> {
    index: usize,
    row: MatchRow,
    entry: UserEntry,
    source: &'a [u8],
}

/// Plans the copy into `target`. `on_item` sees each item as it is planned.
pub fn plan_target(
    source: &Source,
    target: &mut dyn Directory,
    users: &Users,
    pairs: &[Paired],
    request: &SyncRequest,
    cancel: &Cancel,
    mut on_item: impl FnMut(&PlanItem),
) -> Result<Vec<PlanItem>> {
    let renditions = request
        .photo
        .spec(target.preset())
        .renditions()
        .map_err(|e| Error::options(e.to_string()))?;
    let mut items: Vec<Option<PlanItem>> = vec![None; pairs.len()];
    let mut work = Vec::new();
    for (index, (user, paired)) in users.table.ids().zip(pairs).enumerate() {
        let Some(entry) = users.entry(user).cloned() else {
            continue;
        };
        match unpaired(source, users, user, paired) {
            Err(item) => {
                let mut item = *item;
                item.key = entry.key.clone();
                item.entry = Some(entry);
                on_item(&item);
                items[index] = Some(item);
            }
            Ok((row, bytes)) => work.push(Work {
                index,
                row,
                entry,
                source: bytes,
            }),
        }
    }
    let entries: Vec<UserEntry> = work.iter().map(|w| w.entry.clone()).collect();
    target.read_photos(&entries);
    let ledger = Ledger::for_directory(&*target);
    let target: &dyn Directory = &*target;
    let workers = if request.workers == 0 {
        default_workers()
    } else {
        request.workers
    };
    for_each_parallel(
        work,
        workers,
        Converter::new,
        |converter, w| {
            if cancel.is_cancelled() {
                return (w.index, None);
            }
            let (index, entry) = (w.index, w.entry.clone());
            let row = w.row.clone();
            let planned = catch_panic(|| plan_pair(converter, w, target, ledger.as_ref(), &renditions, request));
            let mut item = planned
                .unwrap_or_else(|panic| PlanItem::invalid(row, Error::internal(format!("internal error: {panic}"))));
            item.key = entry.key.clone();
            item.entry = Some(entry);
            (index, Some(item))
        },
        |(index, item)| {
            if let Some(item) = item {
                on_item(&item);
                items[index] = Some(item);
            }
        },
    );
    Ok(items.into_iter().flatten().collect())
}

/// The row of a target user, and the source photo when there is one to copy; else the
/// finished item saying why not.
fn unpaired<'a>(
    source: &'a Source,
    users: &Users,
    user: UserId,
    paired: &Paired,
) -> std::result::Result<(MatchRow, &'a [u8]), Box<PlanItem>> {
    let mut row = MatchRow::of_user_without_photo(user, &users.table);
    row.message = None;
    let from = &source.describe;
    let (source_user, by) = match paired {
        Paired::Nobody => {
            return Err(Box::new(PlanItem::new(
                Action::NoPhoto,
                format!("no user of {from} pairs with this user"),
                row,
            )))
        }
        Paired::Ambiguous(candidates) => {
            row.kind = MatchKind::Ambiguous;
            row.candidates = candidates.iter().map(|c| source.name(*c)).collect();
            return Err(Box::new(PlanItem::new(
                Action::Ambiguous,
                format!(
                    "{} users of {from} fit this user ({}): none of their photos is used",
                    candidates.len(),
                    row.candidates.join(", ")
                ),
                row,
            )));
        }
        Paired::Shared { source: s, others } => {
            row.kind = MatchKind::Ambiguous;
            row.identity = Some(source.name(*s));
            return Err(Box::new(PlanItem::new(
                Action::Ambiguous,
                format!(
                    "{} of {from} also fits {others} other user(s) here: none of them gets the photo",
                    source.name(*s)
                ),
                row,
            )));
        }
        Paired::Refused(refusal) => return Err(Box::new(refusal.item(row))),
        Paired::One { source, by } => (*source, by),
    };
    row.kind = MatchKind::Matched;
    row.by = Some(by.clone());
    row.identity = Some(source.name(source_user));
    match source.photo(source_user) {
        Current::Photo(values) => match values.first() {
            Some(first) => Ok((row, first.as_slice())),
            None => Err(Box::new(PlanItem::new(
                Action::NoPhoto,
                format!("no photo in {from}"),
                row,
            ))),
        },
        Current::Unreadable(e) => {
            let mut item = PlanItem::new(
                Action::InvalidImage,
                format!("the photo in {from} could not be read: {}", e.message()),
                row,
            );
            item.error = Some(e.clone());
            Err(Box::new(item))
        }
        Current::Absent | Current::Unknown => Err(Box::new(PlanItem::new(
            Action::NoPhoto,
            format!("no photo in {from}"),
            row,
        ))),
    }
}

fn plan_pair(
    converter: &mut std::result::Result<Converter, PhotoError>,
    work: Work<'_>,
    target: &dyn Directory,
    ledger: Option<&Ledger>,
    renditions: &[Rendition],
    request: &SyncRequest,
) -> PlanItem {
    let Work { row, entry, source, .. } = work;
    let converter = match converter {
        Ok(c) => c,
        Err(e) => return PlanItem::invalid(row, Error::internal(e.to_string())),
    };
    let now = target.current(&entry);
    if let Current::Unreadable(e) = &now {
        let mut item = PlanItem::new(
            Action::Unreadable,
            format!(
                "the photo there could not be read, so it is left alone: {}",
                e.message()
            ),
            row,
        );
        item.error = Some(e.clone().with_kind(ErrorKind::BackupFailed));
        return item;
    }
    let current_bytes = now.has_photo().then(|| now.bytes());
    let changed_elsewhere = match (ledger, &entry.key) {
        (Some(l), Some(key)) => l.verdict(key, &now) == Verdict::ChangedElsewhere,
        _ => false,
    };
    if changed_elsewhere && !request.force {
        let mut item = PlanItem::new(
            Action::ChangedElsewhere,
            "the photo there is not the one ADPhoto last wrote: someone else changed it since (left alone; \
             --force replaces it)",
            row,
        );
        item.current_bytes = current_bytes;
        return item;
    }
    let source_side = side(source);
    if let Some((action, reason)) = before_converting(request, &now, source_side) {
        let mut item = PlanItem::new(action, reason, row);
        item.current_bytes = current_bytes;
        return item;
    }
    // A copied photo is already framed: it is only scaled, and never enlarged.
    let renditions: Vec<Rendition> = renditions
        .iter()
        .map(|r| Rendition {
            size: source_side.map_or(r.size, |s| r.size.min(s)),
            ..*r
        })
        .collect();
    let converted = match converter.convert_framed(
        source,
        &renditions,
        Fit::Crop,
        &Framing::centre(),
        &request.photo.limits(),
    ) {
        Ok(c) => c,
        Err(e) => return PlanItem::invalid(row, Error::from(&e)),
    };
    let Some(output) = converted.outputs.into_iter().next() else {
        return PlanItem::invalid(row, Error::internal("no output produced"));
    };
    let there = now.first().and_then(side);
    let (action, reason) = match &now {
        Current::Photo(old) if old.len() == 1 && old[0] == output.jpeg && !request.force => {
            (Action::SkipUnchanged, "the target already has this photo".to_string())
        }
        Current::Photo(_) => (
            Action::Write,
            format!(
                "copied from a {} px photo as {} px, replacing the {} photo there{}",
                converted.source.width.min(converted.source.height),
                output.width,
                there.map_or("different".into(), |t| format!("{t} px")),
                if changed_elsewhere {
                    " (changed elsewhere since ADPhoto wrote it; --force)"
                } else {
                    ""
                }
            ),
        ),
        _ => (
            Action::Write,
            format!(
                "copied from a {} px photo as {} px (there was none)",
                converted.source.width.min(converted.source.height),
                output.width
            ),
        ),
    };
    let mut item = PlanItem::new(action, reason, row);
    item.bytes = Some(output.jpeg.len() as u64);
    item.current_bytes = current_bytes;
    item.quality = Some(output.quality);
    item.warnings = converted.warnings;
    item.verdict = Some(converted.verdict);
    item.converted_sha256 = Some(sha256_hex(&output.jpeg));
    if action == Action::Write {
        item.photo = Some(output.jpeg);
    }
    item
}
