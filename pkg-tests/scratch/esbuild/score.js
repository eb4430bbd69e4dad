// esbuild (and Rollup) do not emit the .wasm that `new URL(…, import.meta.url)`
// names: such apps import the inline entry, which is ready at import.
import { Community } from 'future-community/inline';

const out = document.getElementById('score');
fetch('./data.geojson')
  .then((r) => r.text())
  .then((text) => {
    const report = Community.fromGeoJSON(text).evaluate('zhejiang-future-community');
    out.dataset.score = String(report.score);
    out.textContent = `score ${report.score.toFixed(1)} (esbuild)`;
    out.dataset.state = 'ready';
  })
  .catch((e) => {
    out.dataset.state = 'error';
    out.textContent = `${e?.code ?? ''}: ${e?.message ?? e}`;
  });
