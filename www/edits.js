// What-if edits of the loaded dataset, shared by the page and the worker.
//
// An edit list is an ordered array of
//   { type: 'add',    ref: 'w1', category, lngLat: [lon, lat] }
//   { type: 'move',   ref, lngLat: [lon, lat] }
//   { type: 'remove', ref }
// where `ref` is a feature index of the loaded file (a number) or the id of
// a facility added earlier (a string 'w<n>'). Positions are WGS84.

/** The net effect of an edit list: removed indices, moved positions, added facilities. */
export function resolveEdits(edits) {
  const removed = new Set();
  const moved = new Map();
  const added = new Map();
  for (const e of edits ?? []) {
    if (e.type === 'add') {
      added.set(e.ref, { category: e.category, lngLat: e.lngLat, name: e.name ?? null });
    } else if (e.type === 'move') {
      if (added.has(e.ref)) added.get(e.ref).lngLat = e.lngLat;
      else moved.set(e.ref, e.lngLat);
    } else if (e.type === 'remove') {
      if (added.has(e.ref)) added.delete(e.ref);
      else {
        removed.add(e.ref);
        moved.delete(e.ref);
      }
    }
  }
  return { removed, moved, added };
}

/** The feature id given to a facility added on the map. */
export function addedFeatureId(ref) {
  return `what-if/${ref}`;
}
