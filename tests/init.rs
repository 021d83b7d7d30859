//! `systemcraft init`: fresh folders, existing folders, existing repositories, and no
//! git identity.

use crate::testenv::Env;

fn commits(root: &std::path::Path) -> usize {
    let repo = git2::Repository::open(root).unwrap();
    let mut walk = repo.revwalk().unwrap();
    walk.push_head().unwrap();
    walk.count()
}

#[test]
fn fresh_init_scaffolds_commits_and_writes_the_dashboard() {
    let env = Env::empty().with_git_identity();
    let r = env.run_ok(&["init", "ws", "--name", "Ada", "--track", "l6-to-l7", "--target", "l7", "--timeline", "deep"]);
    assert!(r.stdout.contains("created a git repository with a first commit"), "{}", r.stdout);
    for f in [
        "systemcraft.yaml",
        "assessment.md",
        "DASHBOARD.md",
        ".gitignore",
        "stories/README.md",
        "logs/README.md",
        "designs/README.md",
        "mocks/README.md",
        "plans/README.md",
        "reference/leadership-principles.md",
        "reference/l6-vs-l7.md",
        "templates/story.md",
    ] {
        assert!(env.exists(f), "missing {f}");
    }
    let profile = env.read("systemcraft.yaml");
    assert!(profile.contains("name: \"Ada\""), "{profile}");
    assert!(profile.contains("track: l6-to-l7") || profile.contains("track: \"l6-to-l7\""), "{profile}");
    assert_eq!(commits(&env.root), 1);
    let repo = git2::Repository::open(&env.root).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(head.author().name().ok(), Some("Test User"));
    assert!(head.tree().unwrap().get_name("DASHBOARD.md").is_some());
    // The working tree is clean after init: everything was committed.
    let mut opts = git2::StatusOptions::new();
    opts.include_untracked(true).include_ignored(false);
    let statuses = repo.statuses(Some(&mut opts)).unwrap();
    assert_eq!(statuses.len(), 0, "untracked or changed files after init");

    let json = env.json();
    assert_eq!(json["profile"]["track"], "l6-to-l7");
    assert_eq!(json["profile"]["target_level"], "L7");
    assert_eq!(json["profile"]["timeline"], "deep");
    assert_eq!(json["counts"]["examples"], 4);
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{:#}", json["diagnostics"]);
}

#[test]
fn the_first_dashboard_has_bars_minimums_goals_and_the_assessment_first() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    let r = env.run_ok(&["build"]);
    assert!(r.stdout.contains("DASHBOARD.md unchanged"), "init wrote the same dashboard: {}", r.stdout);
    let d = env.read("DASHBOARD.md");
    for bar in ["Technical Skills", "Behavioral Stories", "Cultural Alignment", "Interview Readiness"] {
        assert!(d.contains(&format!("| {bar} | `░░░░░░░░░░` | 0% |")), "bar {bar} missing:\n{d}");
    }
    assert!(d.contains("- [ ] 1 coding problem (30 min)"));
    assert!(d.contains("- [ ] 30 min of system design"));
    assert!(d.contains("- [ ] 15 min of story work"));
    assert!(d.contains("| Complete 2 full system designs | 0 / 2 |"));
    assert!(d.contains("| Solve 10 coding problems | 0 / 10 |"));
    assert!(d.contains("| Write 3 STAR stories | 0 / 3 |"));
    assert!(d.contains("| Do 1 mock interview | 0 / 1 |"));
    let first = d.split("## Next actions\n\n").nth(1).unwrap().lines().next().unwrap();
    assert!(first.starts_with("1. **Take the self-assessment**"), "{first}");
    assert_eq!(commits(&env.root), 1);
}

