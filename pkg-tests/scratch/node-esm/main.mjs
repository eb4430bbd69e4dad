// Node, ES module: ready at import (init() is a no-op kept for shared code).
import { readFileSync } from 'node:fs';
import init, { Community } from 'future-community';

await init();
const community = Community.fromGeoJSON(readFileSync(process.argv[2], 'utf8'));
const report = community.evaluate('zhejiang-future-community');
community.free();
console.log(JSON.stringify({ score: report.score, grade: report.grade }));
