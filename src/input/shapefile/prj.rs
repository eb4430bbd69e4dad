//! A Shapefile's `.prj` (WKT 1, as ESRI and GDAL write it): which
//! coordinate system the `.shp` is in, and the inverse projection to
//! WGS84 longitude/latitude.
//!
//! Read: WGS 84 and CGCS2000 geographic (CGCS2000 is taken as WGS 84: the
//! two realisations differ by centimetres, far below what the indicators
//! resolve), and the CGCS2000 3-degree Gauss–Krüger zones, EPSG 4513–4533
//! (zone number in the false easting) and 4534–4554 (central meridian
//! only). A zone is recognised from its parameters (datum, projection
//! method, central meridian, false easting, scale factor, origin), not its
//! name; the zone table is data (`mappings/cgcs2000.json`, from the EPSG
//! dataset). Anything else is `UNSUPPORTED_PRJ`, naming what was found.
//! The inverse projection is [`super::tmerc`].

use serde::Deserialize;

use super::tmerc::InverseTmerc;

use crate::error::{Error, Result};

/// The zone table, as shipped.
const ZONES_JSON: &str = include_str!("../../../mappings/cgcs2000.json");

/// The CGCS2000 3-degree Gauss–Krüger zone table (`mappings/cgcs2000.json`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Zones {
    zone_width_deg: f64,
    first_zone: u32,
    last_zone: u32,
    zone_number_epsg_first: u32,
    central_meridian_epsg_first: u32,
    zone_number_factor_m: f64,
    false_easting_m: f64,
    false_northing_m: f64,
    scale_factor: f64,
    latitude_of_origin_deg: f64,
    semi_major_axis_m: f64,
    inverse_flattening: f64,
}

/// Parameters are compared with this tolerance (WKT writers print
/// `40500000.0`, `1.0`, `120.0` or the same with rounding noise).
const PARAM_TOLERANCE: f64 = 1e-6;

/// What a `.prj` says.
#[derive(Debug, Clone, PartialEq)]
pub enum PrjCrs {
    /// Longitude/latitude on WGS 84 or CGCS2000 (taken as WGS 84).
    Geographic {
        /// The datum's name as written.
        datum: String,
    },
    /// A CGCS2000 3-degree Gauss–Krüger zone.
    GaussKruger {
        /// Its EPSG code.
        epsg: u32,
        /// Central meridian, degrees east.
        central_meridian_deg: f64,
        /// False easting, metres.
        false_easting_m: f64,
    },
}

/// One node of WKT: `KEYWORD[item, item, ...]`.
#[derive(Debug, Default)]
struct Node {
    keyword: String,
    texts: Vec<String>,
    numbers: Vec<f64>,
    children: Vec<Node>,
}

impl Node {
    fn child(&self, keyword: &str) -> Option<&Node> {
        self.children
            .iter()
            .find(|c| c.keyword.eq_ignore_ascii_case(keyword))
    }

    fn name(&self) -> &str {
        self.texts.first().map_or("", String::as_str)
    }
}

/// Most nesting accepted in a `.prj` (real ones nest four deep).
const MAX_DEPTH: usize = 16;

struct Parser<'a> {
    text: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while self.text.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn node(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        let start = self.at;
        while self
            .text
            .get(self.at)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            self.at += 1;
        }
        let keyword = std::str::from_utf8(&self.text[start..self.at]).ok()?;
        let mut node = Node {
            keyword: keyword.to_string(),
            ..Node::default()
        };
        self.skip_space();
        let close = match self.text.get(self.at)? {
            b'[' => b']',
            b'(' => b')',
            _ => return None,
        };
        self.at += 1;
        loop {
            self.skip_space();
            match *self.text.get(self.at)? {
                b if b == close => {
                    self.at += 1;
                    return Some(node);
                }
                b',' => self.at += 1,
                b'"' => {
                    let end = self.text[self.at + 1..].iter().position(|&b| b == b'"')?;
                    let s = &self.text[self.at + 1..self.at + 1 + end];
                    node.texts.push(String::from_utf8_lossy(s).into_owned());
                    self.at += end + 2;
                }
                b if b == b'-' || b == b'+' || b == b'.' || b.is_ascii_digit() => {
                    let start = self.at;
                    while self.text.get(self.at).is_some_and(|b| {
                        !matches!(b, b',' | b']' | b')') && !b.is_ascii_whitespace()
                    }) {
                        self.at += 1;
                    }
                    let s = std::str::from_utf8(&self.text[start..self.at]).ok()?;
                    node.numbers.push(s.parse().ok()?);
                }
                _ => node.children.push(self.node(depth + 1)?),
            }
        }
    }
}

