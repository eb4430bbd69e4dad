// The part of the npm package that is the same in every entry (browser,
// Node import, Node require, inline): the error class, the guard, the
// feature check, and the wrapper that gives the wasm-bindgen classes coded
// errors before init() and after free().
//
// Written once as an ES module; scripts/build-pkg.sh derives the CommonJS
// copy for the `require` entry (it only rewrites the `export` keywords).

/** Codes thrown by this file, besides the core's codes (see ErrorCode). */
const MESSAGES = {
  NOT_INITIALISED:
    'future-community is not initialised yet: call `await init()` once before using it ' +
    '(Node and the "future-community/inline" entry need no init()).',
  FREED:
    'this object was freed: free() (or a `using` block) released it; create a new one, ' +
    'for example with Community.fromGeoJSON().',
  INVALID_RECEIVER:
    'method called on something that is not a future-community object (was it detached, ' +
    'as in `const f = community.evaluate; f()`?): call it on the object itself.',
  BUSY:
    'this object is already in use by a call that has not returned (a callback re-entered ' +
    'it): wait for the first call to finish.',
  INTERNAL:
    'the computation failed inside the WebAssembly module (a bug, not your input): the ' +
    'module may be unusable now; reload the page or process and please report the input.',
  UNSUPPORTED_RUNTIME:
    'this browser cannot run the WebAssembly module (it needs WebAssembly with bulk memory, ' +
    'sign extension, non-trapping float-to-int and mutable globals: Chrome/Edge 80+, ' +
    'Firefox 79+, Safari 15+, Node 20+).',
  INIT_FAILED: 'the WebAssembly module could not be loaded',
};

const TAG = Symbol.for('future-community.error');

/**
 * The error every call of this package throws for a reason it knows: `code`
 * is one of the documented codes, `featureIndex` (and `source`) point at the
 * offending input feature when one is at fault.
 *
 * `instanceof FutureCommunityError` also holds for errors made by the wasm
 * module itself (they carry the same name and a string `code`), and across
 * two copies of the package.
 */
export class FutureCommunityError extends Error {
  constructor(code, message, details = {}) {
    super(message ?? MESSAGES[code] ?? code, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FutureCommunityError';
    this.code = code;
    if (typeof details.featureIndex === 'number') this.featureIndex = details.featureIndex;
    Object.defineProperty(this, TAG, { value: true });
  }

  static [Symbol.hasInstance](value) {
    return isFutureCommunityError(value);
  }
}

/** True for every error this package throws (narrows `catch (e)` in TypeScript). */
export function isFutureCommunityError(value) {
  return (
    value instanceof Error &&
    (value[TAG] === true || (value.name === 'FutureCommunityError' && typeof value.code === 'string'))
  );
}

// The smallest module that uses every WebAssembly feature our build relies
// on (see wasm-opt's --enable-* flags in Cargo.toml): one function with
// memory.copy (bulk memory), i32.extend8_s (sign extension), and
// i32.trunc_sat_f32_s (non-trapping float-to-int), plus a mutable global.
const FEATURE_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x05, 0x03, 0x01, 0x00, 0x01, // memory section: one memory, min 1 page
  0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b, // global section: mut i32 = 0
  0x0a, 0x1a, 0x01, 0x18, 0x00, // code section: one body of 24 bytes, no locals
  0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0a, 0x00, 0x00, // memory.copy 0 0 0
  0x41, 0x00, 0xc0, 0x1a, // i32.extend8_s, drop
  0x43, 0x00, 0x00, 0x00, 0x00, 0xfc, 0x00, 0x1a, // f32.const 0, i32.trunc_sat_f32_s, drop
  0x0b, // end
]);

/**
 * True when this JavaScript engine can run the package's WebAssembly module.
 * Cheap (validates a 60-byte module); safe to call before init().
 */
export function supported() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(FEATURE_PROBE);
  } catch {
    return false;
  }
}

/** Maps an error thrown by the generated glue or the module to a coded one. */
export function toCodedError(err) {
  if (isFutureCommunityError(err)) return err;
  const message = String(err?.message ?? err);
  if (/null pointer passed to rust/i.test(message)) return new FutureCommunityError('FREED', undefined, { cause: err });
  if (/recursive use of an object|already mutably borrowed|already borrowed/i.test(message)) {
    return new FutureCommunityError('BUSY', undefined, { cause: err });
  }
  if (typeof WebAssembly === 'object' && err instanceof WebAssembly.RuntimeError) {
    return new FutureCommunityError('INTERNAL', `${MESSAGES.INTERNAL} (${message})`, { cause: err });
  }
  if (err instanceof TypeError) {
    return new FutureCommunityError('INVALID_OPTION', `wrong type of argument: ${message}`, { cause: err });
  }
  return new FutureCommunityError('INTERNAL', `${MESSAGES.INTERNAL} (${message})`, { cause: err });
}