#[test]
fn init_into_an_existing_folder_keeps_every_existing_file() {
    let env = Env::empty();
    env.write("assessment.md", "my own answers\n");
    env.write("stories/README.md", "mine\n");
    env.write("notes.txt", "unrelated\n");
    let r = env.run_ok(&["init", ".", "--no-git"]);
    assert!(r.stdout.contains("kept 2 existing files untouched"), "{}", r.stdout);
    assert!(r.stdout.contains("    assessment.md"));
    assert_eq!(env.read("assessment.md"), "my own answers\n");
    assert_eq!(env.read("stories/README.md"), "mine\n");
    assert_eq!(env.read("notes.txt"), "unrelated\n");
    assert!(env.exists("systemcraft.yaml"));
    assert!(!env.exists(".git"));

    // A second init changes nothing and keeps everything, the dashboard included.
    let before = env.read("DASHBOARD.md");
    let profile = env.read("systemcraft.yaml");
    let r = env.run_ok(&["init", ".", "--no-git", "--name", "Someone Else"]);
    assert!(r.stdout.contains("created 0 files"), "{}", r.stdout);
    assert_eq!(env.read("systemcraft.yaml"), profile);
    assert_eq!(env.read("DASHBOARD.md"), before);
}

#[test]
fn init_into_an_existing_repository_does_not_reinitialise() {
    let env = Env::empty().with_git_identity();
    std::fs::create_dir_all(&env.root).unwrap();
    let repo = git2::Repository::init(&env.root).unwrap();
    env.write("old.md", "history\n");
    let mut index = repo.index().unwrap();
    index.add_path(std::path::Path::new("old.md")).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now("Someone", "s@example.com").unwrap();
    let first = repo.commit(Some("HEAD"), &sig, &sig, "existing history", &tree, &[]).unwrap();

    let r = env.run_ok(&["init", "."]);
    assert!(r.stdout.contains("committed the new files to the existing repository"), "{}", r.stdout);
    let repo = git2::Repository::open(&env.root).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(head.parent_id(0).unwrap(), first, "the old history is kept");
    assert_eq!(commits(&env.root), 2);
}

#[test]
fn init_without_a_git_identity_uses_the_fallback_author_and_says_so() {
    let env = Env::empty();
    let r = env.run_ok(&["init", "ws"]);
    assert!(r.stdout.contains("no identity configured"), "{}", r.stdout);
    let repo = git2::Repository::open(&env.root).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(head.author().name().ok(), Some("systemcraft"));
    assert_eq!(head.author().email().ok(), Some("systemcraft@localhost"));
}

#[test]
fn init_rejects_unknown_tracks_as_usage_errors() {
    let env = Env::empty();
    let r = env.run(&["init", "ws", "--track", "intern-to-ceo"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("senior-to-l6"), "{}", r.stderr);
    assert!(!env.exists("systemcraft.yaml"));
}

fn status_of(root: &std::path::Path, path: &str) -> git2::Status {
    git2::Repository::open(root).unwrap().status_file(std::path::Path::new(path)).unwrap()
}

#[test]
fn re_init_of_a_workspace_with_uncommitted_work_commits_nothing() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    let repo = git2::Repository::open(&env.root).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap().id();
    env.write("stories/draft.md", "---\ntitle: Draft\n---\nwork in progress\n");
    let profile = env.read("systemcraft.yaml");
    env.write("systemcraft.yaml", &format!("{profile}# my edit\n"));

    let r = env.run_ok(&["init", "."]);
    assert!(r.stdout.contains("created 0 files"), "{}", r.stdout);
    assert!(r.stdout.contains("nothing new to commit"), "{}", r.stdout);
    let repo = git2::Repository::open(&env.root).unwrap();
    assert_eq!(repo.head().unwrap().peel_to_commit().unwrap().id(), head, "HEAD moved");
    assert_eq!(commits(&env.root), 1);
    assert!(status_of(&env.root, "stories/draft.md").contains(git2::Status::WT_NEW));
    assert!(status_of(&env.root, "systemcraft.yaml").contains(git2::Status::WT_MODIFIED));
    assert!(!status_of(&env.root, "stories/draft.md").contains(git2::Status::INDEX_NEW), "draft was staged");
}

