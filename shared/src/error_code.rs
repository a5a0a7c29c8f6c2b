//! The flat list of error codes of the contract (`extensions.code`), shared with the UI,
//! which translates them.

wire_enum!(
    /// One of the codes a client may receive in `extensions.code`.
    pub enum ErrorCode {
        /// No, expired or invalid token.
        Unauthenticated,
        /// The caller's role or unit scope does not allow it.
        Forbidden,
        /// An id or code that does not exist, or is outside the caller's scope.
        NotFound,
        /// Bad input; `extensions.field` names the input field when there is one.
        Validation,
        /// `expectedVersion` did not match, a unique code already exists, or the object's
        /// state does not allow the change (an approved month, say).
        Conflict,
        /// Too many attempts or requests.
        RateLimited,
        /// The database cannot be reached right now (HTTP 503 with `Retry-After`); the session
        /// is still valid: try again later.
        Unavailable,
        /// Anything else; the message says nothing about internals.
        Internal,
    }
);
