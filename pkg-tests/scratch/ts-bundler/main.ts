// A browser project (DOM types, bundler resolution) using every browser entry.
import init, { Community, FutureCommunityError, isFutureCommunityError, supported, type ErrorCode, type Report } from 'future-community';
import { Community as InlineCommunity } from 'future-community/inline';
import { createClient, type RemoteCommunity } from 'future-community/worker';

export async function score(text: string): Promise<number | null> {
  if (!supported()) return null;
  await init();
  await init(new URL('https://example.org/future_community_bg.wasm'));
  using community = Community.fromGeoJSON(text);
  const report: Report = community.evaluate('zhejiang-future-community');
  return report.score;
}

export function code(e: unknown): ErrorCode | null {
  if (isFutureCommunityError(e)) return e.code;
  if (e instanceof FutureCommunityError) return e.code;
  return null;
}

export function inline(text: string): number | null {
  return InlineCommunity.fromGeoJSON(text).siteMetrics().far;
}

export async function inWorker(text: string): Promise<string> {
  const fc = await createClient({ mode: 'auto' });
  const community: RemoteCommunity = await fc.Community.fromGeoJSON(text);
  const metrics = await community.siteMetrics();
  const report = await community.evaluate('gb50180-life-circle');
  await community.free();
  // @ts-expect-error the remote form returns promises, not values
  const wrong: number = community.summary();
  return `${metrics.far} ${report.grade} ${fc.inPage} ${await fc.version()} ${wrong}`;
}
