//! Isochrones, service areas, travel-time grids and the seed's
//! 5/10/30-minute travel circles (出行圈).
//!
//! Everything is built on the walking network of an
//! [`AccessEngine`](crate::access::AccessEngine) (see [`crate::network`]).
//!
//! - [`isochrones`]: from a point or a facility, one polygon per limit.
//!   The reachable sub-network is found with one bounded Dijkstra; every
//!   edge is cut exactly where the limit falls (partial edges), the origin's
//!   connector to the network is included, and the pieces are buffered by
//!   `bufferM` (default 50 m) in a local tangent plane and unioned — no
//!   convex or concave hull. The polygon of a larger limit is the union of
//!   the smaller one and the buffer of what is newly reached, so polygons
//!   nest by construction; holes remain where nothing reachable comes
//!   within the buffer. Each carries `minutes`, `distanceM`, the geodesic
//!   `areaM2` and the households/population of the residential buildings
//!   whose centroid lies inside.
//! - [`service_areas`]: the same from every facility of a category at once
//!   (one multi-source search), plus the households reached along the
//!   network (the accessibility coverage definition).
//!
//! Network distance follows [`crate::access`]: connector + shortest path +
//! connector, with edge snapping; limits in minutes are converted with the
//! walking speed (default 5 km/h).
//!
//! ```
//! use future_community::access::AccessEngine;
//! use future_community::isochrone::{isochrones, IsochroneOptions};
//! use future_community::network::NetworkOptions;
//! use future_community::Community;
//!
//! let geojson = r#"{"type": "FeatureCollection", "features": [
//!   {"type": "Feature", "properties": {"kind": "road"},
//!    "geometry": {"type": "LineString", "coordinates": [[120.0, 30.0], [120.02, 30.0]]}},
//!   {"type": "Feature", "properties": {"kind": "building", "use": "residential", "households": 30},
//!    "geometry": {"type": "Polygon", "coordinates": [[[120.005, 30.0002], [120.0052, 30.0002],
//!      [120.0052, 30.0004], [120.005, 30.0004], [120.005, 30.0002]]]}}
//! ]}"#;
//! let community = Community::from_geojson(geojson, &Default::default()).unwrap();
//! let engine = AccessEngine::new(community.dataset(), &NetworkOptions::default()).unwrap();
//! let options: IsochroneOptions =
//!     serde_json::from_str(r#"{"origin": [120.001, 30.0], "minutes": [2, 5]}"#).unwrap();
//! let fc = isochrones(&community, &options).unwrap();
//! let (two, five) = (&fc.features[0].properties, &fc.features[1].properties);
//! // 2 minutes = 166.7 m of walking each way along the street, 50 m buffer.
//! assert!((two.distance_m - 166.67).abs() < 0.01);
//! assert!(two.area_m2 > 2.0 * 166.0 * 100.0 && two.area_m2 < 2.0 * 167.0 * 100.0 + 7854.0);
//! assert!(five.area_m2 > two.area_m2);
//! // The home (~400 m east, 33 m off the street) is inside the 5-minute polygon only.
//! assert_eq!((two.households, five.households), (0.0, 30.0));
//! ```

mod areas;
mod chain;
pub mod circles;
mod cover;
pub mod grid;
pub mod options;
mod polygon;
pub mod reach;
pub mod result;
mod same_edge;
pub mod transit;
mod transit_index;

pub use areas::{isochrones, service_areas};
pub use circles::{travel_circles, CircleBuildings, CircleResult, TransitSummary, TravelCircles};
pub use grid::{travel_time_grid, CellCollection, CellFeature, CellProperties, TravelTimeGrid};
pub use options::{
    CircleSpec, DestinationRule, DestinationSpec, FacilityRef, GridOptions, IsochroneOptions,
    IsochroneOrigin, MinuteLimits, ServiceAreaOptions, TransitOptions, TravelCircleOptions,
};
pub use reach::{Piece, ReachableNetwork, Source};
pub use result::{AreaCollection, AreaFeature, AreaProperties, MultiPolygonGeometry, OriginInfo};
pub use transit::{LineInfo, ModeParams};
