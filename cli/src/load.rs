//! Reading inputs the way the package does: GeoJSON files with the same
//! read options, profiles by built-in id or from a JSON file, and option
//! objects decoded by the core's own decoder (same codes and wording).

use std::io::IsTerminal;

use clap::Args;
use future_community::decode;
use future_community::input::detect::{Format, SourceData};
use future_community::input::{ReadOptions, Source};
use future_community::option_text;
use future_community::profile::{self, Profile};
use future_community::{Community, Error};
use indicatif::{ProgressBar, ProgressStyle};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::fail::Fail;

/// Read options shared by every subcommand (the package's `fromGeoJSON` options).
#[derive(Args, Debug, Clone)]
pub struct ReadArgs {
    /// Coordinate system of the input: wgs84, gcj02 or bd09 (default: the
    /// format's, as in the package: WGS84, GCJ-02 for Amap, BD-09 for Baidu).
    #[arg(long)]
    pub crs: Option<String>,
    /// Fail on the first invalid feature instead of skipping it with a warning.
    #[arg(long)]
    pub strict: bool,
    /// A replacement OSM tag mapping (JSON file, the whole document).
    #[arg(long, value_name = "FILE")]
    pub osm_mapping: Option<String>,
    /// Force the input format: geojson, amap, baidu, csv or shapefile
    /// (default: detected from the content, as the package does).
    #[arg(long)]
    pub format: Option<String>,
    /// No progress bar (it is also hidden when stderr is not a terminal).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Decodes an options object like the bindings do: errors are
/// `INVALID_OPTION` named by the option's path.
pub fn options<T: DeserializeOwned>(value: &Value, what: &str) -> Result<T, Error> {
    decode::from_value(value).map_err(|e| {
        let (option, sentence) = option_text::describe(&e.path(), e.message());
        Error::option(if option.is_empty() { what } else { &option }, sentence)
    })
}

/// Reads a whole file as text.
pub fn read_text(path: &str) -> Result<String, Fail> {
    std::fs::read_to_string(path).map_err(|e| Fail::unreadable(path, &e))
}

impl ReadArgs {
    /// The core's read options from the flags.
    pub fn read_options(&self) -> Result<ReadOptions, Fail> {
        let mut m = Map::new();
        if let Some(crs) = &self.crs {
            m.insert("crs".into(), Value::String(crs.clone()));
        }
        m.insert("strict".into(), Value::Bool(self.strict));
        if let Some(p) = &self.osm_mapping {
            let text = read_text(p)?;
            let doc: Value = serde_json::from_str(&text)
                .map_err(|e| Fail::option("osmMapping", format!("{p}: not JSON: {e}")))?;
            m.insert("osmMapping".into(), doc);
        }
        options(&Value::Object(m), "options").map_err(|e| Fail::core("(command line)", e))
    }

    /// Reads one file into a community: its bytes go to the core as one
    /// source, in the `--format` given or the one detected from the content
    /// (GeoJSON, Amap or Baidu replies, CSV in UTF-8 or GBK).
    pub fn community(&self, path: &str, opts: &ReadOptions) -> Result<Community, Fail> {
        let format = match &self.format {
            Some(name) => {
                Some(Format::parse(name, "format").map_err(|e| Fail::core("(command line)", e))?)
            }
            None => None,
        };
        let bytes = std::fs::read(path).map_err(|e| Fail::unreadable(path, &e))?;
        let source = Source {
            data: SourceData::Bytes(&bytes),
            format,
            crs: None,
            name: None,
            gbk: None,
        };
        Community::from_sources(&[source], opts).map_err(|e| Fail::core(path, e))
    }

    /// A progress bar over `n` items on stderr, hidden with `--quiet` or
    /// when stderr is not a terminal.
    pub fn progress(&self, n: usize, what: &str) -> ProgressBar {
        if self.quiet || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(n as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(what.to_string());
        bar
    }
}

/// A profile by built-in id, or from a JSON file when `arg` names one.
pub fn profile(arg: &str) -> Result<Profile, Fail> {
    if arg.ends_with(".json") || std::path::Path::new(arg).is_file() {
        let text = read_text(arg)?;
        return profile::load_profile(&text).map_err(|e| Fail::core(arg, e));
    }
    profile::builtin(arg).map_err(|e| Fail::core("(command line)", e))
}
