//! `future-community`: the command-line front end of the future-community
//! core. Evaluates many communities (files, or one file with many
//! boundaries), writes accessibility tables, isochrones and summaries.
//!
//! Errors go to stderr as `error CODE [feature N]: message`; the exit status
//! is 2 for bad input and 1 for other failures.
#![forbid(unsafe_code)]

mod access;
mod evaluate;
mod fail;
mod load;
mod table;

use clap::{Parser, Subcommand};
use future_community::isochrone;
use future_community::profile;
use serde_json::{json, Value};

use fail::Fail;
use load::ReadArgs;
use table::{Table, Values};

/// Columns shown in the text table on stdout (all of them go to --out).
const TEXT_COLUMNS: usize = 17;

/// What `isochrones` and `service-areas` share: the limits, the output and
/// how to read the file.
#[derive(clap::Args, Debug)]
struct AreaArgs {
    /// Walking-time limits in minutes, comma-separated (default 5,10,15).
    #[arg(long, value_delimiter = ',')]
    minutes: Vec<f64>,
    /// GeoJSON output file (default: stdout).
    #[arg(long)]
    out: Option<String>,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Parser, Debug)]
#[command(
    name = "future-community",
    version,
    about = "Future-community evaluation and walking accessibility from GeoJSON"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Evaluate every site (boundary) of every file against a profile:
    /// one row per site with overall and scenario scores and every indicator.
    Evaluate {
        /// GeoJSON files (each may hold several boundaries).
        #[arg(required = true)]
        files: Vec<String>,
        /// Built-in profile id (see `profiles`) or a profile JSON file.
        #[arg(long, default_value = future_community::evaluation::DEFAULT_PROFILE)]
        profile: String,
        /// renovation (改造更新) or newBuild (规划新建).
        #[arg(long)]
        project_type: Option<String>,
        /// leading (引领型) or inclusive (普惠型).
        #[arg(long)]
        tier: Option<String>,
        /// report.json (full reports), report.csv or report.parquet (one row per site).
        #[arg(long)]
        out: Option<String>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Walking accessibility of every residential building, in columns.
    Accessibility {
        /// A GeoJSON file.
        file: String,
        /// Facility categories, comma-separated (default: all in the data).
        #[arg(long, value_delimiter = ',')]
        categories: Vec<String>,
        /// Coverage thresholds in metres, comma-separated (default 300,500,1000).
        #[arg(long, value_delimiter = ',')]
        thresholds: Vec<f64>,
        /// x.csv or x.parquet (one row per building).
        #[arg(long)]
        out: Option<String>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Walking isochrones from a point or a facility, as GeoJSON.
    Isochrones {
        /// A GeoJSON file.
        file: String,
        /// Start point `lon,lat` (WGS84).
        #[arg(
            long,
            value_delimiter = ',',
            allow_negative_numbers = true,
            conflicts_with = "facility"
        )]
        origin: Option<Vec<f64>>,
        /// Start at the facility with this id.
        #[arg(long)]
        facility: Option<String>,
        #[command(flatten)]
        areas: AreaArgs,
    },
    /// Walking service areas of one facility category (one polygon per time
    /// limit: where a facility of it is within so many minutes), as GeoJSON.
    ServiceAreas {
        /// A GeoJSON file.
        file: String,
        /// Facility category (see `summary`), e.g. clinic.
        #[arg(long)]
        category: String,
        #[command(flatten)]
        areas: AreaArgs,
    },
    /// Counts by kind and category, sites and reading warnings, as JSON.
    Summary {
        /// A GeoJSON file.
        file: String,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// The built-in profiles.
    Profiles,
}

