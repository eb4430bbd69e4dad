// Loads one build of the package, chosen by FC_PKG (the lightningcss pattern:
// one suite, several builds):
//   FC_PKG=node  pkg-node/  (wasm-pack --target nodejs, CommonJS)
//   FC_PKG=web   pkg-web/   (wasm-pack --target web, ES module; the wasm bytes
//                            are read from disk and passed to init())
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const PKG = process.env.FC_PKG ?? 'node';

/** Resolves to the module exports ({ Community, version, ... }), initialised. */
export async function loadPackage(which = PKG) {
  const dir = path.join(ROOT, `pkg-${which}`);
  const js = path.join(dir, 'future_community.js');
  const wasm = path.join(dir, 'future_community_bg.wasm');
  if (which !== 'node' && which !== 'web') {
    throw new Error(`FC_PKG must be "node" or "web", not ${JSON.stringify(which)}`);
  }
  if (!existsSync(js) || !existsSync(wasm)) {
    throw new Error(`pkg-${which}/ is not built: run scripts/build-pkg.sh ${which}`);
  }
  if (which === 'node') {
    return createRequire(import.meta.url)(js);
  }
  const mod = await import(pathToFileURL(js).href);
  await mod.default({ module_or_path: await readFile(wasm) });
  return mod;
}

/** Reads a file relative to the repository root as UTF-8 text. */
export function readRepoText(rel) {
  return readFile(path.join(ROOT, rel), 'utf8');
}
