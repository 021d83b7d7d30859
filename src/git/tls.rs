//! When the TLS trust store is loaded: only before talking to a remote.
//!
//! With the `https` feature, libgit2's global initialisation creates its OpenSSL
//! context and calls `SSL_CTX_set_default_verify_paths`, which reads and parses the
//! system's whole CA bundle (`SSL_CERT_FILE`, about 140 certificates) — 80% of the
//! instructions of a build that only reads the local history. git2 also points
//! `SSL_CERT_FILE`/`SSL_CERT_DIR` at the probed system locations first.
//!
//! [`ready`], called before the first use of git2, runs that initialisation once
//! with both variables pointing at `/dev/null` (an existing, empty file: git2's probe
//! keeps an existing path, and OpenSSL loads nothing from it and defers directory
//! look-ups), then puts the variables back as they were, so child processes see the
//! user's environment. A command that needs no git (a build of an unchanged history,
//! see `trend::head`) never starts libgit2 at all. [`for_network`], called before
//! every fetch and push, gives libgit2 the certificate locations (the user's
//! `SSL_CERT_FILE`/`SSL_CERT_DIR` when set, else the probed system ones) through
//! `GIT_OPT_SET_SSL_CERT_LOCATIONS`, which loads them into the same context.
//!
//! Elsewhere (Windows, macOS) libgit2 uses the platform's TLS and loads nothing at
//! start-up: both functions do nothing.

#[cfg(all(unix, not(target_os = "macos"), not(target_os = "ios")))]
mod imp {
    use std::ffi::OsString;
    use std::sync::Once;

    const VARS: [&str; 2] = ["SSL_CERT_FILE", "SSL_CERT_DIR"];

    pub fn ready() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            let saved: Vec<(&str, Option<OsString>)> = VARS.iter().map(|v| (*v, std::env::var_os(v))).collect();
            // Setting variables with other threads alive is what git2's own
            // initialisation does at this same moment (openssl-probe); no thread of
            // this program reads the environment meanwhile.
            for var in VARS {
                std::env::set_var(var, "/dev/null");
            }
            // Any git2 option call runs libgit2's global initialisation (once).
            git2::opts::strict_hash_verification(true);
            for (var, value) in saved {
                match value {
                    Some(v) => std::env::set_var(var, v),
                    None => std::env::remove_var(var),
                }
            }
        });
    }

    pub fn for_network() {
        static ONCE: Once = Once::new();
        ready();
        ONCE.call_once(|| {
            let found = openssl_probe::probe();
            // SAFETY: the options are set once, before the first connection of the run.
            unsafe {
                if let Some(file) = found.cert_file {
                    let _ = git2::opts::set_ssl_cert_file(file);
                }
                if let Some(dir) = found.cert_dir {
                    let _ = git2::opts::set_ssl_cert_dir(dir);
                }
            }
        });
    }
}

#[cfg(not(all(unix, not(target_os = "macos"), not(target_os = "ios"))))]
mod imp {
    pub fn ready() {}
    pub fn for_network() {}
}

/// Initialises libgit2 (once) without loading the TLS trust store. Call before the
/// first use of git2: every entry point of [`crate::git`] does.
pub fn ready() {
    imp::ready();
}

/// Loads the TLS trust store into libgit2 (once per run): call before contacting a
/// remote.
pub fn for_network() {
    imp::for_network();
}
