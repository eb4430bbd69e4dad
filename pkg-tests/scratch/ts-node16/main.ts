// A Node-only project (no DOM types, node16 resolution), ES module side.
import { readFileSync } from 'node:fs';
import init, { Community, isFutureCommunityError, type SiteMetrics } from 'future-community';

await init();
try {
  using community = Community.fromGeoJSON(readFileSync(process.argv[2] ?? 'data.geojson'));
  const metrics: SiteMetrics = community.siteMetrics();
  console.log(metrics.far);
} catch (e) {
  if (isFutureCommunityError(e)) console.error(e.code, e.featureIndex ?? -1);
  else throw e;
}
