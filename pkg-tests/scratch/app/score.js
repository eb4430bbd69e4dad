// The app every bundler test builds: loads the bundled dataset and shows its
// score. The three package lines are the ones the npm README shows.
import init, { Community, isFutureCommunityError } from 'future-community';

const out = document.getElementById('score');

async function main() {
  await init();
  const text = await (await fetch(new URL('./data.geojson', location.href))).text();
  const report = Community.fromGeoJSON(text).evaluate('zhejiang-future-community');
  out.dataset.score = String(report.score);
  out.textContent = `score ${report.score.toFixed(1)}`;
  out.dataset.state = 'ready';
}

main().catch((e) => {
  out.dataset.state = 'error';
  out.textContent = isFutureCommunityError(e) ? `${e.code}: ${e.message}` : String(e?.stack ?? e);
});
