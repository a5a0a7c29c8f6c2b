//! Authentication: password hashing, session tokens (JWT), API token secrets, and the
//! [`Actor`] every service call starts from.

pub mod actor;
pub mod api_token;
pub mod jwt;
pub mod password;
pub mod secret;

pub use actor::{Actor, Principal};
