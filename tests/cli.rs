//! The command line itself: help, version, completions, man page, usage errors and
//! running outside a workspace.

use crate::testenv::Env;

#[test]
fn help_snapshot() {
    let env = Env::empty();
    let r = env.run_ok(&["--help"]);
    insta::assert_snapshot!("help", r.stdout);
    let r = env.run_ok(&["build", "--help"]);
    insta::assert_snapshot!("build_help", r.stdout);
}

#[test]
fn completions_and_man_page() {
    let env = Env::empty();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = env.run_ok(&["completions", shell]);
        assert!(r.stdout.contains("systemcraft"), "{shell}");
    }
    let r = env.run_ok(&["man"]);
    assert!(
        r.stdout.starts_with(".ie") || r.stdout.contains(".TH systemcraft"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
}

#[test]
fn outside_a_workspace_the_error_names_init() {
    let env = Env::empty();
    std::fs::create_dir_all(&env.root).unwrap();
    let r = env.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not inside a systemcraft workspace"), "{}", r.stderr);
    assert!(r.stderr.contains("systemcraft init"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::init();
    assert_eq!(env.run(&["build", "--frobnicate"]).code, 2);
    assert_eq!(env.run(&["build", "--today", "25/11/2026"]).code, 2);
    assert_eq!(env.run(&["no-such-command"]).code, 2);
}

#[test]
fn workspace_flag_and_discovery_from_a_subfolder() {
    let env = Env::init();
    let sub = env.root.join("stories");
    let out = env.cmd().current_dir(&sub).args(["build", "--json"]).output().unwrap();
    assert!(out.status.success());
    let out =
        env.cmd().current_dir(env.root.parent().unwrap()).args(["-w", "ws", "build", "--check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn man_writes_a_page_per_subcommand_into_a_folder() {
    let env = Env::empty();
    // A folder that does not exist yet is created (with its parents).
    let dir = env.home.join("share/man/man1");
    let r = env.run_ok(&["man", "--out-dir", dir.to_str().unwrap()]);
    assert!(r.stdout.contains("Wrote the man pages"), "{}", r.stdout);
    let mut pages: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    pages.sort();
    for page in
        ["systemcraft.1", "systemcraft-init.1", "systemcraft-build.1", "systemcraft-check.1", "systemcraft-mock.1"]
    {
        assert!(pages.iter().any(|p| p == page), "{page} missing from {pages:?}");
    }
    // The main page refers to the subcommands' pages, and each exists.
    let main = std::fs::read_to_string(dir.join("systemcraft.1")).unwrap();
    assert!(main.contains("systemcraft\\-init(1)"), "{main}");
    let check = std::fs::read_to_string(dir.join("systemcraft-check.1")).unwrap();
    assert!(check.contains("\\-\\-format"), "{check}");
    // A file where the folder should be is a usage error.
    std::fs::write(env.home.join("a-file"), "").unwrap();
    assert_eq!(env.run(&["man", "--out-dir", env.home.join("a-file").to_str().unwrap()]).code, 2);
}
