//! Writing many photos fast without hammering the server: a few connections, several
//! requests in flight on each, retries with backoff for what is worth retrying, and a
//! clean stop (every remaining item reported) when the server is gone for good.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use ldap3::{Ldap, LdapError, Mod};
use tokio::sync::{mpsc, Mutex, Semaphore};

use super::failure;
use super::session::Session;
use adphoto_core::directory::Gate;
use adphoto_core::error::Error;

/// Attempts per item; with the backoff below, about 15 seconds of waiting.
const ATTEMPTS: u32 = 6;

/// One change: replace the attribute with `values`, or remove it when there are none.
pub struct Change {
    pub index: usize,
    pub dn: String,
    pub values: Vec<Vec<u8>>,
}

struct Slot {
    generation: u64,
    ldap: Option<Ldap>,
}

/// Connections shared by all in-flight requests; a broken one is reopened once, by
/// whichever request notices first.
struct Pool {
    session: Arc<Session>,
    slots: Vec<Mutex<Slot>>,
}

impl Pool {
    async fn handle(&self, slot: usize) -> Result<(u64, Ldap), Error> {
        let mut s = self.slots[slot].lock().await;
        if s.ldap.is_none() {
            s.ldap = Some(self.session.open().await?);
        }
        match &s.ldap {
            Some(l) => Ok((s.generation, l.clone())),
            None => Err(failure::unavailable("no connection")),
        }
    }

    async fn discard(&self, slot: usize, generation: u64) {
        let mut s = self.slots[slot].lock().await;
        if s.generation == generation {
            s.ldap = None;
            s.generation += 1;
        }
    }
}

/// How many writes go at once: connections, and requests in flight on each.
#[derive(Debug, Clone, Copy)]
pub struct Concurrency {
    pub connections: usize,
    pub pipeline: usize,
}

/// Applies every change, reporting each result through `on_done` (on the caller's
/// task) as soon as it is known. Each change asks the gate before it is sent, so a
/// cancelled run or a server found gone leaves the rest unsent.
pub async fn apply_changes(
    session: Arc<Session>,
    first: Ldap,
    attribute: &str,
    changes: Vec<Change>,
    Concurrency { connections, pipeline }: Concurrency,
    gate: &Gate,
    mut on_done: impl FnMut(usize, Result<(), Error>),
) {
    let connections = connections.clamp(1, 16);
    let mut slots = vec![Mutex::new(Slot {
        generation: 0,
        ldap: Some(first),
    })];
    slots.extend((1..connections).map(|_| {
        Mutex::new(Slot {
            generation: 0,
            ldap: None,
        })
    }));
    let pool = Arc::new(Pool { session, slots });
    let permits = Arc::new(Semaphore::new(connections * pipeline.clamp(1, 64)));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let attribute = attribute.to_string();
    let total = changes.len();
    // The feeder runs on this task, interleaved with the answers: the gate is borrowed,
    // and a change is sent only after every answer before it has been observed.
    let mut pending = changes.into_iter().enumerate();
    let mut received = 0;
    let mut feeding = true;
    while received < total {
        if feeding {
            tokio::select! {
                biased;
                answer = rx.recv() => match answer {
                    Some((index, result)) => {
                        received += 1;
                        gate.observe(&result);
                        on_done(index, result);
                    }
                    None => break,
                },
                permit = permits.clone().acquire_owned() => {
                    let Ok(permit) = permit else { break };
                    let Some((n, change)) = pending.next() else {
                        feeding = false;
                        continue;
                    };
                    if let Err(e) = gate.admit() {
                        received += 1;
                        on_done(change.index, Err(e));
                        continue;
                    }
                    let (pool, tx, attribute) = (pool.clone(), tx.clone(), attribute.clone());
                    tokio::spawn(async move {
                        let result = apply_one(&pool, n % pool.slots.len(), &attribute, &change).await;
                        let _ = tx.send((change.index, result));
                        drop(permit);
                    });
                }
            }
        } else {
            match rx.recv().await {
                Some((index, result)) => {
                    received += 1;
                    gate.observe(&result);
                    on_done(index, result);
                }
                None => break,
            }
        }
    }
}

async fn apply_one(pool: &Pool, slot: usize, attribute: &str, change: &Change) -> Result<(), Error> {
    let what = format!("write {attribute}");
    let mut last = failure::unavailable(format!("{what}: not attempted"));
    // Whether a request went out whose answer never came: it may have been applied.
    let mut unanswered = false;
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            tokio::time::sleep(backoff(attempt)).await;
        }
        let (generation, mut ldap) = match pool.handle(slot).await {
            Ok(h) => h,
            Err(e) if e.is_transient() => {
                last = e;
                continue;
            }
            Err(e) => return Err(e),
        };
        let attr = attribute.as_bytes().to_vec();
        let modification = if change.values.is_empty() {
            Mod::Delete(attr, HashSet::new())
        } else {
            Mod::Replace(attr, change.values.iter().cloned().collect())
        };
        let sent = tokio::time::timeout(pool.session.timeout, ldap.modify(&change.dn, vec![modification])).await;
        let failure = match sent {
            Ok(Ok(result)) => match result.success() {
                Ok(_) => return Ok(()),
                // Removing a photo that is already gone is what was asked.
                Err(LdapError::LdapResult { result }) if result.rc == 16 && change.values.is_empty() => return Ok(()),
                Err(e) => failure::from_ldap(e, &what),
            },
            Ok(Err(e)) => {
                // A request that could not even be sent was surely not applied.
                unanswered |= !matches!(e, LdapError::OpSend { .. });
                failure::from_ldap(e, &what)
            }
            Err(_) => {
                unanswered = true;
                failure::unavailable(format!("{what}: the server did not answer in time"))
            }
        };
        if !failure.is_transient() {
            return Err(failure);
        }
        if failure.code().is_none() {
            pool.discard(slot, generation).await; // the connection itself failed
        }
        last = failure;
    }
    Err(last.in_doubt(unanswered))
}

fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(250u64 << attempt.min(6)).min(Duration::from_secs(8))
}
