//! Development data, for the command line and the tests, never reached by a request: the
//! demo province ([`seed`]) and generated benchmark hierarchies with years of figures
//! ([`benchdata`]). It writes through the sea-orm entities in bulk, then rebuilds the
//! roll-ups once.

pub mod benchdata;
pub mod mail_sink;
mod rows;
pub mod seed;
