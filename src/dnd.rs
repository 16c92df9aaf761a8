//! Do Not Disturb during focus blocks (SPEC section 4, `nudges.pause_desktop`): the
//! desktop's own switch for pausing notifications, found at run time, behind the
//! [`Pauser`] trait. Whether to pause or resume now is decided by `nudges::dnd` (pure); this
//! module only asks the desktop and flips its switch.
//!
//! Architecture invariant: a thin shell; every desktop is a few commands (or, on KDE
//! Plasma, two D-Bus methods), and a failure is an error string for the log, never a
//! failed cycle.

use std::process::{Command, Stdio};

/// A desktop's switch for pausing its notifications.
pub trait Pauser: Send {
    /// Which desktop, for `focusd status` and the store.
    fn name(&self) -> &'static str;
    /// Whether its notifications are paused now (by anyone).
    fn is_paused(&mut self) -> Result<bool, String>;
    /// Pauses (`true`) or resumes them.
    fn set_paused(&mut self, paused: bool) -> Result<(), String>;
    /// Whether a pause focusd remembers making can still be in force: `false` where the
    /// desktop ends a pause with the process that asked for it (KDE Plasma) and this
    /// process holds none, so the pause of an earlier run (a crash, `run --once`) is gone,
    /// not lifted by the user.
    fn may_hold_earlier_pause(&self) -> bool {
        true
    }
}

/// The desktop's switch as the daemon holds it: found at run time, on first need and again
/// while none is found (a desktop session can start after the service).
pub struct Switch {
    pauser: Option<Box<dyn Pauser>>,
    /// Whether to look for the desktop's own (`false`: only what was given).
    find: bool,
}

impl Switch {
    /// Never pauses anything (tests, dry runs).
    pub fn none() -> Switch {
        Switch {
            pauser: None,
            find: false,
        }
    }

    /// The desktop's own, found at run time.
    pub fn find() -> Switch {
        Switch {
            pauser: None,
            find: true,
        }
    }

    /// The pauser to use: the one for `remembered` (the desktop focusd paused, to resume
    /// it even when another one answers now), else the desktop's.
    pub fn pauser(&mut self, remembered: Option<&str>) -> Option<&mut Box<dyn Pauser>> {
        if let Some(name) = remembered
            && self.pauser.as_ref().is_none_or(|p| p.name() != name)
            && self.find
        {
            self.pauser = for_server(name);
        }
        if self.pauser.is_none() && self.find {
            self.pauser = server_name().as_deref().and_then(for_server);
        }
        self.pauser.as_mut()
    }
}

/// The desktops focusd knows, by the name their notification server gives
/// (`GetServerInformation`).
pub const DESKTOPS: &[&str] = &["dunst", "mako", "GNOME", "KDE Plasma", "xfce4-notifyd"];

/// The pauser for the notification server named `server` (its `GetServerInformation`
/// name, or a name from [`DESKTOPS`]), if focusd knows it.
pub fn for_server(server: &str) -> Option<Box<dyn Pauser>> {
    let s = server.to_lowercase();
    if s.contains("dunst") {
        Some(Box::new(Dunst))
    } else if s.contains("mako") {
        Some(Box::new(Mako))
    } else if s.contains("gnome") {
        Some(Box::new(Gnome))
    } else if s.contains("plasma") || s.contains("kde") {
        Some(Box::new(Plasma::default()))
    } else if s.contains("xfce") {
        Some(Box::new(Xfce))
    } else {
        None
    }
}

/// The notification server on the session bus now, by name; `None` without a bus or a
/// server. Blocking (its own thread: zbus's blocking calls stay off the daemon's runtime).
pub fn server_name() -> Option<String> {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
        && std::env::var_os("XDG_RUNTIME_DIR").is_none()
    {
        return None;
    }
    std::thread::scope(|s| {
        s.spawn(|| notify_rust::get_server_information().ok().map(|i| i.name))
            .join()
            .ok()
            .flatten()
    })
}

/// Runs `program` with `args`; its standard output, trimmed, or why it failed.
fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{program} {} ended with {}: {}",
            args.join(" "),
            out.status,
            crate::text::shorten(&String::from_utf8_lossy(&out.stderr), 200)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// dunst: `dunstctl is-paused` and `dunstctl set-paused true|false`.
pub struct Dunst;

impl Pauser for Dunst {
    fn name(&self) -> &'static str {
        "dunst"
    }
    fn is_paused(&mut self) -> Result<bool, String> {
        Ok(run("dunstctl", &["is-paused"])? == "true")
    }
    fn set_paused(&mut self, paused: bool) -> Result<(), String> {
        run(
            "dunstctl",
            &["set-paused", if paused { "true" } else { "false" }],
        )
        .map(drop)
    }
}

/// mako: the `do-not-disturb` mode (`makoctl mode -a` / `-r`; the user's mako
/// configuration says what the mode hides, `[mode=do-not-disturb] invisible=1` as a rule).
pub struct Mako;

const MAKO_MODE: &str = "do-not-disturb";

impl Pauser for Mako {
    fn name(&self) -> &'static str {
        "mako"
    }
    fn is_paused(&mut self) -> Result<bool, String> {
        Ok(run("makoctl", &["mode"])?
            .lines()
            .any(|l| l.trim() == MAKO_MODE))
    }
    fn set_paused(&mut self, paused: bool) -> Result<(), String> {
        run(
            "makoctl",
            &["mode", if paused { "-a" } else { "-r" }, MAKO_MODE],
        )
        .map(drop)
    }
}

