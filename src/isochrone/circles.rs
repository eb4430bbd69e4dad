//! `travelCircles`: the seed's 5/10/30-minute travel circles (杭政办函〔2019〕90号
//! "5分钟、10分钟、30分钟出行圈") as indicators, each the share of households
//! that meet it.
//!
//! - `bus5min`: walking time to the nearest facility of `bus.categories`
//!   (default `bus_stop`) ≤ `bus.minutes` (default 5);
//! - `metro10min`: walking time to the nearest facility of
//!   `metro.categories` (default `metro_station`; add a local-centre
//!   category to count it too) ≤ `metro.minutes` (default 10);
//! - `destinations30min`: walking plus public transport (see
//!   [`transit`](super::transit)) to the `destination` features ≤
//!   `destinations.minutes` (default 30). With `rule: "everyCategory"`
//!   (default) a home must reach, for every destination category (city
//!   centre, hospital, station ...), at least one destination of it; with
//!   `"any"` one destination of any category suffices.
//!
//! The minutes come from the seed; which categories stand for each circle
//! is our design choice (`shared/docs/domain.md` §3.2: official targets
//! per circle are unverified). Walking distances follow
//! [`crate::access`] (edge snapping, gates, `maxSnapM`); shares are of
//! households of residential and mixed-use buildings.

use std::collections::BTreeMap;

use serde::Serialize;

use super::options::{
    categories, max_snap, transit_params, walk_speed, DestinationRule, TravelCircleOptions,
    DEFAULT_BUS_CATEGORIES, DEFAULT_BUS_MINUTES, DEFAULT_DESTINATION_MINUTES,
    DEFAULT_METRO_CATEGORIES, DEFAULT_METRO_MINUTES,
};
use super::same_edge::SameEdge;
use super::transit::{LineInfo, ModeParams, TransitGraph};
use crate::access::Origin;
use crate::access::{AccessEngine, AccessOptions};
use crate::community::Community;
use crate::error::{Result, Warning};
use crate::units::{MetresOrZero, MetresPerSecond, Minutes};

/// One circle as an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CircleResult {
    /// The limit, minutes.
    pub minutes: f64,
    /// Facility (or destination) categories used.
    pub categories: Vec<String>,
    /// Facilities (or destinations) of those categories.
    pub facilities: usize,
    /// Share of households meeting the circle (`null` without households).
    pub share: Option<f64>,
    /// Share of residents.
    pub population_share: Option<f64>,
    /// Share of residential buildings.
    pub buildings_share: Option<f64>,
    /// Households meeting it.
    pub households_reached: f64,
    /// All households.
    pub households_total: f64,
    /// Destinations: the rule used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<DestinationRule>,
    /// Destinations: share of households per destination category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_category: Option<BTreeMap<String, Option<f64>>>,
    /// Destinations: the share when walking only (no transit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub walk_only_share: Option<f64>,
}

/// Per residential building (engine order, as in accessibility columns):
/// minutes for each circle, `null` when unreachable.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CircleBuildings {
    /// Source feature index of each building.
    pub feature_index: Vec<usize>,
    /// Households.
    pub households: Vec<f64>,
    /// Residents.
    pub population: Vec<f64>,
    /// Walking minutes to the nearest bus-circle facility.
    #[serde(rename = "bus5min")]
    pub bus_5min: Vec<Option<f64>>,
    /// Walking minutes to the nearest metro-circle facility.
    #[serde(rename = "metro10min")]
    pub metro_10min: Vec<Option<f64>>,
    /// Minutes by walking and transit to the destinations (the slowest
    /// category under `everyCategory`, the fastest under `any`).
    #[serde(rename = "destinations30min")]
    pub destinations_30min: Vec<Option<f64>>,
}

/// The transit model as used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TransitSummary {
    /// Whether transit was used.
    pub enabled: bool,
    /// Every line with the speed, headway and stops used.
    pub lines: Vec<LineInfo>,
    /// The mode table used.
    pub modes: BTreeMap<String, ModeParams>,
    /// The values for other modes.
    pub other_mode: ModeParams,
    /// `stopDistanceM` used.
    pub stop_distance_m: f64,
    /// `transferWalkM` used.
    pub transfer_walk_m: f64,
    /// `maxStraightWalkM` used.
    pub max_straight_walk_m: f64,
    /// Where the default mode values come from.
    pub defaults_source: &'static str,
}

