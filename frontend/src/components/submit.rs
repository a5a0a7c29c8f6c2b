//! The one way a form writes: a Leptos `Action` that runs a typed operation, owns the
//! pending state (buttons are disabled meanwhile) and shows the outcome in a [`Flash`].

use crate::api::ApiError;
use crate::components::Flash;
use crate::i18n::Key;
use leptos::prelude::*;
use std::future::Future;
use std::rc::Rc;

/// A write of a form and its outcome: `I` is what the form sends.
pub struct Submit<I: 'static> {
    action: Action<I, ()>,
    pending: Memo<bool>,
    /// The message of the last attempt.
    pub flash: RwSignal<Option<Flash>>,
}

impl<I: 'static> Clone for Submit<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static> Copy for Submit<I> {}

impl<I: Clone + 'static> Submit<I> {
    /// `send` runs the operation; its answer goes to `done`, which says what to show (the
    /// message of success, or none); an error is shown in `flash`.
    pub fn new<T: 'static, Fut>(
        flash: RwSignal<Option<Flash>>,
        send: impl Fn(I) -> Fut + 'static,
        done: impl Fn(T) -> Option<Key> + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        Self::with_outcome(flash, send, move |r: Result<T, ApiError>| match r {
            Ok(v) => done(v).map(Flash::Ok),
            Err(e) => Some(Flash::Err(e)),
        })
    }

    /// Like [`Submit::new`], but `outcome` sees errors too and says what to show.
    pub fn with_outcome<T: 'static, E: 'static, Fut>(
        flash: RwSignal<Option<Flash>>,
        send: impl Fn(I) -> Fut + 'static,
        outcome: impl Fn(Result<T, E>) -> Option<Flash> + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<T, E>> + 'static,
    {
        let outcome = Rc::new(outcome);
        let action = Action::new_local(move |input: &I| {
            let answer = send(input.clone());
            let outcome = Rc::clone(&outcome);
            async move {
                if let Some(f) = outcome(answer.await) {
                    flash.set(Some(f));
                }
            }
        });
        Submit {
            action,
            pending: action.pending(),
            flash,
        }
    }

    /// Sends `input` (the last message is cleared meanwhile).
    pub fn run(&self, input: I) {
        self.flash.set(None);
        self.action.dispatch_local(input);
    }

    /// Refuses to send: shows a local check's message.
    pub fn invalid(&self, message: impl Into<String>) {
        self.flash.set(Some(Flash::Invalid(message.into())));
    }

    /// True while the operation runs.
    pub fn pending(&self) -> Memo<bool> {
        self.pending
    }
}
