//! `future-community evaluate`: one row per site (boundary) of every file.

use future_community::evaluation;
use future_community::profile::{Comparison, EvalOptions, Profile, Report};
use future_community::Community;
use serde_json::{json, Value};

use crate::fail::Fail;
use crate::table::{Table, Values};

/// The reports of one file, with the site names of the community.
pub struct FileReports {
    /// The file as given on the command line.
    pub file: String,
    /// Site names, in the order of `comparison.reports`.
    pub names: Vec<Option<String>>,
    /// Every site evaluated and ranked.
    pub comparison: Comparison,
}

/// The core's evaluation options from the flags (decoded like the package's).
pub fn eval_options(project_type: Option<&str>, tier: Option<&str>) -> Result<EvalOptions, Fail> {
    let mut v = json!({});
    if let Some(p) = project_type {
        v["projectType"] = Value::String(p.to_string());
    }
    if let Some(t) = tier {
        v["tier"] = Value::String(t.to_string());
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Flags {
        #[serde(default)]
        project_type: Option<future_community::profile::ProjectType>,
        #[serde(default)]
        tier: Option<future_community::profile::Tier>,
    }
    let f: Flags =
        crate::load::options(&v, "options").map_err(|e| Fail::core("(command line)", e))?;
    Ok(EvalOptions {
        project_type: f.project_type,
        tier: f.tier,
        ..EvalOptions::default()
    })
}

/// Evaluates every site of one community.
pub fn evaluate_file(
    file: &str,
    c: &Community,
    profile: &Profile,
    opts: &EvalOptions,
) -> Result<FileReports, Fail> {
    let comparison = evaluation::evaluate_all(c, profile, opts).map_err(|e| Fail::core(file, e))?;
    let names = c.sites().iter().map(|s| s.name.clone()).collect();
    Ok(FileReports {
        file: file.to_string(),
        names,
        comparison,
    })
}

/// One table row: file, site name, report.
type Row<'a> = (&'a str, Option<&'a str>, &'a Report);

fn report_rows(f: &FileReports) -> Vec<Row<'_>> {
    f.comparison
        .reports
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let name = f.names.get(i).and_then(|n| n.as_deref());
            (f.file.as_str(), name, r)
        })
        .collect()
}

/// The table: file, site, overall score, grade, status, completeness, one
/// column per scenario score, then `<indicator>.value` and `<indicator>.pass`.
pub fn table(files: &[FileReports]) -> Table {
    let rows: Vec<Row<'_>> = files.iter().flat_map(report_rows).collect();
    let mut t = Table::default();
    let Some((_, _, first)) = rows.first() else {
        return t;
    };
    let str_col =
        |f: &dyn Fn(&Row<'_>) -> Option<String>| Values::Str(rows.iter().map(f).collect());
    t.push("file", str_col(&|r| Some(r.0.to_string())));
    t.push("site_id", str_col(&|r| r.2.site_id.clone()));
    t.push("site_name", str_col(&|r| r.1.map(str::to_string)));
    t.push(
        "score",
        Values::F64(rows.iter().map(|r| r.2.score).collect()),
    );
    t.push(
        "grade",
        str_col(&|r| r.2.grade.as_ref().map(|g| g.id.clone())),
    );
    t.push(
        "status",
        str_col(&|r| {
            serde_json::to_value(r.2.status)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
        }),
    );
    t.push(
        "completeness",
        Values::F64(rows.iter().map(|r| Some(r.2.completeness)).collect()),
    );
    for (i, s) in first.scenarios.iter().enumerate() {
        let v = rows
            .iter()
            .map(|r| r.2.scenarios.get(i).and_then(|x| x.score))
            .collect();
        t.push(format!("scenario.{}", s.id), Values::F64(v));
    }
    for (i, ind) in first.indicators.iter().enumerate() {
        let values = rows
            .iter()
            .map(|r| r.2.indicators.get(i).and_then(|x| x.value))
            .collect();
        let pass = rows
            .iter()
            .map(|r| r.2.indicators.get(i).and_then(|x| x.pass))
            .collect();
        t.push(format!("{}.value", ind.id), Values::F64(values));
        t.push(format!("{}.pass", ind.id), Values::Bool(pass));
    }
    t
}

/// The JSON document of `--out report.json`: every file with its full
/// reports and ranking.
pub fn json(files: &[FileReports]) -> Value {
    Value::Array(
        files
            .iter()
            .map(|f| json!({ "file": f.file, "siteNames": f.names, "comparison": f.comparison }))
            .collect(),
    )
}
