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

/// A command on a pseudo-terminal the test holds itself (not through rexpect), so that
/// it can close the terminal under the command, signal it, and read what it cost.
pub struct Tty {
    master: Option<std::os::fd::OwnedFd>,
    pid: libc::pid_t,
    seen: Vec<u8>,
    mark: Option<Duration>,
}

/// How a [`Tty`] command ended.
#[derive(Debug)]
pub struct Ended {
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// From the stop ([`Tty::close`] or [`Tty::signal`]) to the exit.
    pub after: Duration,
    /// CPU time (user + system) from [`Tty::mark`] (or else the stop) to the exit.
    pub cpu: Duration,
    /// Everything the terminal showed (empty of what came after a close).
    pub shown: String,
}

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::{Duration, Instant};

/// CPU time (user + system) the live process `pid` has used, from /proc/PID/stat.
fn cpu_of(pid: libc::pid_t) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("read /proc/PID/stat");
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')').expect("stat format") + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 here (0-based).
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // SAFETY: sysconf has no preconditions.
    let hz = u64::try_from(unsafe { libc::sysconf(libc::_SC_CLK_TCK) }).unwrap();
    Duration::from_millis(ticks * 1000 / hz)
}

/// A new pseudo-terminal, both ends opened close-on-exec in one step: other tests
/// start processes at the same time, and one that inherited the master would keep the
/// terminal open after the test closes it.
fn open_pty() -> (OwnedFd, OwnedFd) {
    let err = |what: &str| panic!("{what}: {}", std::io::Error::last_os_error());
    // SAFETY: plain libc calls on the descriptor just opened; ptsname_r writes at most
    // buf.len() bytes.
    unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        if master < 0 {
            err("posix_openpt");
        }
        let master = OwnedFd::from_raw_fd(master);
        if libc::grantpt(master.as_raw_fd()) != 0 || libc::unlockpt(master.as_raw_fd()) != 0 {
            err("grantpt/unlockpt");
        }
        let mut buf = [0 as libc::c_char; 128];
        if libc::ptsname_r(master.as_raw_fd(), buf.as_mut_ptr(), buf.len()) != 0 {
            err("ptsname_r");
        }
        let slave = libc::open(buf.as_ptr(), libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        if slave < 0 {
            err("open the pty's slave");
        }
        (master, OwnedFd::from_raw_fd(slave))
    }
}

impl Tty {
    /// Starts `systemcraft COMMAND ARGS` in the workspace on a new pseudo-terminal.
    /// With `controlling`, the terminal is the command's controlling terminal (as in
    /// a login or ssh session: closing it sends SIGHUP); without, closing it only ends
    /// the input (EOF or EIO on read).
    pub fn spawn(env: &Env, command: &str, args: &[&str], controlling: bool) -> Tty {
        let mut cmd = env.std_cmd();
        cmd.arg(command).args(args);
        Tty::spawn_cmd(cmd, controlling)
    }

    /// Starts `cmd` on a new pseudo-terminal (see [`Tty::spawn`]).
    pub fn spawn_cmd(mut cmd: std::process::Command, controlling: bool) -> Tty {
        use std::os::unix::process::CommandExt;
        let (master, slave) = open_pty();
        cmd.stdin(slave.try_clone().unwrap()).stdout(slave.try_clone().unwrap()).stderr(slave.try_clone().unwrap());
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if controlling && libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().unwrap_or_else(|e| panic!("start {cmd:?} on a pty: {e}"));
        drop(slave);
        let pid = libc::pid_t::try_from(child.id()).unwrap();
        // The child is waited for with wait4 below, for its resource usage.
        std::mem::forget(child);
        Tty { master: Some(master), pid, seen: Vec::new(), mark: None }
    }

    fn fd(&self) -> i32 {
        self.master.as_ref().expect("the terminal is open").as_raw_fd()
    }

    /// Everything the terminal has shown so far.
    pub fn shown(&self) -> String {
        String::from_utf8_lossy(&self.seen).into_owned()
    }

