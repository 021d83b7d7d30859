//! The terminal the interactive commands (`assess`, `practice`, `mock`) talk to: raw
//! mode for as long as a [`Terminal`] lives, key presses read from standard input, and
//! every way the conversation can end without a key — Ctrl-C, SIGINT, SIGTERM, SIGHUP,
//! end of input, a read error (the terminal closed) — turned into one [`Event::Stop`].
//!
//! On Unix the keys are read with `poll(2)` on standard input and on a pipe the signal
//! handler writes to, then `read(2)`: the wait sleeps in the kernel until a key, a
//! signal or the deadline the caller asks for, and a closed terminal (hang-up, EOF,
//! EIO) ends it at once instead of being polled again. Elsewhere crossterm's events
//! are used. Raw mode is restored when the value is dropped, also when the terminal
//! is gone (the restore then fails quietly).

use std::collections::VecDeque;
use std::io::Write;
use std::time::Duration;

use crate::{Error, Result};

/// The exit code after any stop ([`Stop`]): 128 + SIGINT, the shell's code for an
/// interrupted program.
pub const EXIT_INTERRUPTED: i32 = 130;

/// A key press, decoded from the bytes the terminal sends in raw mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character.
    Char(char),
    /// Enter (CR or LF).
    Enter,
    /// Escape on its own.
    Esc,
    /// Backspace (DEL or BS).
    Backspace,
    /// Tab.
    Tab,
    /// An arrow key.
    Left,
    /// An arrow key.
    Right,
    /// An arrow key.
    Up,
    /// An arrow key.
    Down,
    /// Ctrl-C pressed (raw mode turns it into a key, not a signal).
    CtrlC,
    /// Ctrl-D pressed.
    CtrlD,
    /// Any other key or escape sequence.
    Other,
}

/// Why the conversation ended without the user finishing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The Ctrl-C key.
    CtrlC,
    /// SIGINT, SIGTERM or SIGHUP from outside.
    Signal,
    /// End of input, a hang-up or a read error: the terminal is gone.
    Lost,
}

impl Stop {
    /// The short line for standard error, before what was kept is said.
    pub fn reason(self) -> &'static str {
        match self {
            Stop::CtrlC => "Interrupted",
            Stop::Signal => "Stopped by a signal",
            Stop::Lost => "The terminal went away",
        }
    }
}

/// What a wait on the terminal brought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A key press.
    Key(Key),
    /// The wait's deadline passed with nothing typed.
    Timeout,
    /// The conversation is over; see [`Stop`].
    Stop(Stop),
}

/// Raw mode, the key reader and the signal watch, for as long as it lives.
pub struct Terminal {
    keys: VecDeque<Key>,
    decoder: Decoder,
    stopped: Option<Stop>,
    #[cfg(unix)]
    signals: std::os::unix::net::UnixStream,
    #[cfg(not(unix))]
    signals: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

fn key_error(e: std::io::Error) -> Error {
    Error::io("cannot read keys from", "the terminal", e)
}

impl Terminal {
    /// Catches SIGINT, SIGTERM and SIGHUP and switches the terminal to raw mode. Call
    /// it once per process (the signal handler can be set only once).
    pub fn open() -> Result<Terminal> {
        let signals = watch_signals()?;
        crossterm::terminal::enable_raw_mode().map_err(key_error)?;
        Ok(Terminal { keys: VecDeque::new(), decoder: Decoder::default(), stopped: None, signals })
    }

    /// Waits for the next key, at most `wait` (`None`: until something happens).
    /// Once a [`Stop`] has been returned, every later call returns it again at once.
    pub fn next(&mut self, wait: Option<Duration>) -> Event {
        if let Some(stop) = self.stopped {
            return Event::Stop(stop);
        }
        if self.signalled() {
            return self.stop(Stop::Signal);
        }
        if let Some(key) = self.keys.pop_front() {
            return self.event_of(key);
        }
        match self.wait(wait) {
            Waited::Keys => match self.keys.pop_front() {
                Some(key) => self.event_of(key),
                // Bytes that made no key yet (half a UTF-8 character): try again.
                None => Event::Timeout,
            },
            Waited::Timeout => Event::Timeout,
            Waited::Stop(stop) => self.stop(stop),
        }
    }

    /// Writes lines (raw mode needs `\r\n`). Errors are ignored: a terminal that is
    /// gone is noticed by the next read.
    pub fn say(&mut self, lines: &[String]) {
        let mut out = std::io::stdout();
        for line in lines {
            let _ = write!(out, "{line}\r\n");
        }
        let _ = out.flush();
    }

    /// Writes text as it is and flushes.
    pub fn write(&mut self, text: &str) {
        let mut out = std::io::stdout();
        let _ = write!(out, "{text}");
        let _ = out.flush();
    }

