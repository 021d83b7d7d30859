//! Driving an interactive command through a pseudo-terminal (rexpect, Unix only), for
//! the tests of `assess`, `practice` and `mock`.

use rexpect::session::PtySession;

use super::Env;

/// How long any one wait on the terminal may take.
const TIMEOUT_MS: u64 = 10_000;

/// Starts `systemcraft COMMAND ARGS` on a pseudo-terminal in the workspace, with the
/// harness's pinned date and private home.
pub fn spawn(env: &Env, command: &str, args: &[&str]) -> PtySession {
    let mut cmd = env.std_cmd();
    cmd.arg(command).args(args);
    rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).unwrap_or_else(|e| panic!("start {command} on a pty: {e}"))
}

/// Waits for `text` on the terminal. rexpect reads the output byte by byte, each byte
/// as one `char`, so UTF-8 text is looked for in that form.
#[track_caller]
pub fn expect(p: &mut PtySession, text: &str) {
    let as_read: String = text.bytes().map(char::from).collect();
    if let Err(e) = p.exp_string(&as_read) {
        panic!("waiting for {text:?}: {e}");
    }
}

/// Types `keys`.
pub fn send(p: &mut PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
}

/// Waits for the process to end; its exit code and the output not yet read.
pub fn finish(p: &mut PtySession) -> (i32, String) {
    let out = p.exp_eof().expect("end of output");
    match p.process().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, code) => (code, out),
        other => panic!("the command ended with {other:?}:\n{out}"),
    }
}
