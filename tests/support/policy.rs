//! Policies written for tests, from the shipped ones.

use super::process::root;

/// `policies/platform.toml` as text, with `decline_existing` set when asked, and without
/// focus blocks (no daily target, no team windows) unless `blocks`.
pub fn platform(decline_existing: bool, blocks: bool) -> String {
    let mut text = std::fs::read_to_string(root().join("policies/platform.toml")).unwrap();
    if decline_existing {
        text = text.replace("[meetings]\n", "[meetings]\ndecline_existing = true\n");
    }
    if !blocks {
        text = text
            .replace("daily_target_minutes = 180", "daily_target_minutes = 0")
            .replace(
                "team_windows = [{ days = [\"tue\", \"thu\"], start = \"13:00\", end = \"17:30\" }]",
                "team_windows = []",
            );
    }
    text
}
