//! `systemcraft plan [--start DATE] [--path PATH]`: generate the study plan for the
//! path the self-assessment chose (or `--path`), write it to a new file under
//! plans/, and record it as the current plan in systemcraft.yaml.

use std::io::Write;

use crate::assess::Stored;
use crate::cli::PlanArgs;
use crate::config::{Config, PROFILE_FILE};
use crate::domain::assessment::Form;
use crate::domain::tracks::StudyPath;
use crate::plan::{schedule::path_reason, store, PlanRequest, StudyPlan};
use crate::{parse_date, Error, Globals, Result, EXIT_OK};

/// Runs the command.
pub fn run(globals: &Globals, args: PlanArgs) -> Result<i32> {
    let ws = globals.workspace()?;
    let start = args.start.as_deref().map(parse_date).transpose()?.unwrap_or(globals.today);
    let path = args.path.as_deref().map(study_path).transpose()?;
    let (config, _) = Config::load(&ws.root, globals.today)?;
    let stored = Stored::load(&ws.root)?;
    let form = stored.form.unwrap_or(Form::Quick);
    let request = PlanRequest::new(&config, form, stored.answers.clone(), stored.taken, path, start)
        .ok_or(Error::NotAssessed { answered: stored.answers.len(), total: form.items().len() })?;
    let plan = StudyPlan::generate(request)?;
    let saved = store::save(&ws.root, &plan)?;

    let mut out = anstream::stdout().lock();
    let n = plan.weeks.len();
    writeln!(
        out,
        "Wrote {}: {n} week{} from {} to {}, {} tasks.",
        saved.path,
        if n == 1 { "" } else { "s" },
        plan.start(),
        plan.end(),
        plan.tasks().count()
    )
    .map_err(crate::output::error)?;
    let why = match (plan.request.result(), path) {
        (Some(r), None) => path_reason(&r),
        (Some(r), Some(_)) => format!("chosen with --path; the assessment points to {}", r.path),
        (None, _) => "chosen with --path; the assessment is not complete yet".into(),
    };
    writeln!(out, "Path: {} ({why}).", plan.request.path).map_err(crate::output::error)?;
    if let Some(notice) = plan.compression_notice() {
        writeln!(out, "{notice}").map_err(crate::output::error)?;
    }
    if saved.profile_changed {
        writeln!(out, "{PROFILE_FILE} now names it as the current plan (plan: {}).", saved.path)
            .map_err(crate::output::error)?;
    }
    Ok(EXIT_OK)
}

/// Looks up `--path`, or explains the usage error with the closest path.
fn study_path(name: &str) -> Result<StudyPath> {
    StudyPath::parse(name).ok_or_else(|| {
        Error::Usage(match StudyPath::suggest(name) {
            Some(s) => format!("unknown study path \"{name}\": did you mean `{s}`?"),
            None => format!("unknown study path \"{name}\"; use one of: {}", StudyPath::slugs()),
        })
    })
}
