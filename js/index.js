// future-community for browsers, Web Workers and bundlers (Vite, webpack,
// Parcel): an ES module whose .wasm is fetched next to it, so `await init()`
// once before anything else. Node's `import` and `require` resolve to
// node.mjs / node.cjs instead, which need no init().
//
//   import init, { Community } from 'future-community';
//   await init();
//   const community = Community.fromGeoJSON(text);
import glueInit, * as glue from './future_community.js';
import { glueState, harden, initError } from './runtime.js';

export { FutureCommunityError, isFutureCommunityError, supported } from './runtime.js';
export { explain, messages } from './messages.js';

const state = glueState(glue);
let pending = null;
const api = harden(glue);

/** Accepts init(), init(url | bytes | Response | WebAssembly.Module) and init({ module_or_path }). */
function normalise(input) {
  if (input === undefined || input === null) return undefined;
  if (typeof input === 'object' && 'module_or_path' in input) return input;
  return { module_or_path: input };
}

/**
 * Fetches and instantiates the WebAssembly module (once; later calls return
 * the same promise). Without an argument the .wasm is loaded from next to
 * this file, which bundlers that understand `new URL(..., import.meta.url)`
 * (Vite, webpack 5, Parcel) emit for you.
 */
export default function init(input) {
  if (state.ready) return Promise.resolve();
  if (!pending) {
    const opts = normalise(input);
    const where = opts === undefined ? new URL('future_community_bg.wasm', import.meta.url).href : undefined;
    pending = glueInit(opts).then(
      () => {
        state.ready = true;
      },
      (err) => {
        pending = null;
        throw initError(err, where ?? (typeof opts.module_or_path === 'string' ? opts.module_or_path : undefined));
      },
    );
  }
  return pending;
}

/** Instantiates synchronously from the module's bytes or a compiled `WebAssembly.Module`. */
export function initSync(input) {
  if (state.ready) return;
  const opts = input && typeof input === 'object' && 'module' in input ? input : { module: input };
  try {
    glue.initSync(opts);
  } catch (err) {
    throw initError(err);
  }
  state.ready = true;
}

export const {
  Community,
  categories,
  profileRequirements,
  compareReports,
  defaultOsmMapping,
  profile,
  profileSchema,
  profiles,
  version,
} = api;
