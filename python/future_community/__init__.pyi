from typing import Any, Dict, List, Optional, Sequence, Union

import pyarrow

GeoJsonInput = Union[str, bytes, bytearray, Dict[str, Any]]
ProfileArg = Union[str, Dict[str, Any], None]

class FutureCommunityError(Exception):
    code: str
    feature_index: Optional[int]
    source_index: Optional[int]

class Community:
    @classmethod
    def from_geojson(
        cls,
        data: GeoJsonInput,
        *,
        crs: Optional[str] = ...,
        strict: Optional[bool] = ...,
        osm_mapping: Optional[Dict[str, Any]] = ...,
        max_bytes: Optional[int] = ...,
        max_features: Optional[int] = ...,
        max_vertices: Optional[int] = ...,
    ) -> Community: ...
    def summary(self) -> Dict[str, Any]: ...
    def site_names(self) -> List[Optional[str]]: ...
    def site_metrics(self, *, site: Union[int, str, None] = ..., project_type: Optional[str] = ...) -> Dict[str, Any]: ...
    def accessibility(
        self,
        *,
        categories: Optional[Sequence[str]] = ...,
        thresholds_m: Optional[Sequence[float]] = ...,
        k: Optional[int] = ...,
        max_snap_m: Optional[float] = ...,
        walk_speed_mps: Optional[float] = ...,
    ) -> List[Dict[str, Any]]: ...
    def accessibility_columns(
        self,
        *,
        categories: Optional[Sequence[str]] = ...,
        thresholds_m: Optional[Sequence[float]] = ...,
        k: Optional[int] = ...,
        max_snap_m: Optional[float] = ...,
        walk_speed_mps: Optional[float] = ...,
    ) -> pyarrow.Table: ...
    def evaluate(
        self,
        profile: ProfileArg = ...,
        *,
        project_type: Optional[str] = ...,
        tier: Optional[str] = ...,
        site: Union[int, str, None] = ...,
        attributes: Optional[Dict[str, Any]] = ...,
    ) -> Dict[str, Any]: ...
    def evaluate_all(
        self,
        profile: ProfileArg = ...,
        *,
        project_type: Optional[str] = ...,
        tier: Optional[str] = ...,
        attributes: Optional[Dict[str, Any]] = ...,
    ) -> Dict[str, Any]: ...

def profiles() -> List[Dict[str, Any]]: ...
def profile(id: str) -> Dict[str, Any]: ...
def version() -> str: ...
