//! Delimited text of points (CSV, also tab- or semicolon-separated), as
//! spreadsheets and portals export facility lists.
//!
//! Columns are found by name, case-insensitively: longitude `lng`, `lon`,
//! `long`, `longitude`, `x`, `经度`; latitude `lat`, `latitude`, `y`, `纬度`;
//! name `name`, `名称`; id `id`, `uid`. The category comes from the first
//! of `category`, `kind`, `typecode`, `type`, `tag`, `类别` that has a value: six
//! digits (or codes joined by `|`) are an Amap typecode, a value with `;`
//! a Baidu tag (both through their mappings), anything else our own
//! category id. Each data row becomes one point feature, in order (feature
//! `i` of the source is data row `i`). Columns none of these names match
//! are listed once, in a `FIELDS_NOT_USED` warning.
//!
//! Bytes are decoded as UTF-8 (a byte order mark is dropped) when they are
//! valid UTF-8, else as GBK, the usual encoding of Chinese Windows exports
//! (natively with `encoding_rs`; the wasm build leaves GBK to the binding,
//! which decodes it with the platform's `TextDecoder`, see
//! `src/bindings/sources.rs`).

use std::borrow::Cow;

use serde_json::{json, Map, Value};

use crate::error::{Error, Result, Warning};

const LON: [&str; 6] = ["lng", "lon", "long", "longitude", "x", "经度"];
const LAT: [&str; 4] = ["lat", "latitude", "y", "纬度"];
const NAME: [&str; 2] = ["name", "名称"];
const ID: [&str; 2] = ["id", "uid"];
const CATEGORY: [&str; 6] = ["category", "kind", "typecode", "type", "tag", "类别"];

/// Rows named in a bad-coordinate warning or error (the first few).
const ROWS_SHOWN: usize = 5;

/// Bytes as text: UTF-8 when valid (without its byte order mark), else GBK.
///
/// # Errors
/// `UNSUPPORTED_FORMAT` when the bytes are not valid GBK either.
pub fn decode_bytes(bytes: &[u8]) -> Result<Cow<'_, str>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(t));
    }
    decode_gbk(bytes).ok_or_else(|| Error::UnsupportedFormat {
        reason: "the bytes are neither UTF-8 nor GBK text".into(),
    })
}

/// GBK bytes as text (natively with `encoding_rs`), `None` if they are
/// not GBK.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn decode_gbk(bytes: &[u8]) -> Option<Cow<'_, str>> {
    let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
    (!had_errors).then_some(text)
}

/// In the wasm build the binding has already decoded GBK (see the module
/// documentation); bytes that reach here are not text.
#[cfg(target_arch = "wasm32")]
pub(crate) fn decode_gbk(_bytes: &[u8]) -> Option<Cow<'_, str>> {
    None
}

/// The delimiter of the header line: the most frequent of `,`, tab, `;`.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

fn column(headers: &[String], names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| {
        let h = h.trim().to_lowercase();
        names.contains(&h.as_str())
    })
}

fn csv_error(e: &csv::Error) -> Error {
    Error::UnsupportedFormat {
        reason: format!("the CSV text cannot be read: {e}"),
    }
}

/// The properties that classify a row by its category value.
fn category_properties(value: &str, props: &mut Map<String, Value>) {
    let v = value.trim();
    let is_code = v
        .split('|')
        .all(|c| c.trim().len() == 6 && c.trim().bytes().all(|b| b.is_ascii_digit()));
    if is_code {
        props.insert("typecode".into(), json!(v));
    } else if v.contains(';') {
        props.insert("tag".into(), json!(v));
    } else {
        props.insert("kind".into(), json!("facility"));
        props.insert("category".into(), json!(v));
    }
}

