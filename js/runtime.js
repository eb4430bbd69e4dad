// The part of the npm package that is the same in every entry (browser,
// Node import, Node require, inline): the error class, the guard, the
// feature check, and the wrapper that gives the wasm-bindgen classes coded
// errors before init() and after free() and lets only the objects the
// package made be their receivers (see "Receivers" below).
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

// -- Receivers ---------------------------------------------------------------
//
// A method of a wasm-bindgen class hands `this.__wbg_ptr` to the module as a
// raw address: any object with that property (`Object.create(Community.
// prototype, { __wbg_ptr: { value: 8 } })`, a copy of a real community's
// pointer, `Community.__wrap(8)`) would make the module read or free memory
// that is not a community. So the hardened classes accept as `this` only the
// objects this file adopted when the glue made them:
//
// - The glue makes an instance only in `Cls.__wrap(ptr)`, which it calls
//   inside one of its own functions. The replacement `__wrap` below refuses a
//   call when no guarded call is running (`INVALID_RECEIVER`); inside one it
//   makes the object, takes it back from the glue's FinalizationRegistry at
//   once and notes it in the running call's frame. When the guarded call
//   returns, the objects of its frame that it returns (itself or in an array)
//   are adopted; the others (made by a callback that called `__wrap` while the
//   call ran) stay inert.
// - An adopted instance has a non-configurable `__wbg_ptr` getter reading its
//   private state (so it cannot be pointed elsewhere) and is freed through a
//   stand-in receiver (so nothing the caller can redefine on it is consulted),
//   by free(), Symbol.dispose, __destroy_into_raw() or this file's
//   FinalizationRegistry.
// - free() while a method of the same object runs (an option getter calling
//   it) marks the object freed (later calls throw FREED) and releases its
//   memory when the outermost running call returns.
//
// Assumptions on the glue, checked by scripts/build-pkg.sh: objects are made
// only by `__wrap`, `free()` is `wasm.__wbg_<class>_free(this.__destroy_into_raw(), 0)`,
// and no method takes an instance as an argument or by value.

/** Adopted instances: object -> { kind, ptr, depth, freed }. */
const INSTANCES = new WeakMap();
/** One frame per guarded call running: the objects `__wrap` made during it. */
const FRAMES = [];

/** `value instanceof cls`, false when a Proxy's trap throws. */
const looksLike = (value, cls) => {
  try {
    return value !== null && typeof value === 'object' && value instanceof cls;
  } catch {
    return false;
  }
};

const receiverError = (self, cls, name) =>
  new FutureCommunityError(
    'INVALID_RECEIVER',
    looksLike(self, cls)
      ? `this ${name} was not made by future-community (\`new ${name}()\`, ` +
          `\`Object.create(${name}.prototype)\` or a copied pointer): make one with its static ` +
          `functions, for example ${name}.fromGeoJSON().`
      : undefined,
  );

/** Calls a glue function in a frame; adopts the instances it returns. */
function inFrame(fn, self, args) {
  const frame = [];
  FRAMES.push(frame);
  let result;
  try {
    result = fn.apply(self, args);
    return result;
  } catch (err) {
    throw toCodedError(err);
  } finally {
    FRAMES.pop();
    for (const { obj, ptr, kind } of frame) {
      if (obj === result || (Array.isArray(result) && result.includes(obj))) kind.adopt(obj, ptr);
    }
  }
}

function guarded(fn, before) {
  return function (...args) {
    before(this);
    return inFrame(fn, this, args);
  };
}

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
      hardenClass(value, ready, name);
      out[name] = value;
    } else if (typeof value === 'function') {
      out[name] = guarded(value, ready);
    } else {
      out[name] = value;
    }
  }
  return out;
}

const method = (value) => ({ value, writable: true, configurable: true });

