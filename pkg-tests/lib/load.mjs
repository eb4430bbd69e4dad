// Loads the built package pkg/ through one of its entries, chosen by FC_PKG
// (the lightningcss pattern: one suite, several builds):
//   FC_PKG=node  pkg/node.cjs  (what Node's require and import resolve to)
//   FC_PKG=web   pkg/index.js  (the browser / bundler entry; the wasm bytes are
//                               read from disk and passed to init())
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The built package. */
export const PKG_DIR = path.join(ROOT, 'pkg');

export const PKG = process.env.FC_PKG ?? 'node';

/** Resolves to the module exports ({ Community, version, ... }), initialised. */
export async function loadPackage(which = PKG) {
  if (which !== 'node' && which !== 'web') {
    throw new Error(`FC_PKG must be "node" or "web", not ${JSON.stringify(which)}`);
  }
  const wasm = path.join(PKG_DIR, 'future_community_bg.wasm');
  if (!existsSync(path.join(PKG_DIR, 'package.json')) || !existsSync(wasm)) {
    throw new Error('pkg/ is not built: run scripts/build-pkg.sh');
  }
  if (which === 'node') {
    return createRequire(import.meta.url)(path.join(PKG_DIR, 'node.cjs'));
  }
  const mod = await import(pathToFileURL(path.join(PKG_DIR, 'index.js')).href);
  await mod.default(await readFile(wasm));
  return mod;
}

/** Reads a file relative to the repository root as UTF-8 text. */
export function readRepoText(rel) {
  return readFile(path.join(ROOT, rel), 'utf8');
}

/** Reads a file relative to the repository root as bytes. */
export async function readRepoBytes(rel) {
  return new Uint8Array(await readFile(path.join(ROOT, rel)));
}