#[test]
fn re_init_with_one_missing_file_commits_only_that_file() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    // The user deletes a template and commits that.
    env.remove("templates/story.md");
    let repo = git2::Repository::open(&env.root).unwrap();
    let mut index = repo.index().unwrap();
    index.remove_path(std::path::Path::new("templates/story.md")).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now("Someone", "s@example.com").unwrap();
    let parent = repo.head().unwrap().peel_to_commit().unwrap();
    repo.commit(Some("HEAD"), &sig, &sig, "drop the template", &tree, &[&parent]).unwrap();
    env.write("stories/draft.md", "---\ntitle: Draft\n---\nwork in progress\n");
    let r = env.run_ok(&["init", "."]);
    assert!(r.stdout.contains("created 1 file"), "{}", r.stdout);
    assert!(r.stdout.contains("committed the new files"), "{}", r.stdout);
    assert_eq!(commits(&env.root), 3);
    let repo = git2::Repository::open(&env.root).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let parent = head.parent(0).unwrap();
    let diff = repo.diff_tree_to_tree(Some(&parent.tree().unwrap()), Some(&head.tree().unwrap()), None).unwrap();
    let paths: Vec<String> =
        diff.deltas().map(|d| d.new_file().path().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(paths, vec!["templates/story.md".to_string()]);
    assert!(status_of(&env.root, "stories/draft.md").contains(git2::Status::WT_NEW));
}

#[test]
fn init_inside_an_existing_workspace_is_refused_and_names_its_root() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    let before = commits(&env.root);
    for target in ["stories", "newfolder/deeper"] {
        let r = env.run(&["init", target]);
        assert_eq!(r.code, 1, "{target}: {r:?}");
        let root = env.root.canonicalize().unwrap();
        assert!(r.stderr.contains(&format!("inside the systemcraft workspace at {}", root.display())), "{}", r.stderr);
        let inner = root.join(target);
        assert!(r.stderr.contains(&format!("error: {} is inside", inner.display())), "{}", r.stderr);
        assert!(r.stderr.contains("hint: use the existing workspace"), "{}", r.stderr);
        assert!(r.stderr.contains("outside it"), "{}", r.stderr);
    }
    assert!(!env.exists("stories/systemcraft.yaml"));
    assert!(!env.exists("stories/templates"));
    assert!(!env.exists("newfolder"));
    assert_eq!(commits(&env.root), before);
    // The root itself, by any spelling, may be initialised again.
    env.run_ok(&["init", "stories/.."]);
    env.run_ok(&["init", "."]);
    assert_eq!(commits(&env.root), before);
}

#[test]
fn init_points_at_assess_next() {
    let env = Env::empty();
    let r = env.run_ok(&["init", "ws", "--no-git"]);
    assert!(r.stdout.contains("`systemcraft assess`"), "{}", r.stdout);
    // Once the assessment is answered, init run again does not send you back to it.
    env.run_ok(&["assess", "--answer", "coding-speed=3"]);
    let out = env.cmd().current_dir(env.root.parent().unwrap()).args(["init", "ws", "--no-git"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!stdout.contains("take the self-assessment"), "{stdout}");
    assert!(stdout.contains("Next: the assessment is answered; run `systemcraft build`"), "{stdout}");
}

#[test]
fn re_init_commits_its_file_but_not_what_the_user_staged() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    // The user deletes a template and commits that, then stages a draft.
    env.remove("templates/log.md");
    let repo = git2::Repository::open(&env.root).unwrap();
    let mut index = repo.index().unwrap();
    index.remove_path(std::path::Path::new("templates/log.md")).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now("Someone", "s@example.com").unwrap();
    let parent = repo.head().unwrap().peel_to_commit().unwrap();
    repo.commit(Some("HEAD"), &sig, &sig, "drop the template", &tree, &[&parent]).unwrap();
    env.write("stories/staged.md", "---\ntitle: Staged\n---\nnot ready to commit\n");
    let mut index = repo.index().unwrap();
    index.add_path(std::path::Path::new("stories/staged.md")).unwrap();
    index.write().unwrap();

    let r = env.run_ok(&["init", "."]);
    assert!(r.stdout.contains("created 1 file"), "{}", r.stdout);
    let repo = git2::Repository::open(&env.root).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let tree = head.tree().unwrap();
    assert!(tree.get_path(std::path::Path::new("templates/log.md")).is_ok(), "the re-created file is committed");
    assert!(tree.get_path(std::path::Path::new("stories/staged.md")).is_err(), "the staged draft was committed");
    let status = status_of(&env.root, "stories/staged.md");
    assert!(status.contains(git2::Status::INDEX_NEW), "the draft is no longer staged: {status:?}");
    assert_eq!(status_of(&env.root, "templates/log.md"), git2::Status::CURRENT);
}