    fn event_of(&mut self, key: Key) -> Event {
        if key == Key::CtrlC {
            return self.stop(Stop::CtrlC);
        }
        Event::Key(key)
    }

    fn stop(&mut self, stop: Stop) -> Event {
        self.stopped = Some(stop);
        Event::Stop(stop)
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// What one wait ended with.
enum Waited {
    Keys,
    Timeout,
    Stop(Stop),
}

#[cfg(unix)]
fn watch_signals() -> Result<std::os::unix::net::UnixStream> {
    use std::os::unix::net::UnixStream;
    let (mut tx, rx) = UnixStream::pair().map_err(key_error)?;
    rx.set_nonblocking(true).map_err(key_error)?;
    // ctrlc (with its `termination` feature) runs this on its own thread for SIGINT,
    // SIGTERM and SIGHUP; the byte wakes the poll below.
    ctrlc::set_handler(move || {
        let _ = tx.write_all(b"s");
    })
    .map_err(|e| key_error(std::io::Error::other(e)))?;
    Ok(rx)
}

#[cfg(unix)]
impl Terminal {
    fn signalled(&mut self) -> bool {
        use std::io::Read;
        let mut byte = [0u8; 16];
        matches!((&self.signals).read(&mut byte), Ok(n) if n > 0)
    }

    fn wait(&mut self, wait: Option<Duration>) -> Waited {
        use std::os::fd::AsRawFd;
        let timeout = wait.map_or(-1, |w| i32::try_from(w.as_millis()).unwrap_or(i32::MAX));
        let mut fds = [
            libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 },
            libc::pollfd { fd: self.signals.as_raw_fd(), events: libc::POLLIN, revents: 0 },
        ];
        // SAFETY: `fds` is a live array of two pollfd for the length given.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, timeout) };
        if ready < 0 {
            let e = std::io::Error::last_os_error();
            // A signal interrupted the wait; its byte is in the pipe for the next call.
            return if e.kind() == std::io::ErrorKind::Interrupted { Waited::Keys } else { Waited::Stop(Stop::Lost) };
        }
        if ready == 0 {
            return Waited::Timeout;
        }
        if fds[1].revents != 0 && self.signalled() {
            return Waited::Stop(Stop::Signal);
        }
        let input = fds[0].revents;
        if input & (libc::POLLIN | libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) == 0 {
            return Waited::Keys;
        }
        let mut buf = [0u8; 256];
        // SAFETY: reads at most `buf.len()` bytes into `buf`.
        let n = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
        match n {
            // End of input, or the terminal closed under us (EIO).
            0 => Waited::Stop(Stop::Lost),
            n if n < 0 => match std::io::Error::last_os_error().kind() {
                std::io::ErrorKind::Interrupted | std::io::ErrorKind::WouldBlock => Waited::Keys,
                _ => Waited::Stop(Stop::Lost),
            },
            n => {
                let n = usize::try_from(n).unwrap_or(0);
                self.keys.extend(self.decoder.feed(&buf[..n]));
                Waited::Keys
            }
        }
    }
}

#[cfg(not(unix))]
fn watch_signals() -> Result<std::sync::Arc<std::sync::atomic::AtomicBool>> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let flag = std::sync::Arc::new(AtomicBool::new(false));
    let set = flag.clone();
    ctrlc::set_handler(move || set.store(true, Ordering::SeqCst)).map_err(|e| key_error(std::io::Error::other(e)))?;
    Ok(flag)
}

#[cfg(not(unix))]
impl Terminal {
    fn signalled(&mut self) -> bool {
        self.signals.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn wait(&mut self, wait: Option<Duration>) -> Waited {
        use crossterm::event::{self, Event as Ev, KeyCode, KeyEventKind, KeyModifiers};
        // Without poll(2) on a signal pipe the wait is sliced so a signal is seen
        // within a quarter second.
        let slice = Duration::from_millis(250);
        let deadline = wait.map(|w| std::time::Instant::now() + w);
        loop {
            if self.signalled() {
                return Waited::Stop(Stop::Signal);
            }
            let left = deadline.map(|d| d.saturating_duration_since(std::time::Instant::now()));
            if left == Some(Duration::ZERO) {
                return Waited::Timeout;
            }
            match event::poll(left.map_or(slice, |l| l.min(slice))) {
                Err(_) => return Waited::Stop(Stop::Lost),
                Ok(false) => continue,
                Ok(true) => {}
            }
            let Ok(Ev::Key(k)) = event::read() else { return Waited::Stop(Stop::Lost) };
            if k.kind != KeyEventKind::Press {
                continue;
            }
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            self.keys.push_back(match k.code {
                KeyCode::Char('c') if ctrl => Key::CtrlC,
                KeyCode::Char('d') if ctrl => Key::CtrlD,
                KeyCode::Char(_) if ctrl => Key::Other,
                KeyCode::Char(c) => Key::Char(c),
                KeyCode::Enter => Key::Enter,
                KeyCode::Esc => Key::Esc,
                KeyCode::Backspace => Key::Backspace,
                KeyCode::Tab => Key::Tab,
                KeyCode::Left => Key::Left,
                KeyCode::Right => Key::Right,
                KeyCode::Up => Key::Up,
                KeyCode::Down => Key::Down,
                _ => Key::Other,
            });
            return Waited::Keys;
        }
    }
}

/// Turns the bytes of raw-mode input into keys, keeping half a UTF-8 character for
/// the next read.
#[derive(Debug, Default)]
struct Decoder {
    pending: Vec<u8>,
}

impl Decoder {
    /// The keys in `bytes` (after what was pending).
    fn feed(&mut self, bytes: &[u8]) -> Vec<Key> {
        self.pending.extend_from_slice(bytes);
        let data = std::mem::take(&mut self.pending);
        let mut keys = Vec::new();
        let mut i = 0;
        while i < data.len() {
            let b = data[i];
            i += 1;
            keys.push(match b {
                b'\r' | b'\n' => Key::Enter,
                0x7f | 0x08 => Key::Backspace,
                b'\t' => Key::Tab,
                0x03 => Key::CtrlC,
                0x04 => Key::CtrlD,
                0x1b => {
                    let (key, used) = escape(&data[i..]);
                    i += used;
                    key
                }
                0x00..=0x1f => Key::Other,
                0x20..=0x7e => Key::Char(char::from(b)),
                _ => {
                    let start = i - 1;
                    let end = (start + 4).min(data.len());
                    match std::str::from_utf8(&data[start..end]) {
                        Ok(s) => {
                            let c = s.chars().next().unwrap_or('\u{fffd}');
                            i = start + c.len_utf8();
                            Key::Char(c)
                        }
                        Err(e) if e.valid_up_to() > 0 => {
                            let s = std::str::from_utf8(&data[start..start + e.valid_up_to()]).unwrap_or("\u{fffd}");
                            let c = s.chars().next().unwrap_or('\u{fffd}');
                            i = start + c.len_utf8();
                            Key::Char(c)
                        }
                        // The rest of the character has not arrived yet.
                        Err(e) if e.error_len().is_none() => {
                            self.pending = data[start..].to_vec();
                            break;
                        }
                        Err(_) => Key::Other,
                    }
                }
            });
        }
        keys
    }
}

/// The key an escape byte starts, given the bytes after it, and how many of them it
/// used: `ESC [ A`…`D` (or `ESC O A`…) are arrows, other CSI sequences are skipped
/// whole, and a lone ESC is Escape.
fn escape(rest: &[u8]) -> (Key, usize) {
    match rest {
        [b'[' | b'O', tail @ ..] if !tail.is_empty() => {
            // A CSI sequence ends at its first byte in 0x40..=0x7e.
            let Some(end) = tail.iter().position(|b| (0x40..=0x7e).contains(b)) else {
                return (Key::Other, rest.len());
            };
            let key = match tail[end] {
                b'A' => Key::Up,
                b'B' => Key::Down,
                b'C' => Key::Right,
                b'D' => Key::Left,
                _ => Key::Other,
            };
            (key, end + 2)
        }
        _ => (Key::Esc, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_become_keys() {
        let mut d = Decoder::default();
        assert_eq!(
            d.feed(b"3\r\x7f\x1b[D\x1b[C\x1bOA\x03\x04\tq\x1b"),
            vec![
                Key::Char('3'),
                Key::Enter,
                Key::Backspace,
                Key::Left,
                Key::Right,
                Key::Up,
                Key::CtrlC,
                Key::CtrlD,
                Key::Tab,
                Key::Char('q'),
                Key::Esc
            ]
        );
        // Other CSI sequences (here Delete, ESC [ 3 ~) are one key that does nothing.
        assert_eq!(d.feed(b"\x1b[3~x"), vec![Key::Other, Key::Char('x')]);
    }

    #[test]
    fn a_character_split_across_reads_is_put_together() {
        let mut d = Decoder::default();
        let bytes = "é→".as_bytes();
        assert_eq!(d.feed(&bytes[..1]), vec![]);
        assert_eq!(d.feed(&bytes[1..3]), vec![Key::Char('é')]);
        assert_eq!(d.feed(&bytes[3..]), vec![Key::Char('→')]);
    }
}
