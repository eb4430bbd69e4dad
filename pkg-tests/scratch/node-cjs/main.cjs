// Node, CommonJS.
const { readFileSync } = require('node:fs');
const { Community } = require('future-community');

const community = Community.fromGeoJSON(readFileSync(process.argv[2], 'utf8'));
const report = community.evaluate('zhejiang-future-community');
community.free();
console.log(JSON.stringify({ score: report.score, grade: report.grade }));
