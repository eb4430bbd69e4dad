//! The zip archive of a Shapefile: its layers (`.shp` with the `.dbf`,
//! `.prj` and `.cpg` of the same name), unpacked within a byte budget.
//!
//! Zip bombs: every entry read is read through `take`, so no more than the
//! remaining budget is ever inflated whatever its header declares; a
//! declared size above the budget is refused before reading. The budget is
//! the reader's input limit (`maxBytes`) less what the other sources
//! already use, so an archive never unpacks to more than a GeoJSON text
//! would have been allowed to be.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use crate::error::{Error, Result};

/// The parts of one layer, unpacked.
#[derive(Debug, Default)]
pub struct Layer {
    /// The layer's name (the entry path without extension).
    pub name: String,
    /// `.shp` (always present in a returned layer).
    pub shp: Option<Vec<u8>>,
    /// `.dbf`, if present.
    pub dbf: Option<Vec<u8>>,
    /// `.prj`, if present.
    pub prj: Option<Vec<u8>>,
    /// `.cpg`, if present.
    pub cpg: Option<Vec<u8>>,
}

/// The parts a layer may have, by extension.
const PARTS: [&str; 4] = ["shp", "dbf", "prj", "cpg"];

fn invalid(archive: &str, e: impl std::fmt::Display) -> Error {
    Error::Shapefile {
        code: "INVALID_ARCHIVE",
        reason: format!("the zip archive{archive} cannot be read: {e}"),
    }
}

fn too_large(archive: &str, entry: &str, limit: usize) -> Error {
    Error::Shapefile {
        code: "ARCHIVE_TOO_LARGE",
        reason: format!(
            "the zip archive{archive} unpacks to more than {limit} bytes (at entry `{entry}`); \
             the limit is the input size limit `maxBytes`"
        ),
    }
}

/// The layers of a zipped Shapefile, in name order, each with its parts.
///
/// # Errors
/// `INVALID_ARCHIVE` (not a readable zip, an encrypted or unsupported
/// entry), `ARCHIVE_TOO_LARGE` (the parts read unpack to more than
/// `budget` bytes), `SHAPEFILE_MISSING_PART` (no `.shp`, or a `.shp`
/// without its `.dbf`).
pub fn layers(bytes: &[u8], name: Option<&str>, budget: usize) -> Result<Vec<Layer>> {
    let archive = name.map(|n| format!(" `{n}`")).unwrap_or_default();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| invalid(&archive, e))?;
    let mut found: BTreeMap<String, Layer> = BTreeMap::new();
    let mut left = budget;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| invalid(&archive, e))?;
        if entry.is_dir() {
            continue;
        }
        let path = entry.name().to_string();
        let Some((stem, ext)) = path.rsplit_once('.') else {
            continue;
        };
        let ext = ext.to_ascii_lowercase();
        // macOS archives carry `__MACOSX/._x.shp` resource forks: not layers.
        let file = stem.rsplit('/').next().unwrap_or(stem);
        if !PARTS.contains(&ext.as_str()) || stem.starts_with("__MACOSX/") || file.starts_with("._")
        {
            continue;
        }
        let declared = usize::try_from(entry.size()).unwrap_or(usize::MAX);
        if declared > left {
            return Err(too_large(&archive, &path, budget));
        }
        let mut data = Vec::with_capacity(declared);
        // One byte more than allowed tells a lying header from an exact fit.
        let cap = u64::try_from(left).unwrap_or(u64::MAX).saturating_add(1);
        (&mut entry)
            .take(cap)
            .read_to_end(&mut data)
            .map_err(|e| invalid(&archive, format!("entry `{path}`: {e}")))?;
        if data.len() > left {
            return Err(too_large(&archive, &path, budget));
        }
        left -= data.len();
        let layer = found.entry(stem.to_string()).or_insert_with(|| Layer {
            name: file.to_string(),
            ..Layer::default()
        });
        match ext.as_str() {
            "shp" => layer.shp = Some(data),
            "dbf" => layer.dbf = Some(data),
            "prj" => layer.prj = Some(data),
            _ => layer.cpg = Some(data),
        }
    }
    let mut out = Vec::new();
    let mut has_shp = false;
    for (stem, layer) in found {
        if layer.shp.is_none() {
            continue;
        }
        has_shp = true;
        if layer.dbf.is_none() {
            return Err(Error::Shapefile {
                code: "SHAPEFILE_MISSING_PART",
                reason: format!(
                    "the zip archive{archive} has `{stem}.shp` but no `{stem}.dbf` (the attribute \
                     table that belongs to it)"
                ),
            });
        }
        out.push(layer);
    }
    if !has_shp {
        return Err(Error::Shapefile {
            code: "SHAPEFILE_MISSING_PART",
            reason: format!(
                "the zip archive{archive} holds no .shp file (a zipped Shapefile needs at least \
                 .shp and .dbf)"
            ),
        });
    }
    Ok(out)
}