/// The result of `travelCircles`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TravelCircles {
    /// The 5-minute circle (metric `travelCircles.bus5min` = `share`).
    #[serde(rename = "bus5min")]
    pub bus_5min: CircleResult,
    /// The 10-minute circle (`travelCircles.metro10min`).
    #[serde(rename = "metro10min")]
    pub metro_10min: CircleResult,
    /// The 30-minute circle (`travelCircles.destinations30min`).
    #[serde(rename = "destinations30min")]
    pub destinations_30min: CircleResult,
    /// Limits used, minutes, by circle key.
    pub thresholds: BTreeMap<&'static str, f64>,
    /// Per-building minutes.
    pub buildings: CircleBuildings,
    /// The transit model used.
    pub transit: TransitSummary,
    /// Walking speed used, m/s.
    pub walk_speed_mps: f64,
    /// Snapping limit used, metres.
    pub max_snap_m: f64,
    /// Problems met.
    pub warnings: Vec<Warning>,
}

/// Per-building minutes with transit and walking only.
type Minutes2 = (Vec<Option<f64>>, Vec<Option<f64>>);

const DEFAULTS_SOURCE: &str = "assumption (not from a standard): rough typical urban values; \
     set transit.modes from local operator data";

/// Households, residents and buildings meeting a limit, and their shares.
fn shares(
    homes: &[Origin],
    minutes: &[Option<f64>],
    limit: f64,
) -> (f64, Option<f64>, Option<f64>, Option<f64>) {
    let (mut hh, mut pop, mut b) = (0.0, 0.0, 0usize);
    let (mut thh, mut tpop) = (0.0, 0.0);
    for (h, m) in homes.iter().zip(minutes) {
        thh += h.households;
        tpop += h.population;
        if m.is_some_and(|m| m <= limit) {
            hh += h.households;
            pop += h.population;
            b += 1;
        }
    }
    let share = |a: f64, t: f64| (t > 0.0).then(|| a / t);
    (
        hh,
        share(hh, thh),
        share(pop, tpop),
        share(b as f64, homes.len() as f64),
    )
}

fn circle(
    homes: &[Origin],
    minutes: &[Option<f64>],
    limit: f64,
    cats: Vec<String>,
    facilities: usize,
) -> CircleResult {
    let (hh, share, population_share, buildings_share) = shares(homes, minutes, limit);
    CircleResult {
        minutes: limit,
        categories: cats,
        facilities,
        share,
        population_share,
        buildings_share,
        households_reached: hh,
        households_total: homes.iter().map(|h| h.households).sum(),
        rule: None,
        by_category: None,
        walk_only_share: None,
    }
}

/// Walking minutes from every home to the nearest facility of `cats`.
fn walk_minutes(
    engine: &AccessEngine,
    cats: &[String],
    speed: f64,
    snap: f64,
    warnings: &mut Vec<Warning>,
) -> Result<(Vec<Option<f64>>, usize)> {
    let cols = engine.accessibility_columns(&AccessOptions {
        categories: Some(cats.to_vec()),
        thresholds_m: Some(Vec::new()),
        walk_speed_mps: Some(MetresPerSecond::checked(speed, "walkSpeedMps")?),
        max_snap_m: Some(MetresOrZero::checked(snap, "maxSnapM")?),
        opportunities: Some(false),
        ..AccessOptions::default()
    })?;
    let mut best = vec![f64::INFINITY; engine.origin_count()];
    let mut count = 0;
    for c in cols.categories.values() {
        count += c.facilities;
        for (b, d) in best.iter_mut().zip(&c.network_m) {
            if d.is_finite() {
                *b = b.min(*d);
            }
        }
    }
    for w in cols.warnings {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    }
    let minutes = best
        .into_iter()
        .map(|d| d.is_finite().then(|| d / speed / 60.0))
        .collect();
    Ok((minutes, count))
}

