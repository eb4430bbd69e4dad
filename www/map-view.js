// The site map (MapLibre GL, vendored; no tiles by default). Draws the
// boundary, buildings (by use, or by walking distance to a category), roads,
// green space, facilities by category, isochrones, service areas and the
// travel-time grid. Feature strings never reach the map as markup: there are
// no symbol (text) layers and no popups; the page shows properties as text.
import * as maplibregl from './vendor/maplibre-gl/maplibre-gl.mjs';
import { categoryGroup, knownCategories } from './i18n.js';

export const BACKGROUND = '#eef1ec';

/**
 * Facility colours by the group the core's category list gives each
 * category (colour-blind-safe qualitative palette; `categoryGroup`, i18n.js).
 */
const GROUP_COLORS = {
  education: '#1f5fa8',
  health: '#c0392b',
  care: '#7b3294',
  shopping: '#d35400',
  transport: '#00695c',
  outdoor: '#2e7d32',
  services: '#8d6e63',
  food: '#c2185b',
};
export const OTHER_FACILITY_COLOR = '#616161';

export function categoryColor(category) {
  return GROUP_COLORS[categoryGroup(category)] ?? OTHER_FACILITY_COLOR;
}

/** The facility layer's colour expression for the categories known now. */
function facilityColors() {
  const match = ['match', ['get', 'category']];
  for (const c of knownCategories()) {
    const color = categoryColor(c);
    if (color !== OTHER_FACILITY_COLOR) match.push(c, color);
  }
  // A match expression needs at least one case.
  return match.length > 2 ? [...match, OTHER_FACILITY_COLOR] : OTHER_FACILITY_COLOR;
}

export const USE_COLORS = {
  residential: '#f0a073',
  mixed: '#d9b36c',
  commercial: '#83b5d6',
  public: '#b4a7d6',
  other: '#cfcfcf',
};

/** Walking-distance classes relative to the chosen tier (metres); blue = within, red = beyond. */
export function distanceClasses(tier) {
  return [
    { max: tier * 0.5, color: '#08519c' },
    { max: tier, color: '#6baed6' },
    { max: tier * 1.5, color: '#fcae91' },
    { max: tier * 2, color: '#fb6a4a' },
    { max: Infinity, color: '#a50f15' },
  ];
}
export const UNREACHABLE_COLOR = '#3d3d3d';
export const NON_RESIDENTIAL_COLOR = '#e4e4e4';

export const ISOCHRONE_COLORS = ['#2c3e9e', '#5b7bd5', '#a9bcf0', '#d6e0fa'];
export const SERVICE_AREA_COLORS = ['#00525e', '#1f8f8a', '#7fcdc3', '#c7ebe5'];
/**
 * Travel-time grid: minutes -> colour stops (viridis, colour-blind safe);
 * 0 minutes is a strong yellow, never the pale background.
 */
export const GRID_STOPS = [
  [0, '#fde725'],
  [5, '#7ad151'],
  [10, '#22a884'],
  [15, '#2a788e'],
  [20, '#414487'],
];

const EMPTY = { type: 'FeatureCollection', features: [] };

const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

function byMinutes(colors) {
  // Largest limit drawn first (lowest), so nested polygons show as rings.
  return ['match', ['get', '_rank'], 0, colors[0], 1, colors[1], 2, colors[2], colors[3]];
}

/** Adds `_rank` (0 = smallest limit) and sorts biggest first, for nested area polygons. */
function rankAreas(fc) {
  const features = (fc?.features ?? []).filter((f) => f?.geometry?.coordinates?.length);
  const limits = [...new Set(features.map((f) => f.properties?.minutes))].sort((a, b) => a - b);
  return {
    type: 'FeatureCollection',
    features: features
      .map((f) => ({ ...f, properties: { ...f.properties, _rank: limits.indexOf(f.properties?.minutes) } }))
      .sort((a, b) => b.properties._rank - a.properties._rank),
  };
}

