//! The interactive commands (`assess`, `practice`, `mock`) when the conversation ends
//! without the user finishing it: the terminal closed under them (as a dropped ssh
//! session or a closed window does, with and without being the controlling terminal),
//! SIGTERM, SIGHUP. Each must exit within 2 seconds, non-zero, with the answers typed
//! so far saved and almost no CPU spent: no spinning on a dead terminal.

use std::time::Duration;

use crate::testenv::pty::{Ended, Tty};
use crate::testenv::Env;

/// How a test stops the command.
#[derive(Debug, Clone, Copy)]
enum How {
    /// Close the terminal that is the command's controlling terminal (SIGHUP and EIO).
    CloseControlling,
    /// Close a terminal that is only the command's input and output (EOF/EIO alone).
    CloseInput,
    Term,
    Hup,
}

const ALL: [How; 4] = [How::CloseControlling, How::CloseInput, How::Term, How::Hup];

/// Starts the command, lets `drive` type the answers, idles half a second (a command
/// spinning on its terminal would show up in the CPU time), then stops it.
fn stop_after(env: &Env, command: &str, args: &[&str], how: How, drive: impl FnOnce(&mut Tty)) -> Ended {
    let controlling = !matches!(how, How::CloseInput);
    let mut tty = Tty::spawn(env, command, args, controlling);
    drive(&mut tty);
    tty.mark();
    std::thread::sleep(Duration::from_millis(500));
    let ended = match how {
        How::CloseControlling | How::CloseInput => tty.close(),
        How::Term => tty.signal(libc::SIGTERM),
        How::Hup => tty.signal(libc::SIGHUP),
    };
    assert!(ended.after < Duration::from_secs(2), "{command} {how:?}: exit took {:?}", ended.after);
    assert!(ended.cpu < Duration::from_millis(200), "{command} {how:?}: {:?} of CPU", ended.cpu);
    assert_eq!(ended.code, Some(130), "{command} {how:?}:\n{}", ended.shown);
    ended
}

#[test]
fn assess_keeps_the_answers_typed_so_far() {
    for how in ALL {
        let env = Env::init();
        let ended = stop_after(&env, "assess", &[], how, |tty| {
            tty.expect("[1/12]");
            tty.send("4");
            tty.expect("[2/12]");
            tty.send("2");
            tty.expect("[3/12]");
        });
        let text = env.read("assessment.md");
        let answer = |id: &str| {
            text.lines()
                .find(|l| l.trim_start().starts_with(&format!("{id}:")))
                .map(|l| l.split('#').next().unwrap().trim().to_string())
        };
        assert_eq!(answer("design-at-scale").as_deref(), Some("design-at-scale: 4"), "{how:?}\n{text}");
        assert_eq!(answer("coding-speed").as_deref(), Some("coding-speed: 2"), "{how:?}\n{text}");
        if matches!(how, How::Term | How::Hup) {
            // The terminal is still there: the message and the report are shown.
            assert!(ended.shown.contains("Stopped by a signal: saving the answers given so far."), "{}", ended.shown);
            assert!(ended.shown.contains("Saved 2 of 12 answers"), "{}", ended.shown);
        }
    }
}

#[test]
fn practice_stops_during_the_countdown_with_nothing_to_keep() {
    let env = Env::init();
    env.write("stories/checkout.md", "---\ntitle: Checkout\nprinciples: [ownership]\n---\n## Situation\nx\n");
    for how in ALL {
        let ended = stop_after(&env, "practice", &["--minutes", "1"], how, |tty| {
            tty.expect("Press Enter to start the clock");
            tty.send("\r");
            // The countdown redraws every second while the test idles.
            tty.expect("1:00 left");
        });
        // The rating is the only answer and none was typed: nothing is recorded.
        assert!(!env.exists("logs/2026-11-25.md"), "{how:?}");
        if matches!(how, How::Term) {
            assert!(ended.shown.contains("Stopped by a signal: nothing recorded."), "{}", ended.shown);
        }
    }
}

#[test]
fn mock_keeps_the_ratings_once_the_phases_are_over() {
    for how in ALL {
        let env = Env::init();
        let ended = stop_after(&env, "mock", &["--kind", "system-design"], how, |tty| {
            tty.expect("Phase 1/5");
            tty.send("q");
            tty.expect("Rate system-design");
            tty.send("4");
            tty.expect("Rate communication");
        });
        let file = "mocks/2026-11-25-system-design.md";
        let text = env.read(file);
        assert!(
            text.contains("\nratings:               # 1-5 per area\n  system-design: 4\nstories:"),
            "{how:?}\n{text}"
        );
        if matches!(how, How::Hup) {
            assert!(ended.shown.contains("keeping the ratings and notes given so far"), "{}", ended.shown);
            assert!(ended.shown.contains(&format!("Wrote {file}")), "{}", ended.shown);
        }
    }
}

#[test]
fn mock_during_its_phases_is_abandoned_without_spinning() {
    let env = Env::init();
    for how in ALL {
        stop_after(&env, "mock", &["--kind", "coding"], how, |tty| {
            tty.expect("Phase 1/5");
            // The clock line is drawn while the phase runs.
            tty.expect(" / ");
        });
        assert!(!env.exists("mocks/2026-11-25-coding.md"), "{how:?}");
    }
}
