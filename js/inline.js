// future-community with its WebAssembly module embedded (base64) in this
// file: for esbuild, Rollup and other tools that do not emit the .wasm that
// `new URL('…wasm', import.meta.url)` points to, and for single-file pages.
// Ready at import (compiled synchronously from the embedded bytes);
// `init()` resolves at once. About a third larger than the .wasm itself.
//
//   import { Community } from 'future-community/inline';
import * as glue from './future_community.js';
import { glueState, harden, initError } from './runtime.js';

export { FutureCommunityError, isFutureCommunityError, supported } from './runtime.js';
export { explain, messages } from './messages.js';

// -- end of header --

function decode(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const state = glueState(glue);
if (!state.ready) {
  try {
    glue.initSync({ module: decode(WASM_BASE64) });
  } catch (err) {
    throw initError(err);
  }
  state.ready = true;
}

const api = harden(glue);

/** Resolves at once: the module is ready at import. */
export default function init() {
  return Promise.resolve();
}

/** Does nothing: the module is ready at import. */
export function initSync() {}

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
