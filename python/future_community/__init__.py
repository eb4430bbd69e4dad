"""future-community for Python: the Rust core of the npm package, as a native module.

Evaluate Zhejiang future-community pilots and walking accessibility from GeoJSON::

    import future_community as fc
    c = fc.Community.from_geojson(open("community.geojson").read())
    report = c.evaluate(project_type="renovation", tier="leading")
    table = c.accessibility_columns(categories=["clinic"], thresholds_m=[300, 500])

Every error is a :class:`FutureCommunityError` with ``code`` and ``feature_index``.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence, Union

from . import _native
from ._native import FutureCommunityError

__all__ = ["Community", "FutureCommunityError", "profiles", "profile", "version"]

GeoJsonInput = Union[str, bytes, bytearray, Dict[str, Any]]


def _text(data: GeoJsonInput) -> str:
    if isinstance(data, str):
        return data
    if isinstance(data, (bytes, bytearray)):
        try:
            return bytes(data).decode("utf-8")
        except UnicodeDecodeError as e:
            raise _error("INVALID_JSON", f"the bytes are not UTF-8 text: {e}") from None
    if isinstance(data, dict):
        return json.dumps(data)
    raise _error(
        "INVALID_OPTION",
        f"expected GeoJSON as str, bytes or dict, got {type(data).__name__}",
    )


def _error(code: str, message: str) -> FutureCommunityError:
    e = FutureCommunityError(message)
    e.code = code
    e.feature_index = None
    e.source_index = None
    return e


def _options(**kw: Any) -> Optional[str]:
    """Options as the JSON object the core decodes (camelCase keys, None left out)."""
    out = {}
    for key, value in kw.items():
        if value is None:
            continue
        head, *rest = key.split("_")
        out[head + "".join(p[:1].upper() + p[1:] for p in rest)] = value
    return json.dumps(out) if out else None


def _profile_args(profile: Union[str, Dict[str, Any], None]):
    if profile is None or isinstance(profile, str):
        return profile, None
    if isinstance(profile, dict):
        return None, json.dumps(profile)
    raise _error("INVALID_OPTION", f"profile: expected an id (str) or a document (dict), got {type(profile).__name__}")


class Community:
    """A loaded community dataset: parsed, classified and indexed once, queried many times."""

    def __init__(self, native: "_native.NativeCommunity") -> None:
        self._native = native

    @classmethod
    def from_geojson(
        cls,
        data: GeoJsonInput,
        *,
        crs: Optional[str] = None,
        strict: Optional[bool] = None,
        osm_mapping: Optional[Dict[str, Any]] = None,
        max_bytes: Optional[int] = None,
        max_features: Optional[int] = None,
        max_vertices: Optional[int] = None,
    ) -> "Community":
        """Reads a GeoJSON FeatureCollection given as text, UTF-8 bytes or a dict."""
        opts = _options(
            crs=crs,
            strict=strict,
            osm_mapping=osm_mapping,
            max_bytes=max_bytes,
            max_features=max_features,
            max_vertices=max_vertices,
        )
        return cls(_native.NativeCommunity.from_geojson(_text(data), opts))

    def summary(self) -> Dict[str, Any]:
        """Counts by kind and category, bbox, sites and reading warnings."""
        return json.loads(self._native.summary())

    def site_names(self) -> List[Optional[str]]:
        """The sites' names in site order (None where a boundary has none)."""
        return json.loads(self._native.site_names())

    def site_metrics(self, *, site: Union[int, str, None] = None, project_type: Optional[str] = None) -> Dict[str, Any]:
        """Site indicators (areas, FAR, density, green ratio, households, ...)."""
        return json.loads(self._native.site_metrics(_options(site=site, project_type=project_type)))

    def _columns(self, categories, thresholds_m, k, max_snap_m, walk_speed_mps) -> Dict[str, Any]:
        opts = _options(
            categories=list(categories) if categories is not None else None,
            thresholds_m=list(thresholds_m) if thresholds_m is not None else None,
            k=k,
            max_snap_m=max_snap_m,
            walk_speed_mps=walk_speed_mps,
            opportunities=True,
        )
        return json.loads(self._native.accessibility_columns(opts))

    def accessibility(
        self,
        *,
        categories: Optional[Sequence[str]] = None,
        thresholds_m: Optional[Sequence[float]] = None,
        k: Optional[int] = None,
        max_snap_m: Optional[float] = None,
        walk_speed_mps: Optional[float] = None,
    ) -> List[Dict[str, Any]]:
        """One dict per residential building: feature_index, id, households, population and,
        per category, network_m / straight_m / detour_ratio / nearest_feature_index
        (None where unreachable)."""
        cols = self._columns(categories, thresholds_m, k, max_snap_m, walk_speed_mps)
        out = []
        for i, fi in enumerate(cols["featureIndex"]):
            row = {
                "feature_index": fi,
                "id": cols["id"][i],
                "households": cols["households"][i],
                "population": cols["population"][i],
            }
            for cat, c in cols["categories"].items():
                nearest = c["nearestFeatureIndex"][i]
                row[cat] = {
                    "network_m": c["networkM"][i],
                    "straight_m": c["straightM"][i],
                    "detour_ratio": c["detourRatio"][i],
                    "nearest_feature_index": nearest if nearest >= 0 else None,
                }
            out.append(row)
        return out

    def accessibility_columns(
        self,
        *,
        categories: Optional[Sequence[str]] = None,
        thresholds_m: Optional[Sequence[float]] = None,
        k: Optional[int] = None,
        max_snap_m: Optional[float] = None,
        walk_speed_mps: Optional[float] = None,
    ):
        """The same numbers as a ``pyarrow.Table``, one row per residential building, with
        ``feature_index`` and ``id`` to join with a GeoDataFrame of the same file. Columns per
        category: ``<cat>.network_m``, ``<cat>.nearest_feature_index``, ``<cat>.straight_m``,
        ``<cat>.detour_ratio``, ``<cat>.within_<threshold>``. Coverage shares are in
        ``table.schema.metadata[b"coverage"]`` (JSON)."""
        import pyarrow as pa

        cols = self._columns(categories, thresholds_m, k, max_snap_m, walk_speed_mps)
        n = len(cols["featureIndex"])
        f64, i64 = pa.float64(), pa.int64()
        data = {
            "feature_index": pa.array(cols["featureIndex"], i64),
            "id": pa.array(cols["id"], pa.string()),
            "households": pa.array(cols["households"], f64),
            "population": pa.array(cols["population"], f64),
            "land_area_m2": pa.array(cols["landAreaM2"], f64),
        }
        keys = [t["key"] for t in cols["thresholds"]]
        for cat, c in cols["categories"].items():
            data[f"{cat}.network_m"] = pa.array(c["networkM"], f64)
            data[f"{cat}.nearest_feature_index"] = pa.array(
                [i if i >= 0 else None for i in c["nearestFeatureIndex"]], i64
            )
            data[f"{cat}.straight_m"] = pa.array(c["straightM"], f64)
            data[f"{cat}.detour_ratio"] = pa.array(c["detourRatio"], f64)
            opp = c["opportunities"]
            if len(opp) == n * len(keys):
                for j, key in enumerate(keys):
                    data[f"{cat}.within_{key}"] = pa.array([opp[b * len(keys) + j] for b in range(n)], i64)
        meta = {
            "coverage": json.dumps(cols["coverage"]),
            "coverage_totals": json.dumps(cols["coverageTotals"]),
        }
        return pa.table(data).replace_schema_metadata(meta)

    def evaluate(
        self,
        profile: Union[str, Dict[str, Any], None] = None,
        *,
        project_type: Optional[str] = None,
        tier: Optional[str] = None,
        site: Union[int, str, None] = None,
        attributes: Optional[Dict[str, Any]] = None,
    ) -> Dict[str, Any]:
        """Evaluates one site (default the first) against a profile (built-in id or document):
        overall score and grade, scenario scores and every indicator."""
        pid, pdoc = _profile_args(profile)
        opts = _options(project_type=project_type, tier=tier, site=site, attributes=attributes)
        return json.loads(self._native.evaluate(pid, pdoc, opts))

    def evaluate_all(
        self,
        profile: Union[str, Dict[str, Any], None] = None,
        *,
        project_type: Optional[str] = None,
        tier: Optional[str] = None,
        attributes: Optional[Dict[str, Any]] = None,
    ) -> Dict[str, Any]:
        """Evaluates every site (boundary) with one profile and ranks them:
        ``{profileId, reports, table, ranking}``."""
        pid, pdoc = _profile_args(profile)
        opts = _options(project_type=project_type, tier=tier, attributes=attributes)
        return json.loads(self._native.evaluate_all(pid, pdoc, opts))


def profiles() -> List[Dict[str, Any]]:
    """The built-in profiles: ``[{id, version, name: {zh, en}, scenarios, indicators}]``."""
    return json.loads(_native.profiles())


def profile(id: str) -> Dict[str, Any]:
    """The full document of a built-in profile."""
    return json.loads(_native.profile_doc(id))


def version() -> str:
    """The core's version."""
    return _native.version()
