//! Several targets at once: each on its own thread (under its own limits), their events
//! brought back to the caller's one sink on the caller's thread, tagged with the
//! target's index.

use std::sync::mpsc;

use adphoto_core::error::Error;
use adphoto_core::plan::PlanItem;

use crate::sink::{Event, PlanSummary, Progress};

/// Where a run into several targets reports, per target (its index in the request).
pub trait TargetSink {
    fn emit(&mut self, target: usize, event: Event<'_>);
}

impl<F: FnMut(usize, Event<'_>)> TargetSink for F {
    fn emit(&mut self, target: usize, event: Event<'_>) {
        self(target, event)
    }
}

/// An event, owned, on its way from a target's thread to the caller's sink.
pub enum Message {
    Warning(String),
    Progress(Progress),
    Planned(usize, Box<PlanItem>),
    PlanReady(Box<PlanSummary>),
    Applied(usize, Box<PlanItem>),
}

impl Message {
    /// The message for a use case's event (`None` for events a target run does not
    /// forward). Items travel without the photo they carry.
    pub fn of(event: Event<'_>) -> Option<Message> {
        let light = |item: &PlanItem| {
            let mut copy = item.clone();
            copy.photo = None;
            Box::new(copy)
        };
        Some(match event {
            Event::Warning(w) => Message::Warning(w.to_string()),
            Event::Progress(p) => Message::Progress(p),
            Event::Planned { id, item } => Message::Planned(id, light(item)),
            Event::PlanReady(s) => Message::PlanReady(Box::new(s.clone())),
            Event::Applied { id, item } => Message::Applied(id, light(item)),
            _ => return None,
        })
    }
}

/// Runs `work` for every target at once, each on its own thread; events sent through
/// the `send` each is given reach `sink` here, as they come. Returns the results in
/// target order; a thread that panicked gives `failed(error)`.
pub fn fan_out<T, R>(
    targets: Vec<T>,
    work: impl Fn(usize, T, &dyn Fn(Message)) -> R + Sync,
    failed: impl Fn(Error) -> R,
    sink: &mut dyn TargetSink,
) -> Vec<R>
where
    T: Send,
    R: Send,
{
    let (tx, rx) = mpsc::channel::<(usize, Message)>();
    std::thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = targets
            .into_iter()
            .enumerate()
            .map(|(index, target)| {
                let tx = tx.clone();
                scope.spawn(move || {
                    let send = move |m: Message| {
                        let _ = tx.send((index, m));
                    };
                    work(index, target, &send)
                })
            })
            .collect();
        drop(tx);
        for (index, message) in rx {
            match message {
                Message::Warning(w) => sink.emit(index, Event::Warning(&w)),
                Message::Progress(p) => sink.emit(index, Event::Progress(p)),
                Message::Planned(id, item) => sink.emit(index, Event::Planned { id, item: &item }),
                Message::PlanReady(summary) => sink.emit(index, Event::PlanReady(&summary)),
                Message::Applied(id, item) => sink.emit(index, Event::Applied { id, item: &item }),
            }
        }
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| failed(Error::internal("a target's thread stopped unexpectedly")))
            })
            .collect()
    })
}