/// CSV text as GeoJSON text, with one grouped warning for rows whose
/// coordinates are not numbers; also the (source-local) indices of those
/// rows, which have no geometry and need no further warning.
///
/// # Errors
/// `CSV_NO_COORDINATES` (naming the header found) without longitude and
/// latitude columns; `CSV_BAD_COORDINATE` when no row has numeric
/// coordinates; `UNSUPPORTED_FORMAT` for text the CSV parser rejects;
/// `LIMIT_EXCEEDED` for more rows than `max_features`.
pub fn to_geojson(text: &str, max_features: usize) -> Result<(String, Vec<Warning>, Vec<usize>)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(&e))?
        .iter()
        .map(str::to_string)
        .collect();
    let (Some(x), Some(y)) = (column(&headers, &LON), column(&headers, &LAT)) else {
        return Err(Error::CsvNoCoordinates {
            header: headers.join(", "),
        });
    };
    let name = column(&headers, &NAME);
    let id = column(&headers, &ID);
    let categories: Vec<usize> = CATEGORY
        .iter()
        .filter_map(|c| column(&headers, &[c]))
        .collect();
    let mut features = Vec::new();
    let mut bad_rows = Vec::new();
    let mut bad_lines = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if i >= max_features {
            return Err(super::poi::too_many(i + 1, max_features));
        }
        let record = record.map_err(|e| csv_error(&e))?;
        let field = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let number = |c| field(Some(c)).and_then(|v| v.parse::<f64>().ok());
        let point = number(x)
            .zip(number(y))
            .filter(|(a, b)| a.is_finite() && b.is_finite());
        if point.is_none() {
            bad_rows.push(i);
            bad_lines.push(record.position().map_or(i + 2, |p| p.line() as usize));
        }
        let mut props = Map::new();
        if let Some(n) = field(name) {
            props.insert("name".into(), json!(n));
        }
        if let Some(v) = categories.iter().find_map(|&c| field(Some(c))) {
            category_properties(v, &mut props);
        }
        features.push(json!({
            "type": "Feature",
            "id": field(id),
            "geometry": point.map(|(a, b)| json!({"type": "Point", "coordinates": [a, b]})),
            "properties": props,
        }));
    }
    let shown: Vec<String> = bad_lines
        .iter()
        .take(ROWS_SHOWN)
        .map(usize::to_string)
        .collect();
    let columns = format!("`{}` / `{}`", headers[x].trim(), headers[y].trim());
    if !features.is_empty() && bad_rows.len() == features.len() {
        return Err(Error::CsvBadCoordinate {
            lines: shown.join(", "),
            columns,
        });
    }
    let mut warnings = Vec::new();
    let used: Vec<usize> = [Some(x), Some(y), name, id]
        .into_iter()
        .flatten()
        .chain(categories.iter().copied())
        .collect();
    let unused = (0..headers.len())
        .filter(|c| !used.contains(c))
        .map(|c| headers[c].trim())
        .filter(|h| !h.is_empty());
    warnings.extend(super::fields::unused_fields_warning("columns", unused));
    if let Some(&first) = bad_rows.first() {
        warnings.push(Warning::feature(
            "CSV_BAD_COORDINATE",
            first,
            format!(
                "{} rows have no numeric coordinates in {columns} and were skipped (lines {}{})",
                bad_rows.len(),
                shown.join(", "),
                if bad_rows.len() > ROWS_SHOWN {
                    ", ..."
                } else {
                    ""
                }
            ),
        ));
    }
    let fc = json!({"type": "FeatureCollection", "features": features});
    Ok((fc.to_string(), warnings, bad_rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GBK_CSV: &[u8] = include_bytes!("../../tests/data/formats/facilities_gbk.csv");

    fn features(text: &str) -> Vec<Value> {
        let (t, _, _) = to_geojson(text, usize::MAX).expect("reads");
        let v: Value = serde_json::from_str(&t).expect("json");
        v["features"].as_array().expect("features").clone()
    }

    #[test]
    fn gbk_bytes_are_decoded_and_utf8_boms_dropped() {
        let text = decode_bytes(GBK_CSV).expect("gbk");
        assert!(text.starts_with("名称,经度,纬度"), "{text}");
        let bom = decode_bytes("\u{feff}a,b".as_bytes()).expect("utf-8");
        assert_eq!(bom, "a,b");
        // 0xFF alone is not GBK.
        let e = decode_bytes(&[b'a', 0xff]).unwrap_err();
        assert_eq!(e.code(), "UNSUPPORTED_FORMAT");
    }

    #[test]
    fn columns_are_found_by_name_and_categories_by_shape() {
        let f = features(
            "Name;LNG;Lat;type\nA;120.1;30.2;141203\nB;120.2;30.3;教育培训;幼儿园\nC;120.3;30.4;clinic\n",
        );
        assert_eq!(f.len(), 3);
        assert_eq!(f[0]["geometry"]["coordinates"], json!([120.1, 30.2]));
        assert_eq!(f[0]["properties"]["typecode"], "141203");
        assert_eq!(f[0]["properties"]["name"], "A");
        assert_eq!(f[2]["properties"]["category"], "clinic");
        assert_eq!(f[2]["properties"]["kind"], "facility");
        // `;` is the delimiter here, so B's tag is cut at it: only `教育培训`.
        assert_eq!(f[1]["properties"]["category"], "教育培训");
        let f = features("x\ty\tcategory\n1\t2\t教育培训;幼儿园\n");
        assert_eq!(f[0]["properties"]["tag"], "教育培训;幼儿园");
    }

    #[test]
    fn bad_coordinates_are_skipped_with_one_warning_or_refused() {
        let (_, w, bad) = to_geojson("lon,lat\n1,2\nabc,3\n4,\n5,6\n", usize::MAX).expect("reads");
        assert_eq!(bad, [1, 2]);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].code, "CSV_BAD_COORDINATE");
        assert!(w[0].message.contains("lines 3, 4"), "{}", w[0].message);
        let e = to_geojson("lon,lat\nabc,def\n", usize::MAX).unwrap_err();
        assert_eq!(e.code(), "CSV_BAD_COORDINATE");
        assert!(e.to_string().contains("line 2") || e.to_string().contains("lines 2"));
    }

    #[test]
    fn columns_nothing_reads_are_listed_once() {
        let (_, w, _) = to_geojson(
            "名称,经度,纬度,地址,电话\nA,1,2,x,y\nB,3,4,x,y\n",
            usize::MAX,
        )
        .expect("reads");
        let unused: Vec<_> = w.iter().filter(|w| w.code == "FIELDS_NOT_USED").collect();
        assert_eq!(unused.len(), 1);
        assert_eq!(unused[0].message, "columns not used: 地址, 电话");
        let (_, w, _) = to_geojson("lng,lat,name\n1,2,A\n", usize::MAX).expect("reads");
        assert!(w.is_empty());
    }

    #[test]
    fn no_coordinate_columns_names_the_header_found() {
        let e = to_geojson("名称,地址\nA,B\n", usize::MAX).unwrap_err();
        assert_eq!(e.code(), "CSV_NO_COORDINATES");
        assert!(e.to_string().contains("名称, 地址"), "{e}");
    }
}