/// The seed's travel circles (see the module docs). Errors only on invalid
/// options; missing categories, destinations or lines give warnings.
pub fn travel_circles(
    community: &Community,
    options: &TravelCircleOptions,
) -> Result<TravelCircles> {
    let speed = walk_speed(options.walk_speed_mps);
    let snap = max_snap(options.max_snap_m);
    let bus = options.bus.clone().unwrap_or_default();
    let metro = options.metro.clone().unwrap_or_default();
    let dest = options.destinations.clone().unwrap_or_default();
    let bus_cats = categories(
        "bus.categories",
        bus.categories.as_ref(),
        &DEFAULT_BUS_CATEGORIES,
    )?;
    let metro_cats = categories(
        "metro.categories",
        metro.categories.as_ref(),
        &DEFAULT_METRO_CATEGORIES,
    )?;
    let bus_min = bus.minutes.map_or(DEFAULT_BUS_MINUTES, Minutes::get);
    let metro_min = metro.minutes.map_or(DEFAULT_METRO_MINUTES, Minutes::get);
    let dest_min = dest
        .minutes
        .map_or(DEFAULT_DESTINATION_MINUTES, Minutes::get);
    let rule = dest.rule.unwrap_or_default();
    if let Some(c) = &dest.categories {
        categories("destinations.categories", Some(c), &[])?;
    }
    let tp = transit_params(options.transit.as_ref())?;
    let engine = community.access_engine()?;

    let mut warnings = Vec::new();
    let homes = engine.origins();
    let (bus_minutes, bus_n) = walk_minutes(engine, &bus_cats, speed, snap, &mut warnings)?;
    let (metro_minutes, metro_n) = walk_minutes(engine, &metro_cats, speed, snap, &mut warnings)?;

    let ds = community.dataset();
    let graph = TransitGraph::build(
        engine.network(),
        &ds.transit_lines,
        &ds.transit_stops,
        &tp,
        speed,
        snap,
        &mut warnings,
    );
    let mut groups: BTreeMap<String, Vec<geo::Point<f64>>> = BTreeMap::new();
    for d in &ds.destinations {
        let wanted = dest
            .categories
            .as_ref()
            .is_none_or(|c| c.contains(&d.category));
        if wanted {
            groups
                .entry(d.category.clone())
                .or_default()
                .push(d.location);
        }
    }
    if groups.is_empty() {
        warnings.push(Warning::global(
            "NO_DESTINATIONS",
            "no `destination` feature (of the requested categories): the 30-minute circle is null",
        ));
    }
    let transit = tp.enabled && !graph.lines.is_empty();
    let mut per_cat: BTreeMap<String, Minutes2> = BTreeMap::new();
    let mut times = Vec::new();
    for (cat, points) in &groups {
        let mut seeds = Vec::new();
        let mut on_edge = Vec::new();
        for p in points {
            match graph.destination_seeds(*p, snap, tp.straight_walk_m, &mut seeds) {
                Some(s) => on_edge.push(s),
                None if graph
                    .straight_links(*p, false, tp.straight_walk_m)
                    .is_empty() =>
                {
                    warnings.push(Warning::global(
                        "DESTINATION_UNREACHABLE",
                        format!(
                            "a `{cat}` destination at [{:.6}, {:.6}] is neither within maxSnapM of the \
                             walking network nor within maxStraightWalkM of a transit stop",
                            p.x(),
                            p.y()
                        ),
                    ));
                }
                None => {}
            }
        }
        graph.seed_platforms_along(&on_edge, &mut seeds);
        let mut run = |use_transit: bool| -> Vec<Option<f64>> {
            graph.search(&seeds, use_transit, &mut times);
            home_minutes(
                engine,
                homes,
                &graph,
                &times,
                &on_edge,
                speed,
                snap,
                tp.straight_walk_m,
            )
        };
        let with = run(transit);
        let walk = if transit { run(false) } else { with.clone() };
        per_cat.insert(cat.clone(), (with, walk));
    }
    let combine = |pick: fn(&Minutes2) -> &Vec<Option<f64>>| {
        (0..homes.len())
            .map(|o| {
                let mut it = per_cat.values().map(|v| pick(v)[o]);
                match rule {
                    DestinationRule::EveryCategory => it
                        .try_fold(f64::NEG_INFINITY, |acc, m| m.map(|m| acc.max(m)))
                        .filter(|m| m.is_finite()),
                    DestinationRule::Any => it.flatten().reduce(f64::min),
                }
            })
            .collect::<Vec<Option<f64>>>()
    };
    let dest_minutes = combine(|v| &v.0);
    let walk_minutes_only = combine(|v| &v.1);
    let mut destinations_30min = circle(
        homes,
        &dest_minutes,
        dest_min,
        groups.keys().cloned().collect(),
        groups.values().map(Vec::len).sum(),
    );
    if groups.is_empty() {
        destinations_30min.share = None;
        destinations_30min.population_share = None;
        destinations_30min.buildings_share = None;
    } else {
        destinations_30min.walk_only_share = shares(homes, &walk_minutes_only, dest_min).1;
        destinations_30min.by_category = Some(
            per_cat
                .iter()
                .map(|(c, v)| (c.clone(), shares(homes, &v.0, dest_min).1))
                .collect(),
        );
    }
    destinations_30min.rule = Some(rule);
    Ok(TravelCircles {
        bus_5min: circle(homes, &bus_minutes, bus_min, bus_cats, bus_n),
        metro_10min: circle(homes, &metro_minutes, metro_min, metro_cats, metro_n),
        destinations_30min,
        thresholds: BTreeMap::from([
            ("bus5min", bus_min),
            ("metro10min", metro_min),
            ("destinations30min", dest_min),
        ]),
        buildings: CircleBuildings {
            feature_index: homes.iter().map(|h| h.feature_index).collect(),
            households: homes.iter().map(|h| h.households).collect(),
            population: homes.iter().map(|h| h.population).collect(),
            bus_5min: bus_minutes,
            metro_10min: metro_minutes,
            destinations_30min: dest_minutes,
        },
        transit: TransitSummary {
            enabled: tp.enabled,
            lines: graph.lines.clone(),
            modes: tp.modes.clone(),
            other_mode: tp.other,
            stop_distance_m: tp.stop_distance_m,
            transfer_walk_m: tp.transfer_walk_m,
            max_straight_walk_m: tp.straight_walk_m,
            defaults_source: DEFAULTS_SOURCE,
        },
        walk_speed_mps: speed,
        max_snap_m: snap,
        warnings,
    })
}