    /// Reads what the command writes for `wait`; `false` if the terminal closed (the
    /// command ended) before.
    pub fn read_for(&mut self, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline {
            let mut fds = libc::pollfd { fd: self.fd(), events: libc::POLLIN, revents: 0 };
            // SAFETY: one live pollfd.
            if unsafe { libc::poll(&mut fds, 1, 50) } <= 0 {
                continue;
            }
            let mut buf = [0u8; 4096];
            // SAFETY: reads at most buf.len() bytes into buf.
            let n = unsafe { libc::read(self.fd(), buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                return false;
            }
            self.seen.extend_from_slice(&buf[..usize::try_from(n).unwrap()]);
        }
        true
    }

    /// Waits (up to 10 s) until the output so far contains `text`.
    #[track_caller]
    pub fn expect(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !String::from_utf8_lossy(&self.seen).contains(text) {
            assert!(
                Instant::now() < deadline,
                "waiting for {text:?}; the terminal shows:\n{}",
                String::from_utf8_lossy(&self.seen)
            );
            let mut fds = libc::pollfd { fd: self.fd(), events: libc::POLLIN, revents: 0 };
            // SAFETY: one live pollfd.
            if unsafe { libc::poll(&mut fds, 1, 100) } <= 0 {
                continue;
            }
            let mut buf = [0u8; 4096];
            // SAFETY: reads at most buf.len() bytes into buf.
            let n = unsafe { libc::read(self.fd(), buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                panic!("the terminal closed while waiting for {text:?}:\n{}", String::from_utf8_lossy(&self.seen));
            }
            self.seen.extend_from_slice(&buf[..usize::try_from(n).unwrap()]);
        }
    }

    /// Reads what is left on an open terminal after the command ended.
    fn drain(&mut self) {
        while self.master.is_some() {
            let mut fds = libc::pollfd { fd: self.fd(), events: libc::POLLIN, revents: 0 };
            let mut buf = [0u8; 4096];
            // SAFETY: one live pollfd; reads at most buf.len() bytes into buf.
            let n = unsafe {
                if libc::poll(&mut fds, 1, 0) <= 0 {
                    return;
                }
                libc::read(self.fd(), buf.as_mut_ptr().cast(), buf.len())
            };
            if n <= 0 {
                return;
            }
            self.seen.extend_from_slice(&buf[..usize::try_from(n).unwrap()]);
        }
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        // SAFETY: writes the bytes of `keys`.
        let n = unsafe { libc::write(self.fd(), keys.as_ptr().cast(), keys.len()) };
        assert_eq!(usize::try_from(n).ok(), Some(keys.len()), "write to the terminal");
    }

    /// Notes the CPU time used so far: [`Ended::cpu`] counts from here.
    pub fn mark(&mut self) {
        self.mark = Some(cpu_of(self.pid));
    }

    /// Closes the terminal (the master side), as a dropped ssh session or a closed
    /// terminal window does, and waits for the exit (at most 5 s).
    pub fn close(mut self) -> Ended {
        let before = self.mark.unwrap_or_else(|| cpu_of(self.pid));
        drop(self.master.take());
        self.wait(before)
    }

    /// Sends `signal` and waits for the exit (at most 5 s); the terminal stays open.
    pub fn signal(mut self, signal: i32) -> Ended {
        let before = self.mark.unwrap_or_else(|| cpu_of(self.pid));
        // SAFETY: signals the child this value started.
        assert_eq!(unsafe { libc::kill(self.pid, signal) }, 0);
        self.wait(before)
    }

    /// Reaps the child with wait4, polling every 10 ms for at most 5 s (killing it
    /// after that), and reads its CPU time from the resource usage wait4 returns.
    fn wait(&mut self, before: Duration) -> Ended {
        let start = Instant::now();
        loop {
            let mut status = 0;
            // SAFETY: rusage is plain data wait4 fills in.
            let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
            // SAFETY: waits for our own child, without blocking.
            let r = unsafe { libc::wait4(self.pid, &mut status, libc::WNOHANG, &mut usage) };
            if r == self.pid {
                let time = |t: libc::timeval| {
                    Duration::from_secs(u64::try_from(t.tv_sec).unwrap())
                        + Duration::from_micros(u64::try_from(t.tv_usec).unwrap())
                };
                let total = time(usage.ru_utime) + time(usage.ru_stime);
                let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
                let after = start.elapsed();
                self.drain();
                let shown = String::from_utf8_lossy(&self.seen).into_owned();
                return Ended { code, after, cpu: total.saturating_sub(before), shown };
            }
            if start.elapsed() > Duration::from_secs(5) {
                // SAFETY: kills our own child, which did not stop by itself.
                unsafe { libc::kill(self.pid, libc::SIGKILL) };
                let mut status = 0;
                // SAFETY: reaps it.
                unsafe { libc::waitpid(self.pid, &mut status, 0) };
                panic!("the command was still running 5 s after it was stopped");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        // A test that failed half-way must not leave the command running.
        // SAFETY: signals and reaps our own child, if it is still there.
        unsafe {
            if libc::waitpid(self.pid, std::ptr::null_mut(), libc::WNOHANG) == 0 {
                libc::kill(self.pid, libc::SIGKILL);
                libc::waitpid(self.pid, std::ptr::null_mut(), 0);
            }
        }
    }
}
