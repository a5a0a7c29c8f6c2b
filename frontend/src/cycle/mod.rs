//! The monthly cycle apart from the web: the "Việc cần làm" list grouped and worded, the
//! biggest rank drops, the reporting calendar's defaults, how late a month was and the
//! e-mail settings' rules. Pure functions, unit-tested on the host.

pub mod calendar;
pub mod drops;
pub mod mail;
pub mod timeliness;
pub mod todo;