/** The travel-time grid result as square cells with `minutes` (unreachable cells left out). */
export function gridCells(grid) {
  if (grid?.cells?.features) {
    return { type: 'FeatureCollection', features: grid.cells.features.filter((f) => f.properties?.minutes != null) };
  }
  const features = [];
  const { rows, cols, originLon, originLat, cellLonDeg, cellLatDeg, minutes } = grid ?? {};
  if (!Array.isArray(minutes) && !ArrayBuffer.isView(minutes)) return EMPTY;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const m = minutes[r * cols + c];
      if (typeof m !== 'number' || !Number.isFinite(m)) continue;
      const w = originLon + c * cellLonDeg;
      const n = originLat - r * cellLatDeg;
      const e = w + cellLonDeg;
      const s = n - cellLatDeg;
      features.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[[w, n], [w, s], [e, s], [e, n], [w, n]]] },
        properties: { minutes: m },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

export class MapView {
  #map;
  #ready;
  #onClick;
  #tier = 500;
  #distanceMode = false;
  #basemap = false;
  #counts = { isochrones: 0, serviceAreas: 0, grid: 0 };

  constructor(container, { onClick, label, onBasemapError }) {
    this.container = container;
    this.#onClick = onClick;
    this.#map = new maplibregl.Map({
      container,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }],
      },
      center: [0, 0],
      zoom: 1,
      attributionControl: false,
      maxZoom: 20,
    });
    this.#map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.#map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.attribution = new maplibregl.AttributionControl({ compact: false });
    this.#map.addControl(this.attribution, 'bottom-right');
    this.setLabel(label);
    this.#ready = new Promise((resolve) => this.#map.once('load', resolve)).then(() => this.#addLayers());
    this.#map.on('click', (e) => this.#click(e));
    // Tiles of the optional basemap that fail (offline, blocked) are the page's to explain;
    // any other map error is logged as MapLibre does without a listener.
    this.#map.on('error', (e) => {
      if (e?.sourceId === 'osm' || e?.source?.id === 'osm') onBasemapError?.(e.error ?? e);
      else console.error(e?.error ?? e);
    });
    // The view as data (centre lon, lat, zoom) for tests and keyboard helpers.
    this.#map.on('moveend', () => {
      const c = this.#map.getCenter();
      container.dataset.view = `${c.lng},${c.lat},${this.#map.getZoom()}`;
    });
  }

  /** Resolves once the style and layers are in place. */
  ready() {
    return this.#ready;
  }

  setLabel(label) {
    const canvas = this.#map.getCanvas();
    canvas.setAttribute('aria-label', label ?? '');
    canvas.setAttribute('role', 'application');
  }

  #addLayers() {
    const map = this.#map;
    for (const id of ['boundary', 'green', 'roads', 'facilities', 'isochrones', 'origin', 'service-areas', 'grid', 'selected']) {
      map.addSource(id, { type: 'geojson', data: EMPTY });
    }
    // Buildings are coloured through feature state keyed by their feature index.
    map.addSource('buildings', { type: 'geojson', data: EMPTY, promoteId: 'featureIndex' });
    map.addLayer({
      id: 'green-fill',
      type: 'fill',
      source: 'green',
      paint: { 'fill-color': '#b9dcb0', 'fill-outline-color': '#8cbf80' },
    });
    map.addLayer({
      id: 'service-areas-fill',
      type: 'fill',
      source: 'service-areas',
      paint: { 'fill-color': byMinutes(SERVICE_AREA_COLORS), 'fill-opacity': 0.3 },
    });
    map.addLayer({
      id: 'service-areas-line',
      type: 'line',
      source: 'service-areas',
      paint: { 'line-color': byMinutes(SERVICE_AREA_COLORS), 'line-width': 1.5 },
    });
    map.addLayer({
      id: 'roads-line',
      type: 'line',
      source: 'roads',
      paint: { 'line-color': '#a3aaa6', 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 0.5, 18, 3] },
    });
    map.addLayer({
      id: 'buildings-fill',
      type: 'fill',
      source: 'buildings',
      paint: { 'fill-color': this.#buildingColor(), 'fill-opacity': 0.9 },
    });
    map.addLayer({
      id: 'buildings-outline',
      type: 'line',
      source: 'buildings',
      paint: { 'line-color': '#6b6b6b', 'line-width': 0.5 },
    });
    // The heat map above buildings and green (it is what the reader switched on), below the
    // isochrones, the boundary and the facilities.
    map.addLayer({
      id: 'grid-fill',
      type: 'fill',
      source: 'grid',
      paint: {
        'fill-color': ['interpolate', ['linear'], ['get', 'minutes'], ...GRID_STOPS.flat()],
        'fill-opacity': 0.75,
      },
    });
    map.addLayer({
      id: 'isochrones-fill',
      type: 'fill',
      source: 'isochrones',
      paint: { 'fill-color': byMinutes(ISOCHRONE_COLORS), 'fill-opacity': 0.16 },
    });
    map.addLayer({
      id: 'isochrones-line',
      type: 'line',
      source: 'isochrones',
      paint: { 'line-color': byMinutes(ISOCHRONE_COLORS), 'line-width': ['match', ['get', '_rank'], 0, 2.5, 1.5] },
    });
    map.addLayer({
      id: 'boundary-line',
      type: 'line',
      source: 'boundary',
      paint: { 'line-color': '#1d2a22', 'line-width': 2, 'line-dasharray': [3, 2] },
    });
    map.addLayer({
      id: 'facilities-circle',
      type: 'circle',
      source: 'facilities',
      paint: {
        'circle-color': facilityColors(),
        'circle-radius': [
          'interpolate', ['linear'], ['zoom'],
          13, ['case', ['==', ['get', 'whatIf'], 1], 7, ['==', ['get', 'highlight'], 1], 4, 2],
          18, ['case', ['==', ['get', 'whatIf'], 1], 11, ['==', ['get', 'highlight'], 1], 9, 5],
        ],
        'circle-stroke-color': ['case', ['==', ['get', 'whatIf'], 1], '#111111', '#ffffff'],
        'circle-stroke-width': ['case', ['==', ['get', 'whatIf'], 1], 3, ['==', ['get', 'highlight'], 1], 1.5, 0.5],
      },
    });
    map.addLayer({
      id: 'selected-ring',
      type: 'circle',
      source: 'selected',
      paint: { 'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111111', 'circle-stroke-width': 2.5 },
    });
    map.addLayer({
      id: 'origin-point',
      type: 'circle',
      source: 'origin',
      paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': ISOCHRONE_COLORS[0], 'circle-stroke-width': 3 },
    });
  }

  #buildingColor() {
    if (!this.#distanceMode) {
      const m = ['match', ['get', 'use']];
      for (const [use, color] of Object.entries(USE_COLORS)) m.push(use, color);
      m.push(USE_COLORS.other);
      return m;
    }
    const classes = distanceClasses(this.#tier);
    const step = ['step', ['feature-state', 'dist'], classes[0].color];
    for (let i = 1; i < classes.length; i++) step.push(classes[i - 1].max, classes[i].color);
    return [
      'case',
      ['!=', ['feature-state', 'acc'], 1], NON_RESIDENTIAL_COLOR,
      ['<', ['feature-state', 'dist'], 0], UNREACHABLE_COLOR,
      step,
    ];
  }

  #source(id) {
    return this.#map.getSource(id);
  }

  async #set(id, data) {
    await this.#ready;
    this.#source(id).setData(data ?? EMPTY);
  }

  /** The loaded data: display layers from fc-core (blob: URLs or FeatureCollections). */
  async setData(display) {
    await this.#ready;
    this.#map.removeFeatureState({ source: 'buildings' });
    this.#source('boundary').setData(display.boundary ?? EMPTY);
    this.#source('green').setData(display.green ?? EMPTY);
    this.#source('roads').setData(display.road ?? EMPTY);
    this.#source('buildings').setData(display.building ?? EMPTY);
    // Whether the map shows any data (for tests: a failed load leaves it empty).
    this.container.dataset.data = ['boundary', 'green', 'road', 'building'].some((k) => display[k]) ? 'loaded' : 'empty';
  }

  async setFacilities(fc) {
    await this.#set('facilities', fc);
    // The category list may have arrived after the map was created.
    this.#map.setPaintProperty('facilities-circle', 'circle-color', facilityColors());
  }

  /**
   * Colours homes by walking distance: `distances` = { featureIndex, metres }
   * (parallel arrays, NaN = unreachable); buildings not listed are not
   * residential. `null` colours buildings by use.
   */
  async setBuildingDistances(distances, tier) {
    await this.#ready;
    this.#tier = tier;
    this.#distanceMode = Boolean(distances);
    this.#map.removeFeatureState({ source: 'buildings' });
    if (distances) {
      const { featureIndex, metres } = distances;
      for (let i = 0; i < featureIndex.length; i++) {
        const m = metres[i];
        this.#map.setFeatureState({ source: 'buildings', id: featureIndex[i] }, { acc: 1, dist: Number.isFinite(m) ? m : -1 });
      }
    }
    this.#map.setPaintProperty('buildings-fill', 'fill-color', this.#buildingColor());
  }

  async setIsochrones(fc, origin) {
    const data = rankAreas(fc);
    this.#counts.isochrones = data.features.length;
    this.container.dataset.isochrones = String(data.features.length);
    await this.#set('isochrones', data);
    await this.#set('origin', origin ? { type: 'Feature', geometry: { type: 'Point', coordinates: origin }, properties: {} } : EMPTY);
  }

  async setServiceAreas(fc) {
    const data = rankAreas(fc);
    this.container.dataset.serviceAreas = String(data.features.length);
    await this.#set('service-areas', data);
  }

  async setGrid(grid) {
    const data = grid ? gridCells(grid) : EMPTY;
    this.container.dataset.gridCells = String(data.features.length);
    await this.#set('grid', data);
  }

  async setSelected(lngLat) {
    await this.#set('selected', lngLat ? { type: 'Feature', geometry: { type: 'Point', coordinates: lngLat }, properties: {} } : EMPTY);
  }

  async setVisible(layer, visible) {
    await this.#ready;
    const ids = {
      facilities: ['facilities-circle'],
      roads: ['roads-line'],
      green: ['green-fill'],
      serviceAreas: ['service-areas-fill', 'service-areas-line'],
      grid: ['grid-fill'],
    }[layer] ?? [];
    for (const id of ids) this.#map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  /** The optional online OpenStreetMap raster basemap (the only request to another origin). */
  async setBasemap(on) {
    await this.#ready;
    if (on === this.#basemap) return;
    this.#basemap = on;
    if (on) {
      this.#map.addSource('osm', { type: 'raster', tiles: [OSM_TILES], tileSize: 256, maxzoom: 19, attribution: OSM_ATTRIBUTION });
      this.#map.addLayer({ id: 'osm-tiles', type: 'raster', source: 'osm', paint: { 'raster-opacity': 0.85 } }, 'green-fill');
    } else {
      this.#map.removeLayer('osm-tiles');
      this.#map.removeSource('osm');
    }
  }

  fitTo(bbox) {
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(Number.isFinite)) return;
    const [w, s, e, n] = bbox;
    this.#map.fitBounds([[w, s], [e, n]], { padding: 24, animate: false, maxZoom: 18 });
  }

  /** The centre of the view as [lon, lat]. @returns {[number, number]} */
  center() {
    const c = this.#map.getCenter();
    return [c.lng, c.lat];
  }

  setCursor(cursor) {
    this.#map.getCanvas().style.cursor = cursor;
  }

  resize() {
    this.#map.resize();
  }

  /**
   * A 2D-canvas copy of the map as drawn now (WebGL canvases print
   * unreliably). Redraws synchronously and copies in the same task, while
   * the drawing buffer is still valid (no preserveDrawingBuffer needed).
   */
  snapshot() {
    const src = this.#map.getCanvas();
    this.#map.redraw();
    const copy = document.createElement('canvas');
    copy.width = src.width;
    copy.height = src.height;
    copy.getContext('2d').drawImage(src, 0, 0);
    return copy;
  }

  /** Screen position of a lon/lat (for tests and keyboard helpers). */
  project(lngLat) {
    const p = this.#map.project(lngLat);
    return [p.x, p.y];
  }

  #click(e) {
    const { x, y } = e.point;
    const box = [[x - 6, y - 6], [x + 6, y + 6]];
    const layers = ['facilities-circle', 'buildings-fill'].filter((l) => this.#map.getLayer(l));
    const hits = this.#map.queryRenderedFeatures(box, { layers });
    // The facility nearest to the click, not just the first one drawn there.
    let facility = null;
    let best = Infinity;
    for (const f of hits) {
      if (f.layer.id !== 'facilities-circle') continue;
      const p = this.#map.project(f.geometry.coordinates);
      const d = (p.x - x) ** 2 + (p.y - y) ** 2;
      if (d < best) {
        best = d;
        facility = f;
      }
    }
    const building = this.#map.queryRenderedFeatures([x, y], { layers: ['buildings-fill'] })[0];
    this.#onClick?.({
      lngLat: [e.lngLat.lng, e.lngLat.lat],
      facility: facility ? { ...facility.properties, lngLat: facility.geometry.coordinates } : null,
      building: building ? { ...building.properties } : null,
    });
  }
}
