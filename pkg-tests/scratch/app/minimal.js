// The smallest useful app: site metrics only (its bundle size is reported in BENCHMARKS.md).
import init, { Community } from 'future-community';

const out = document.getElementById('score');
init()
  .then(() => fetch('./data.geojson'))
  .then((r) => r.text())
  .then((text) => {
    const m = Community.fromGeoJSON(text).siteMetrics();
    out.dataset.score = String(m.far);
    out.textContent = `FAR ${m.far.toFixed(2)}`;
    out.dataset.state = 'ready';
  })
  .catch((e) => {
    out.dataset.state = 'error';
    out.textContent = String(e?.message ?? e);
  });