/// Minutes from every home to the search's seeds, given the backward
/// search times (seconds); `dests` are the destinations' snaps (for the
/// same-edge case).
#[allow(clippy::too_many_arguments)]
fn home_minutes(
    engine: &AccessEngine,
    homes: &[Origin],
    graph: &TransitGraph<'_>,
    times: &[f64],
    dests: &[crate::network::Snap],
    speed: f64,
    snap: f64,
    straight_walk_m: f64,
) -> Vec<Option<f64>> {
    let edges = engine.network().graph().edges();
    // Destinations and platforms along a home's own edge, straight along it.
    let dests_along = SameEdge::new(dests.iter().map(|d| (d.edge, d.offset_m, d.connector_m)));
    let platforms_along = graph.platforms_along(times);
    let off_network: Vec<u32> = (0..graph.platforms.len() as u32)
        .filter(|&k| graph.platforms[k as usize].snap.is_none())
        .collect();
    homes
        .iter()
        .enumerate()
        .map(|(o, home)| {
            let mut best = f64::INFINITY;
            let mut on_network = false;
            for ap in engine
                .origin_access(o)
                .iter()
                .filter(|ap| ap.snap_m <= snap)
            {
                let Some(e) = edges.get(ap.edge as usize) else {
                    continue;
                };
                on_network = true;
                let extra = ap.extra_m / speed;
                best = best
                    .min(times[e.u as usize] + (ap.offset_m + ap.extra_m) / speed)
                    .min(times[e.v as usize] + (e.length_m - ap.offset_m + ap.extra_m) / speed)
                    .min(platforms_along.least(ap.edge, ap.offset_m) / speed + extra)
                    .min(dests_along.least(ap.edge, ap.offset_m) / speed + extra);
            }
            if on_network && !off_network.is_empty() {
                if let Some(p) = home.centroid {
                    for (k, m) in graph.straight_links(p, true, straight_walk_m) {
                        best = best.min(times[graph.platform_node(k) as usize] + m / speed);
                    }
                }
            }
            best.is_finite().then(|| best / 60.0)
        })
        .collect()
}