/// Lower-case letters and digits only, for comparing WKT names.
fn squash(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn is_cgcs2000(datum: &str) -> bool {
    let d = squash(datum);
    d.contains("china2000")
        || d.contains("cgcs2000")
        || d.contains("chinageodeticcoordinatesystem2000")
}

fn is_wgs84(datum: &str) -> bool {
    let d = squash(datum);
    d.contains("wgs1984") || d.contains("wgs84")
}

fn unsupported(layer: &str, found: &str, why: &str) -> Error {
    Error::Shapefile {
        code: "UNSUPPORTED_PRJ",
        reason: format!(
            "the .prj of layer `{layer}` describes `{found}`, which cannot be read ({why}); \
             supported: WGS 84, CGCS2000 geographic, CGCS2000 3-degree Gauss-Kruger zones \
             (EPSG 4513-4554)"
        ),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= PARAM_TOLERANCE * b.abs().max(1.0)
}

/// The coordinate system a `.prj` describes.
///
/// # Errors
/// `UNSUPPORTED_PRJ` for text that is not WKT, another datum, another
/// projection, or parameters that fit no CGCS2000 3-degree zone.
pub fn parse(text: &str, layer: &str) -> Result<PrjCrs> {
    let excerpt: String = text.trim().chars().take(80).collect();
    let root = Parser {
        text: text.trim().as_bytes(),
        at: 0,
    }
    .node(0)
    .ok_or_else(|| unsupported(layer, &excerpt, "not WKT"))?;
    let kw = root.keyword.to_ascii_lowercase();
    let geog = match kw.as_str() {
        "geogcs" | "geogcrs" => &root,
        "projcs" | "projcrs" => root
            .child("geogcs")
            .or_else(|| root.child("basegeogcrs"))
            .ok_or_else(|| unsupported(layer, root.name(), "no geographic base"))?,
        _ => return Err(unsupported(layer, &excerpt, "not a coordinate system")),
    };
    let datum = geog.child("datum").map_or("", Node::name).to_string();
    if std::ptr::eq(geog, &root) {
        return if is_wgs84(&datum) || is_cgcs2000(&datum) {
            Ok(PrjCrs::Geographic { datum })
        } else {
            Err(unsupported(layer, root.name(), "another datum"))
        };
    }
    if !is_cgcs2000(&datum) {
        return Err(unsupported(
            layer,
            root.name(),
            "a projection on a datum other than CGCS2000",
        ));
    }
    let method = root
        .child("projection")
        .or_else(|| root.child("method"))
        .map_or(String::new(), |n| squash(n.name()));
    if !(method.contains("transversemercator") || method.contains("gausskruger")) {
        return Err(unsupported(
            layer,
            root.name(),
            "not a Gauss-Kruger projection",
        ));
    }
    let param = |name: &str| {
        root.children
            .iter()
            .filter(|c| c.keyword.eq_ignore_ascii_case("parameter"))
            .find(|c| squash(c.name()) == name)
            .and_then(|c| c.numbers.first().copied())
    };
    let unit_ok = root
        .children
        .iter()
        .rfind(|c| c.keyword.eq_ignore_ascii_case("unit"))
        .is_none_or(|u| u.numbers.first().is_some_and(|f| close(*f, 1.0)));
    let zones = zones()?;
    let found = (
        param("centralmeridian").or_else(|| param("longitudeofnaturalorigin")),
        param("falseeasting").unwrap_or(0.0),
        param("falsenorthing").unwrap_or(0.0),
        param("scalefactor")
            .or_else(|| param("scalefactoratnaturalorigin"))
            .unwrap_or(1.0),
        param("latitudeoforigin")
            .or_else(|| param("latitudeofnaturalorigin"))
            .unwrap_or(0.0),
    );
    let (Some(cm), fe, fn_, k, lat0) = found else {
        return Err(unsupported(layer, root.name(), "no central meridian"));
    };
    let standard = unit_ok
        && close(fn_, zones.false_northing_m)
        && close(k, zones.scale_factor)
        && close(lat0, zones.latitude_of_origin_deg);
    let zone = cm / zones.zone_width_deg;
    let zone_ok = close(zone, zone.round())
        && zone.round() >= f64::from(zones.first_zone)
        && zone.round() <= f64::from(zones.last_zone);
    if !standard || !zone_ok {
        return Err(unsupported(
            layer,
            root.name(),
            "its parameters fit no CGCS2000 3-degree zone",
        ));
    }
    // Exact: zone_ok checked it is a whole number within the table.
    let zone = zone.round() as u32;
    let offset = zone - zones.first_zone;
    let epsg = if close(fe, zones.false_easting_m) {
        zones.central_meridian_epsg_first + offset
    } else if close(
        fe,
        f64::from(zone) * zones.zone_number_factor_m + zones.false_easting_m,
    ) {
        zones.zone_number_epsg_first + offset
    } else {
        return Err(unsupported(
            layer,
            root.name(),
            "its false easting fits neither form of the zone",
        ));
    };
    Ok(PrjCrs::GaussKruger {
        epsg,
        central_meridian_deg: cm,
        false_easting_m: fe,
    })
}

fn zones() -> Result<Zones> {
    serde_json::from_str(ZONES_JSON).map_err(|e| Error::Internal {
        reason: format!("mappings/cgcs2000.json: {e}"),
    })
}

/// Turns `.shp` coordinates into WGS84 longitude/latitude.
pub enum Projector {
    /// Coordinates already are longitude/latitude.
    Identity,
    /// Inverse transverse Mercator of one zone.
    GaussKruger(InverseTmerc),
}

impl Projector {
    /// The projector for a coordinate system (none: identity).
    ///
    /// # Errors
    /// `INTERNAL` if the zone table does not parse.
    pub fn new(crs: Option<&PrjCrs>) -> Result<Self> {
        let Some(PrjCrs::GaussKruger {
            central_meridian_deg,
            false_easting_m,
            ..
        }) = crs
        else {
            return Ok(Projector::Identity);
        };
        let z = zones()?;
        Ok(Projector::GaussKruger(InverseTmerc::new(
            z.semi_major_axis_m,
            z.inverse_flattening,
            *central_meridian_deg,
            z.scale_factor,
            *false_easting_m,
            z.false_northing_m,
        )))
    }

    /// One position as longitude/latitude in degrees; `None` when it does
    /// not invert to a finite position.
    pub fn lon_lat(&self, x: f64, y: f64) -> Option<[f64; 2]> {
        let p = match self {
            Projector::Identity => [x, y],
            Projector::GaussKruger(t) => t.lon_lat(x, y),
        };
        p.iter().all(|v| v.is_finite()).then_some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As ArcGIS writes EPSG 4528.
    const ESRI_4528: &str = r#"PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;

    #[test]
    fn zones_are_recognised_by_their_parameters() {
        let c = parse(ESRI_4528, "b").expect("4528");
        assert_eq!(
            c,
            PrjCrs::GaussKruger {
                epsg: 4528,
                central_meridian_deg: 120.0,
                false_easting_m: 40_500_000.0
            }
        );
        let cm = ESRI_4528
            .replace("40500000.0", "500000.0")
            .replace("Zone_40", "CM 120E");
        let z25 = ESRI_4528
            .replace("40500000.0", "25500000.0")
            .replace("120.0", "75.0");
        let cm135 = cm.replace("120.0", "135.0");
        for (text, want) in [(&cm, 4549), (&z25, 4513), (&cm135, 4554)] {
            match parse(text, "b") {
                Ok(PrjCrs::GaussKruger { epsg, .. }) => assert_eq!(epsg, want),
                other => panic!("{want}: {other:?}"),
            }
        }
    }

    #[test]
    fn geographic_wgs84_and_cgcs2000_are_read() {
        let wgs = r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;
        assert!(matches!(parse(wgs, "b"), Ok(PrjCrs::Geographic { .. })));
        let cgcs = r#"GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4490"]]"#;
        assert!(matches!(parse(cgcs, "b"), Ok(PrjCrs::Geographic { .. })));
    }

    #[test]
    fn other_systems_are_named_in_the_error() {
        let xian = ESRI_4528
            .replace("D_China_2000", "D_Xian_1980")
            .replace("GCS_China_Geodetic_Coordinate_System_2000", "GCS_Xian_1980")
            .replace(
                "CGCS2000_3_Degree_GK_Zone_40",
                "Xian_1980_3_Degree_GK_Zone_40",
            );
        let utm = r#"PROJCS["WGS_1984_UTM_Zone_51N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]],PROJECTION["Transverse_Mercator"],PARAMETER["Central_Meridian",123.0],PARAMETER["Scale_Factor",0.9996],UNIT["Meter",1.0]]"#;
        let off_zone = ESRI_4528.replace("120.0", "121.5");
        let six_degree = ESRI_4528.replace("Scale_Factor\",1.0", "Scale_Factor\",0.9996");
        for (text, name) in [
            (xian.as_str(), "Xian_1980_3_Degree_GK_Zone_40"),
            (utm, "WGS_1984_UTM_Zone_51N"),
            (off_zone.as_str(), "CGCS2000_3_Degree_GK_Zone_40"),
            (six_degree.as_str(), "CGCS2000_3_Degree_GK_Zone_40"),
            ("not wkt at all", "not wkt at all"),
            ("PROJCS[\"x\"", "PROJCS[\"x\""),
        ] {
            let e = parse(text, "roads").unwrap_err();
            assert_eq!(e.code(), "UNSUPPORTED_PRJ", "{text}");
            assert!(e.to_string().contains(name), "{e}");
            assert!(e.to_string().contains("`roads`"), "{e}");
        }
        let deep = format!("{}{}", "A[".repeat(100), "]".repeat(100));
        assert_eq!(parse(&deep, "d").unwrap_err().code(), "UNSUPPORTED_PRJ");
    }

    #[test]
    fn the_inverse_projection_puts_the_central_meridian_at_the_false_easting() {
        let crs = parse(ESRI_4528, "b").expect("4528");
        let p = Projector::new(Some(&crs)).expect("projector");
        // On the central meridian x is the false easting; 3,355,000 m north
        // of the equator is about 30.3 N (a 1 degree arc is ~110.85 km there).
        let [lon, lat] = p.lon_lat(40_500_000.0, 3_355_000.0).expect("inverts");
        assert!((lon - 120.0).abs() < 1e-9, "{lon}");
        assert!((lat - 30.31).abs() < 0.02, "{lat}");
        let [lon, _] = p.lon_lat(40_596_000.0, 3_355_000.0).expect("inverts");
        assert!(lon > 120.99 && lon < 121.01, "{lon}");
    }
}
