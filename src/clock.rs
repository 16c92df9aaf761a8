//! The only module that reads the wall clock. Everything else takes `now` as a parameter
//! (see `clippy.toml`, which forbids clock reads elsewhere).

use chrono::{DateTime, Utc};

#[allow(clippy::disallowed_methods)]
pub fn now() -> DateTime<Utc> {
    Utc::now()
}
