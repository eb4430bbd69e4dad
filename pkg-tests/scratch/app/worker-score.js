// The same app through `future-community/worker`, in mode 'worker' so that a
// worker that cannot start fails the test instead of falling back.
import { createClient } from 'future-community/worker';

const out = document.getElementById('score');

async function main() {
  const fc = await createClient({ mode: 'worker' });
  const text = await (await fetch(new URL('./data.geojson', location.href))).text();
  const community = await fc.Community.fromGeoJSON(text);
  const report = await community.evaluate('zhejiang-future-community');
  await community.free();
  out.dataset.score = String(report.score);
  out.dataset.inPage = String(fc.inPage);
  out.textContent = `score ${report.score.toFixed(1)} (worker)`;
  out.dataset.state = 'ready';
}

main().catch((e) => {
  out.dataset.state = 'error';
  out.textContent = `${e?.code ?? ''}: ${e?.message ?? e}`;
});
