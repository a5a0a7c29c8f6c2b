//! The one way a form writes: a Leptos `Action` that runs a typed operation, owns the
//! pending state (buttons are disabled meanwhile) and shows the outcome in a [`Flash`].
//!
//! Every `Submit` runs its work through an action of the same type (a boxed future), so the
//! action's code exists once in the wasm whatever the operation.

use crate::api::ApiError;
use crate::components::Flash;
use crate::i18n::Key;
use leptos::prelude::*;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A write's future, boxed and taken once by the action that runs it.
type Work = Pin<Box<dyn Future<Output = ()>>>;

/// What an action runs: the work of one submission.
type Job = Rc<Cell<Option<Work>>>;

/// A form's writes and their outcome.
#[derive(Clone, Copy)]
pub struct Submit {
    action: Action<Job, ()>,
    pending: Memo<bool>,
    /// The message of the last attempt.
    pub flash: RwSignal<Option<Flash>>,
}

impl Submit {
    /// A form's writes, whose messages `flash` shows.
    pub fn new(flash: RwSignal<Option<Flash>>) -> Self {
        let action = Action::new_local(|job: &Job| {
            let work = job.take();
            async move {
                if let Some(work) = work {
                    work.await
                }
            }
        });
        Submit {
            action,
            pending: action.pending(),
            flash,
        }
    }

    /// Sends `answer` (a typed operation's request); on success `done` gets the answer and
    /// says what to show (the message of success, or none); an error is shown. The last
    /// message is cleared meanwhile.
    pub fn run<T: 'static>(
        &self,
        answer: impl Future<Output = Result<T, ApiError>> + 'static,
        done: impl FnOnce(T) -> Option<Key> + 'static,
    ) {
        self.run_with(answer, move |r| match r {
            Ok(v) => done(v).map(Flash::Ok),
            Err(e) => Some(Flash::Err(e)),
        })
    }

    /// Like [`Submit::run`], but `outcome` sees errors too and says what to show.
    pub fn run_with<T: 'static, E: 'static>(
        &self,
        answer: impl Future<Output = Result<T, E>> + 'static,
        outcome: impl FnOnce(Result<T, E>) -> Option<Flash> + 'static,
    ) {
        let flash = self.flash;
        flash.set(None);
        let work: Work = Box::pin(async move {
            if let Some(f) = outcome(answer.await) {
                flash.set(Some(f));
            }
        });
        self.action.dispatch_local(Rc::new(Cell::new(Some(work))));
    }

    /// Refuses to send: shows a local check's message.
    pub fn invalid(&self, message: impl Into<String>) {
        self.flash.set(Some(Flash::Invalid(message.into())));
    }

    /// True while a write runs.
    pub fn pending(&self) -> Memo<bool> {
        self.pending
    }
}