fn run(cli: Cli) -> Result<(), Fail> {
    match cli.command {
        Command::Evaluate {
            files,
            profile,
            project_type,
            tier,
            out,
            read,
        } => {
            let p = load::profile(&profile)?;
            let opts = evaluate::eval_options(project_type.as_deref(), tier.as_deref())?;
            let ropts = read.read_options()?;
            let bar = read.progress(files.len(), "communities");
            let mut reports = Vec::with_capacity(files.len());
            for f in &files {
                bar.set_message(f.clone());
                let c = read.community(f, &ropts)?;
                reports.push(evaluate::evaluate_file(f, &c, &p, &opts)?);
                bar.inc(1);
            }
            bar.finish_and_clear();
            match out.as_deref() {
                Some(o) if o.ends_with(".json") => table::write_json(o, &evaluate::json(&reports)),
                o => evaluate::table(&reports).write(o, TEXT_COLUMNS),
            }
        }
        Command::Accessibility {
            file,
            categories,
            thresholds,
            out,
            read,
        } => {
            let opts = access::options(&categories, &thresholds)?;
            let c = read.community(&file, &read.read_options()?)?;
            let bar = read.progress(1, "accessibility");
            let engine = c.access_engine().map_err(|e| Fail::core(&file, e))?;
            let cols = engine
                .accessibility_columns(&opts)
                .map_err(|e| Fail::core(&file, e))?;
            bar.finish_and_clear();
            access::table(&cols).write(out.as_deref(), TEXT_COLUMNS)?;
            if out.is_none() {
                print_json(&access::coverage_json(&cols))?;
            }
            Ok(())
        }
        Command::Isochrones {
            file,
            origin,
            facility,
            areas,
        } => {
            let mut v = json!({});
            if let Some(o) = origin {
                v["origin"] = json!(o);
            }
            if let Some(f) = facility {
                v["origin"] = json!({ "facilityId": f });
            }
            write_areas(v, &file, areas, isochrone::isochrones)
        }
        Command::ServiceAreas {
            file,
            category,
            areas,
        } => {
            let v = json!({ "category": category });
            write_areas(v, &file, areas, isochrone::service_areas)
        }
        Command::Summary { file, read } => {
            let c = read.community(&file, &read.read_options()?)?;
            print_json(&c.summary())
        }
        Command::Profiles => {
            let infos = profile::builtin_profiles();
            let mut t = Table::default();
            let col = |f: &dyn Fn(&profile::ProfileInfo) -> String| {
                Values::Str(infos.iter().map(|i| Some(f(i))).collect())
            };
            t.push("id", col(&|i| i.id.clone()));
            t.push("version", col(&|i| i.version.clone()));
            t.push(
                "scenarios",
                Values::I64(infos.iter().map(|i| Some(i.scenarios as i64)).collect()),
            );
            t.push(
                "indicators",
                Values::I64(infos.iter().map(|i| Some(i.indicators as i64)).collect()),
            );
            t.push("name", col(&|i| format!("{} / {}", i.name.zh, i.name.en)));
            t.write(None, TEXT_COLUMNS)
        }
    }
}

/// Areas around points or facilities (`isochrones`, `service-areas`): the
/// command line's options `v` with the limits of `args` decoded as `O`,
/// `compute` run on `file`, and its JSON written to `--out` (default:
/// stdout).
fn write_areas<O: serde::de::DeserializeOwned, R: serde::Serialize>(
    mut v: Value,
    file: &str,
    args: AreaArgs,
    compute: impl FnOnce(&future_community::Community, &O) -> future_community::Result<R>,
) -> Result<(), Fail> {
    if !args.minutes.is_empty() {
        v["minutes"] = json!(args.minutes);
    }
    let opts: O = load::options(&v, "options").map_err(|e| Fail::core("(command line)", e))?;
    let c = args.read.community(file, &args.read.read_options()?)?;
    let r = compute(&c, &opts).map_err(|e| Fail::core(file, e))?;
    match args.out {
        Some(o) => table::write_json(&o, &r),
        None => print_json(&r),
    }
}

fn print_json(v: &impl serde::Serialize) -> Result<(), Fail> {
    let text: Value = serde_json::to_value(v).map_err(|e| Fail::output("(stdout)", e))?;
    let s = serde_json::to_string_pretty(&text).map_err(|e| Fail::output("(stdout)", e))?;
    println!("{s}");
    Ok(())
}

fn main() {
    let cli = Cli::parse();
    if let Err(f) = run(cli) {
        eprint!("{}", f.render());
        std::process::exit(f.exit);
    }
}
