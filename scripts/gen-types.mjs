#!/usr/bin/env node
// Turns the JS contract's JSON Schema (types/contract.schema.json, written by
// `FC_UPDATE_TYPES=1 cargo test --lib contract` from the Rust types) into
// TypeScript declarations: src/bindings/generated.d.ts, which the package's
// .d.ts includes. `--check` compares instead of writing and fails when the
// committed file is stale.
//
//   node scripts/gen-types.mjs [--check]
//
// Needs json-schema-to-typescript from pkg-tests/node_modules (npm ci there).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'pkg-tests', 'package.json'));
const { compile } = require('json-schema-to-typescript');

const schemaPath = join(root, 'types', 'contract.schema.json');
const outPath = join(root, 'src', 'bindings', 'generated.d.ts');
const check = process.argv.includes('--check');

const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));

// Types that bindings.d.ts states more precisely than the Rust types can (a
// union discriminated by `status` or `op`): their generated definition is left out
// and every reference to it names the hand-written type.
const REFINED = ['IndicatorResult', 'Target'];
for (const name of REFINED) {
  if (!schema.definitions[name]) throw new Error(`refined type ${name} is not in the schema`);
  delete schema.definitions[name];
}
const refine = (node) => {
  if (Array.isArray(node)) return node.map(refine);
  if (node && typeof node === 'object') {
    const ref = typeof node.$ref === 'string' && node.$ref.match(/^#\/definitions\/(.+)$/);
    if (ref && REFINED.includes(ref[1])) return { tsType: ref[1] };
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, refine(v)]));
  }
  return node;
};
schema.definitions = refine(schema.definitions);
// The root itself declares nothing; every definition is emitted.
const rootSchema = { ...schema, title: 'Contract', type: 'object', properties: {}, additionalProperties: false };
let ts = await compile(rootSchema, 'Contract', {
  bannerComment:
    '// Generated from the Rust types by scripts/gen-types.mjs (types/contract.schema.json). Do not edit.',
  unreachableDefinitions: true,
  additionalProperties: false,
  strictIndexSignatures: false,
  format: true,
  style: { printWidth: 100, singleQuote: false },
  enableConstEnums: false,
  declareExternallyReferenced: true,
});
// The empty root interface is not part of the contract, and the generator's
// note on where each definition came from says nothing to a reader.
ts = ts
  .replace(/export interface Contract \{\}\n/, '')
  .replace(/\n *\*\s*\n *\* This interface was referenced by `Contract`'s JSON-Schema\n *\* via the `definition` "[A-Za-z0-9]+"\.\n/g, '\n')
  .replace(/\n *\* This interface was referenced by `Contract`'s JSON-Schema\n *\* via the `definition` "[A-Za-z0-9]+"\.\n/g, '\n')
  // rustdoc links: [`name`] reads as `name`.
  .replace(/\[(`[^`\]]+`)\]/g, '$1');

if (check) {
  const committed = readFileSync(outPath, 'utf8');
  if (committed !== ts) {
    console.error('src/bindings/generated.d.ts is stale: run `node scripts/gen-types.mjs` and commit it');
    process.exit(1);
  }
  console.log('generated.d.ts is current');
} else {
  writeFileSync(outPath, ts);
  console.log(`wrote ${outPath} (${ts.length} bytes)`);
}
