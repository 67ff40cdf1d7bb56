//! The caller's side of a job: start it on its own thread, pull its events, confirm a
//! plan, cancel, and free (which waits for the thread, so nothing outlives the handle).

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use super::events::{Events, Outcome};
use super::request::{JobRequest, Selection};
use super::{account_picture_task, directory_tasks, match_task, set_task, sync_task};
use adphoto_core::cancel::Cancel;
use adphoto_core::parallel::catch_panic;

/// Events buffered before the job waits for the caller to take some.
const QUEUE: usize = 256;

const RUNNING: u8 = 0;
const WAITING: u8 = 1;
const FINISHED: u8 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobError {
    /// The job's thread could not be started.
    Start(String),
    /// `apply` on a job that is not waiting for it.
    InvalidState(String),
}

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobError::Start(m) | JobError::InvalidState(m) => f.write_str(m),
        }
    }
}

/// What `Job::next` found.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    Event(Vec<u8>),
    /// Nothing within the wait; the job is still working.
    Pending,
    /// The job has ended and every event was taken.
    Done,
}

/// What the caller tells a job waiting after its plan.
pub(super) enum Command {
    Apply(Selection),
    Cancel,
}

/// The job's view of the caller: where events go, and the commands it may wait for.
pub(super) struct Context {
    pub events: Events,
    commands: Receiver<Command>,
    state: Arc<AtomicU8>,
}

impl Context {
    pub fn cancel(&self) -> &Cancel {
        &self.events.cancel
    }

    /// From now on the caller may confirm the plan (called before the `planned` event,
    /// so a caller answering that event at once is never refused).
    pub fn accept_apply(&self) {
        self.state.store(WAITING, Ordering::SeqCst);
    }

    /// Waits for the caller to confirm the plan: `None` when it cancels or goes away.
    pub fn wait_for_apply(&self) -> Option<Selection> {
        if self.cancel().is_cancelled() {
            return None;
        }
        let command = self.commands.recv();
        self.state.store(RUNNING, Ordering::SeqCst);
        match command {
            Ok(Command::Apply(selection)) if !self.cancel().is_cancelled() => Some(selection),
            _ => None,
        }
    }
}

/// A running job. Every method takes `&self`: `cancel` may come from another thread
/// (a Ctrl+C handler) while the owner waits in `next`.
pub struct Job {
    events: Mutex<Option<Receiver<Vec<u8>>>>,
    commands: Option<Sender<Command>>,
    cancel: Cancel,
    state: Arc<AtomicU8>,
    thread: Option<JoinHandle<()>>,
}

impl Job {
    /// Starts the job on a thread of its own.
    pub fn start(request: JobRequest) -> Result<Job, JobError> {
        let (event_tx, event_rx) = mpsc::sync_channel(QUEUE);
        let (command_tx, command_rx) = mpsc::channel();
        let cancel = Cancel::default();
        let state = Arc::new(AtomicU8::new(RUNNING));
        let context = Context {
            events: Events::new(event_tx, cancel.clone()),
            commands: command_rx,
            state: state.clone(),
        };
        let thread = std::thread::Builder::new()
            .name("adphoto-job".into())
            .spawn(move || run(request, context))
            .map_err(|e| JobError::Start(format!("cannot start a thread: {e}")))?;
        Ok(Job {
            events: Mutex::new(Some(event_rx)),
            commands: Some(command_tx),
            cancel,
            state,
            thread: Some(thread),
        })
    }

    /// The next event, waiting up to `wait` for one.
    pub fn next(&self, wait: Duration) -> Next {
        let events = self.events();
        let Some(events) = events.as_ref() else {
            return Next::Done;
        };
        let received = if wait.is_zero() {
            events.try_recv().map_err(|e| match e {
                TryRecvError::Empty => RecvTimeoutError::Timeout,
                TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
            })
        } else {
            events.recv_timeout(wait)
        };
        match received {
            Ok(event) => Next::Event(event),
            Err(RecvTimeoutError::Timeout) => Next::Pending,
            Err(RecvTimeoutError::Disconnected) => Next::Done,
        }
    }

    /// Lets a job waiting after its plan (mode `confirm`) write the selected changes.
    pub fn apply(&self, selection: Selection) -> Result<(), JobError> {
        if self
            .state
            .compare_exchange(WAITING, RUNNING, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            return Err(JobError::InvalidState(
                "the job is not waiting to apply a plan (start a `set` job with mode `confirm` and read events up to `planned`)"
                    .into(),
            ));
        }
        if let Some(commands) = &self.commands {
            let _ = commands.send(Command::Apply(selection));
        }
        Ok(())
    }

    pub fn cancel(&self) {
        self.cancel.cancel();
        if let Some(commands) = &self.commands {
            let _ = commands.send(Command::Cancel);
        }
    }

    fn events(&self) -> MutexGuard<'_, Option<Receiver<Vec<u8>>>> {
        self.events.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn is_finished(&self) -> bool {
        self.state.load(Ordering::SeqCst) == FINISHED
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        self.cancel();
        // Dropping our ends unblocks a job waiting to send an event or for a command.
        *self.events() = None;
        self.commands = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(request: JobRequest, context: Context) {
    let outcome = catch_panic(|| match request {
        JobRequest::Match(task) => match_task::run(task, &context),
        JobRequest::Set(task) => set_task::run(task, &context),
        JobRequest::Get(task) => directory_tasks::get(task, &context),
        JobRequest::Export(task) => directory_tasks::export(task, &context),
        JobRequest::Remove(task) => directory_tasks::remove(task, &context),
        JobRequest::Restore(task) => directory_tasks::restore(task, &context),
        JobRequest::Report(task) => directory_tasks::report(task, &context),
        JobRequest::AccountPicture(task) => account_picture_task::run(task, &context),
        JobRequest::Sync(task) => sync_task::run(task, &context),
    })
    .unwrap_or_else(|panic| Outcome::from(adphoto_core::error::Error::internal(format!("internal error: {panic}"))));
    context.state.store(FINISHED, Ordering::SeqCst);
    context.events.emit("done", &outcome);
}