function guarded(fn, before) {
  return function (...args) {
    before(this);
    try {
      return fn.apply(this, args);
    } catch (err) {
      throw toCodedError(err);
    }
  };
}

const SKIP = new Set(['constructor', 'free', '__destroy_into_raw', '__wrap']);

// Whether a glue module is instantiated, shared by every entry that uses it
// (index.js and inline.js may both be loaded by one app).
const STATES = new WeakMap();

/** The shared `{ ready }` state of one glue module. */
export function glueState(glue) {
  let state = STATES.get(glue);
  if (!state) {
    state = { ready: false };
    STATES.set(glue, state);
  }
  return state;
}

/**
 * Wraps, in place, every class and function the glue exports, and returns
 * the public exports. Calls throw NOT_INITIALISED until `glueState(glue).ready`.
 */
export function harden(glue) {
  const state = glueState(glue);
  const ready = () => {
    if (!state.ready) throw new FutureCommunityError('NOT_INITIALISED');
  };
  const out = {};
  for (const [name, value] of Object.entries(glue)) {
    if (name === 'default' || name === 'initSync' || name.startsWith('__')) continue;
    if (typeof value === 'function' && value.prototype && typeof value.prototype.free === 'function') {
      hardenClass(value, ready);
      out[name] = value;
    } else if (typeof value === 'function') {
      out[name] = guarded(value, ready);
    } else {
      out[name] = value;
    }
  }
  return out;
}

function hardenClass(cls, ready) {
  if (cls[TAG]) return;
  Object.defineProperty(cls, TAG, { value: true });
  for (const key of Object.getOwnPropertyNames(cls)) {
    const d = Object.getOwnPropertyDescriptor(cls, key);
    if (typeof d.value !== 'function' || SKIP.has(key) || key.startsWith('__')) continue;
    Object.defineProperty(cls, key, { ...d, value: guarded(d.value, ready) });
  }
  const proto = cls.prototype;
  const live = (self) => {
    ready();
    if (!(self instanceof cls)) throw new FutureCommunityError('INVALID_RECEIVER');
    if (!self.__wbg_ptr) throw new FutureCommunityError('FREED');
  };
  for (const key of Reflect.ownKeys(proto)) {
    if (typeof key === 'string' && (SKIP.has(key) || key.startsWith('__'))) continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (typeof d.value === 'function') {
      Object.defineProperty(proto, key, { ...d, value: guarded(d.value, live) });
    } else if (typeof d.get === 'function') {
      Object.defineProperty(proto, key, { ...d, get: guarded(d.get, live) });
    }
  }
  // free() twice (or after a `using` block) is a no-op, as for a closed file.
  const free = proto.free;
  const safeFree = function () {
    if (!(this instanceof cls)) throw new FutureCommunityError('INVALID_RECEIVER');
    if (!this.__wbg_ptr) return;
    try {
      free.call(this);
    } catch (err) {
      throw toCodedError(err);
    }
  };
  Object.defineProperty(proto, 'free', { value: safeFree, writable: true, configurable: true });
  if (typeof Symbol.dispose === 'symbol' && Object.prototype.hasOwnProperty.call(proto, Symbol.dispose)) {
    Object.defineProperty(proto, Symbol.dispose, { value: safeFree, writable: true, configurable: true });
  }
}

/** The error init() throws when the module cannot be fetched or compiled. */
export function initError(err, where) {
  if (typeof WebAssembly === 'object' && err instanceof WebAssembly.CompileError) {
    return new FutureCommunityError('UNSUPPORTED_RUNTIME', `${MESSAGES.UNSUPPORTED_RUNTIME} (${err.message})`, { cause: err });
  }
  const hint = where
    ? ` from ${where}: check that the file is served (with CORS when it is on another origin) as application/wasm`
    : ': pass the .wasm URL, its bytes or a compiled WebAssembly.Module to init()';
  return new FutureCommunityError('INIT_FAILED', `${MESSAGES.INIT_FAILED}${hint} (${err?.message ?? err})`, { cause: err });
}