/** Sets an own property, also for the key `__proto__` (strings from input stay keys). */
function put(obj, key, value) {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

/**
 * The object form of `accessibility()` from its columns: the module returns
 * typed arrays (fast to cross), and the per-building objects are built here,
 * several times faster than writing them as JSON in the module and parsing
 * them. Same content as the Rust `AccessResult`: `null` for unreachable
 * (`NaN`) and for no facility (`-1`); `kNearestM` (reachable ones) when
 * k > 1; `opportunities` for the categories that have them; `gravity` with a
 * decay.
 */
function accessibilityObjects(cols) {
  const names = cols.categoryNames;
  const cats = names.map((name) => cols.categories[name]);
  const nc = names.length;
  const k = cols.k;
  const tkeys = cols.thresholds.map((t) => t.key);
  const nt = tkeys.length;
  const withOpp = cats.map((c) => c.opportunities.length > 0);
  const anyOpp = withOpp.some(Boolean);
  const anyGravity = cats.some((c) => c.gravity.length > 0);
  const { featureIndex, id, households, population } = cols;
  const n = featureIndex.length;
  const buildings = new Array(n);
  const net = cats.map((c) => c.networkM);
  const near = cats.map((c) => c.nearestFeatureIndex);
  const straight = cats.map((c) => c.straightM);
  const ratio = cats.map((c) => c.detourRatio);
  // Plain stores (one hidden class per map, fast) unless a name needs care.
  const plain = !names.includes('__proto__');
  // Each map starts as a copy of one template (V8 clones its shape at once;
  // the stores below then only overwrite).
  const template = {};
  for (const name of names) put(template, name, null);
  for (let o = 0; o < n; o++) {
    const networkM = plain ? { ...template } : {};
    const nearest = plain ? { ...template } : {};
    const straightM = plain ? { ...template } : {};
    const detour = plain ? { ...template } : {};
    for (let c = 0; c < nc; c++) {
      const name = names[c];
      const d = net[c][o];
      const f = near[c][o];
      const s = straight[c][o];
      const r = ratio[c][o];
      if (plain) {
        networkM[name] = d === d ? d : null;
        nearest[name] = f < 0 ? null : f;
        straightM[name] = s === s ? s : null;
        detour[name] = r === r ? r : null;
      } else {
        put(networkM, name, d === d ? d : null);
        put(nearest, name, f < 0 ? null : f);
        put(straightM, name, s === s ? s : null);
        put(detour, name, r === r ? r : null);
      }
    }
    const b = {
      featureIndex: featureIndex[o],
      id: id[o],
      households: households[o],
      population: population[o],
      networkM,
      nearestFeatureIndex: nearest,
      straightM,
      detourRatio: detour,
    };
    if (k > 1) {
      const kn = {};
      for (let c = 0; c < nc; c++) {
        const row = [];
        const all = cats[c].kNearestM;
        for (let j = o * k; j < (o + 1) * k; j++) if (all[j] === all[j]) row.push(all[j]);
        put(kn, names[c], row);
      }
      b.kNearestM = kn;
    }
    if (anyOpp) {
      const opp = {};
      for (let c = 0; c < nc; c++) {
        if (!withOpp[c]) continue;
        const all = cats[c].opportunities;
        const row = {};
        for (let t = 0; t < nt; t++) put(row, tkeys[t], all[o * nt + t]);
        put(opp, names[c], row);
      }
      b.opportunities = opp;
    }
    if (anyGravity) {
      const g = {};
      for (let c = 0; c < nc; c++) {
        const all = cats[c].gravity;
        put(g, names[c], o < all.length ? all[o] : 0);
      }
      b.gravity = g;
    }
    buildings[o] = b;
  }
  return {
    categories: names,
    thresholds: cols.thresholds,
    buildings,
    coverage: cols.coverage,
    coverageTotals: cols.coverageTotals,
    warnings: cols.warnings,
  };
}

/** Methods whose module result is reshaped in JS before it is returned. */
const RESHAPE = { accessibility: accessibilityObjects };

function hardenClass(cls, ready, name = cls.name) {
  if (cls[TAG]) return;
  Object.defineProperty(cls, TAG, { value: true });
  const proto = cls.prototype;
  const glueWrap = cls.__wrap;
  const glueDestroy = proto.__destroy_into_raw;
  const glueFree = proto.free;
  if (typeof glueWrap !== 'function' || typeof glueDestroy !== 'function') {
    throw new Error(`future-community: the glue's ${name} has no __wrap/__destroy_into_raw (see js/runtime.js)`);
  }

  /** Frees a pointer through a stand-in receiver: only the glue's own code runs. */
  const freePtr = (ptr) => glueFree.call({ __destroy_into_raw: () => ptr });
  const registry =
    typeof FinalizationRegistry === 'function'
      ? new FinalizationRegistry((st) => {
          try {
            if (st.ptr) freePtr(st.ptr);
          } catch {
            // A finalizer has no caller to tell.
          }
        })
      : { register() {}, unregister() {} };
  const ptrOf = function () {
    return INSTANCES.get(this)?.ptr ?? 0;
  };
  const kind = {
    adopt(obj, ptr) {
      const st = { kind, ptr, depth: 0, freed: false };
      Object.defineProperty(obj, '__wbg_ptr', { get: ptrOf, enumerable: true, configurable: false });
      INSTANCES.set(obj, st);
      registry.register(obj, st, st);
    },
  };
  const release = (st) => {
    const ptr = st.ptr;
    st.ptr = 0;
    registry.unregister(st);
    freePtr(ptr);
  };

  // Statics: the factories run in a frame; `__wrap` only inside one; other
  // `__*` internals of the glue are refused outside the library's calls.
  for (const key of Object.getOwnPropertyNames(cls)) {
    const d = Object.getOwnPropertyDescriptor(cls, key);
    if (typeof d.value !== 'function') continue;
    if (key === '__wrap') {
      const wrap = function __wrap(ptr) {
        const frame = FRAMES[FRAMES.length - 1];
        if (!frame) throw new FutureCommunityError('INVALID_RECEIVER', `${name}.__wrap is internal to the generated glue: make a ${name} with its static functions, for example ${name}.fromGeoJSON().`);
        const obj = glueWrap.call(cls, ptr);
        // Out of the glue's FinalizationRegistry before anything else sees it.
        frame.push({ obj, ptr: glueDestroy.call(obj), kind });
        return obj;
      };
      Object.defineProperty(cls, key, { value: wrap, writable: false, enumerable: d.enumerable, configurable: false });
    } else if (key.startsWith('__')) {
      const internal = d.value;
      Object.defineProperty(cls, key, {
        ...d,
        value: function (...args) {
          if (FRAMES.length === 0) throw new FutureCommunityError('INVALID_RECEIVER', `${name}.${key} is internal to the generated glue.`);
          return internal.apply(this, args);
        },
      });
    } else {
      Object.defineProperty(cls, key, { ...d, value: guarded(d.value, ready) });
    }
  }

  // Methods, getters and setters: only on an adopted, live instance; the
  // instance is pinned while the call runs (a free() meanwhile is deferred).
  const enter = (self) => {
    ready();
    const st = INSTANCES.get(self);
    if (st === undefined || st.kind !== kind) throw receiverError(self, cls, name);
    if (st.freed) throw new FutureCommunityError('FREED');
    return st;
  };
  const pinned = (fn) =>
    function (...args) {
      const st = enter(this);
      st.depth++;
      try {
        return inFrame(fn, this, args);
      } finally {
        if (--st.depth === 0 && st.freed && st.ptr) {
          try {
            release(st);
          } catch {
            // Nothing borrows the value once its last call returned: cannot fail.
          }
        }
      }
    };
  for (const key of Reflect.ownKeys(proto)) {
    if (key === 'constructor' || key === 'free' || key === '__destroy_into_raw' || key === Symbol.dispose) continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (typeof d.value === 'function') {
      const call = pinned(d.value);
      const reshape = typeof key === 'string' && Object.hasOwn(RESHAPE, key) ? RESHAPE[key] : null;
      const value = reshape === null ? call : function (...args) {
        return reshape(call.apply(this, args));
      };
      Object.defineProperty(proto, key, { ...d, value });
    } else if (d.get !== undefined || d.set !== undefined) {
      Object.defineProperty(proto, key, {
        ...d,
        get: d.get === undefined ? undefined : pinned(d.get),
        set: d.set === undefined ? undefined : pinned(d.set),
      });
    }
  }

  // free() twice (or after a `using` block) is a no-op, as for a closed file;
  // so is free() of an empty `new Community()`, which holds nothing.
  const isEmpty = (self) => {
    try {
      return looksLike(self, cls) && !Object.prototype.hasOwnProperty.call(self, '__wbg_ptr');
    } catch {
      return false;
    }
  };
  const free = function free() {
    const st = INSTANCES.get(this);
    if (st === undefined || st.kind !== kind) {
      if (isEmpty(this)) return;
      throw receiverError(this, cls, name);
    }
    if (st.freed) return;
    st.freed = true;
    if (st.depth > 0) return; // released when the running call returns
    try {
      release(st);
    } catch (err) {
      throw toCodedError(err);
    }
  };
  Object.defineProperty(proto, 'free', method(free));
  // The glue's "give up ownership": nothing outside the glue can use a raw pointer.
  Object.defineProperty(proto, '__destroy_into_raw', method(function __destroy_into_raw() {
    free.call(this);
    return 0;
  }));
  if (typeof Symbol.dispose === 'symbol' && Object.prototype.hasOwnProperty.call(proto, Symbol.dispose)) {
    Object.defineProperty(proto, Symbol.dispose, method(free));
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