/// GNOME: `org.gnome.desktop.notifications show-banners` off is its Do Not Disturb.
pub struct Gnome;

impl Pauser for Gnome {
    fn name(&self) -> &'static str {
        "GNOME"
    }
    fn is_paused(&mut self) -> Result<bool, String> {
        Ok(run(
            "gsettings",
            &["get", "org.gnome.desktop.notifications", "show-banners"],
        )? == "false")
    }
    fn set_paused(&mut self, paused: bool) -> Result<(), String> {
        run(
            "gsettings",
            &[
                "set",
                "org.gnome.desktop.notifications",
                "show-banners",
                if paused { "false" } else { "true" },
            ],
        )
        .map(drop)
    }
}

/// xfce4-notifyd: `xfconf-query -c xfce4-notifyd -p /do-not-disturb`.
pub struct Xfce;

impl Pauser for Xfce {
    fn name(&self) -> &'static str {
        "xfce4-notifyd"
    }
    fn is_paused(&mut self) -> Result<bool, String> {
        // A property never set reads as an error: not paused.
        Ok(run(
            "xfconf-query",
            &["-c", "xfce4-notifyd", "-p", "/do-not-disturb"],
        )
        .is_ok_and(|v| v == "true"))
    }
    fn set_paused(&mut self, paused: bool) -> Result<(), String> {
        run(
            "xfconf-query",
            &[
                "-c",
                "xfce4-notifyd",
                "-p",
                "/do-not-disturb",
                "--create",
                "-t",
                "bool",
                "-s",
                if paused { "true" } else { "false" },
            ],
        )
        .map(drop)
    }
}

/// KDE Plasma: the `Inhibit` and `UnInhibit` methods of `org.freedesktop.Notifications`.
/// Plasma ends an inhibition when the connection that asked for it goes away, so a crash
/// restores the notifications by itself; the connection is kept while the pause lasts.
#[derive(Default)]
pub struct Plasma {
    held: Option<(zbus::Connection, u32)>,
}

impl Plasma {
    async fn inhibited(conn: &zbus::Connection) -> zbus::Result<bool> {
        let reply = conn
            .call_method(
                Some("org.freedesktop.Notifications"),
                "/org/freedesktop/Notifications",
                Some("org.freedesktop.DBus.Properties"),
                "Get",
                &("org.freedesktop.Notifications", "Inhibited"),
            )
            .await?;
        let value: zbus::OwnedVariant = reply.body().deserialize()?;
        Ok(bool::try_from(&*value).unwrap_or(false))
    }
}

impl Pauser for Plasma {
    fn name(&self) -> &'static str {
        "KDE Plasma"
    }
    fn is_paused(&mut self) -> Result<bool, String> {
        if self.held.is_some() {
            return Ok(true);
        }
        on_own_thread(|| {
            zbus::block_on(async {
                let conn = zbus::Connection::session().await?;
                Plasma::inhibited(&conn).await
            })
        })
    }
    fn set_paused(&mut self, paused: bool) -> Result<(), String> {
        let held = self.held.take();
        let now_held = on_own_thread(move || {
            zbus::block_on(async move {
                match (paused, held) {
                    (true, Some(h)) => Ok(Some(h)),
                    (true, None) => {
                        let conn = zbus::Connection::session().await?;
                        let hints: std::collections::HashMap<&str, zbus::Variant<'_>> =
                            std::collections::HashMap::new();
                        let reply = conn
                            .call_method(
                                Some("org.freedesktop.Notifications"),
                                "/org/freedesktop/Notifications",
                                Some("org.freedesktop.Notifications"),
                                "Inhibit",
                                &("focusd", "a focus block", hints),
                            )
                            .await?;
                        let cookie: u32 = reply.body().deserialize()?;
                        Ok(Some((conn, cookie)))
                    }
                    (false, Some((conn, cookie))) => {
                        conn.call_method(
                            Some("org.freedesktop.Notifications"),
                            "/org/freedesktop/Notifications",
                            Some("org.freedesktop.Notifications"),
                            "UnInhibit",
                            &(cookie,),
                        )
                        .await?;
                        Ok(None)
                    }
                    // An inhibition of an earlier run ended with its connection.
                    (false, None) => Ok(None),
                }
            })
        })?;
        self.held = now_held;
        Ok(())
    }
    fn may_hold_earlier_pause(&self) -> bool {
        self.held.is_some()
    }
}

/// Runs a blocking zbus call on a thread of its own (never inside the daemon's runtime).
fn on_own_thread<T: Send>(f: impl FnOnce() -> zbus::Result<T> + Send) -> Result<T, String> {
    std::thread::scope(|s| {
        s.spawn(f)
            .join()
            .unwrap_or_else(|_| Err(zbus::Error::Failure("the D-Bus thread panicked".into())))
    })
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the servers give in `GetServerInformation`.
    #[test]
    fn each_desktop_is_known_by_its_servers_name() {
        for (server, desktop) in [
            ("dunst", Some("dunst")),
            ("mako", Some("mako")),
            ("gnome-shell", Some("GNOME")),
            ("Plasma", Some("KDE Plasma")),
            ("Xfce Notify Daemon", Some("xfce4-notifyd")),
            ("mock-notify", None),
            ("notification-daemon", None),
        ] {
            assert_eq!(for_server(server).map(|p| p.name()), desktop, "{server}");
        }
        // A remembered pause names the desktop as focusd wrote it.
        for name in DESKTOPS {
            assert_eq!(for_server(name).map(|p| p.name()), Some(*name));
        }
    }
}
