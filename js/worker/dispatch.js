// The request handler behind `future-community/worker`: runs in the worker
// (worker.js), or on the page when no worker can start. Objects made by the
// package (a Community) stay on this side; the client holds a numeric handle.
//
//   { op: 'call', name, args }                a module function or a static method
//   { op: 'method', handle, name, args }      a method of a held object
//   { op: 'free', handle }                    frees a held object

/** Plain error fields that survive postMessage (custom fields do not). */
export function errorInfo(err) {
  return {
    name: err?.name ?? 'Error',
    code: typeof err?.code === 'string' ? err.code : 'INTERNAL',
    message: String(err?.message ?? err),
    featureIndex: typeof err?.featureIndex === 'number' ? err.featureIndex : undefined,
  };
}

/** What the client may call: module functions and each class's methods. */
export function describe(api) {
  const functions = [];
  const methods = [];
  for (const [name, value] of Object.entries(api)) {
    if (typeof value !== 'function' || ['default', 'init', 'initSync', 'supported', 'isFutureCommunityError', 'FutureCommunityError'].includes(name)) continue;
    if (value.prototype && typeof value.prototype.free === 'function') {
      for (const key of Object.getOwnPropertyNames(value)) {
        if (typeof value[key] === 'function' && !['length', 'name', 'prototype'].includes(key) && !key.startsWith('__')) {
          functions.push(`${name}.${key}`);
        }
      }
      for (const key of Object.getOwnPropertyNames(value.prototype)) {
        if (key !== 'constructor' && key !== 'free' && !key.startsWith('__') && !methods.includes(key)) methods.push(key);
      }
    } else {
      functions.push(name);
    }
  }
  return { functions, methods };
}

/** A handler of requests against one initialised package instance. */
export function createDispatcher(api) {
  const held = new Map();
  let next = 1;
  const isHeld = (v) => v !== null && typeof v === 'object' && typeof v.free === 'function' && '__wbg_ptr' in v;

  function resolve(name) {
    const [first, second] = name.split('.');
    const owner = api[first];
    const fn = second === undefined ? owner : owner?.[second];
    if (typeof fn !== 'function') {
      throw Object.assign(new Error(`no function ${name} in future-community ${api.version?.() ?? ''}`), { code: 'NOT_FOUND' });
    }
    return second === undefined ? fn : fn.bind(owner);
  }

  return {
    describe: () => describe(api),
    handle({ op, name, handle, args = [] }) {
      if (op === 'free') {
        held.get(handle)?.free();
        held.delete(handle);
        return null;
      }
      let result;
      if (op === 'call') {
        result = resolve(name)(...args);
      } else if (op === 'method') {
        const obj = held.get(handle);
        if (!obj) throw Object.assign(new Error('this object was freed: create a new one'), { code: 'FREED' });
        if (typeof obj[name] !== 'function') throw Object.assign(new Error(`no method ${name}`), { code: 'NOT_FOUND' });
        result = obj[name](...args);
      } else {
        throw Object.assign(new Error(`unknown request ${op}`), { code: 'INVALID_OPTION' });
      }
      if (isHeld(result)) {
        const id = next++;
        held.set(id, result);
        return { __handle: id };
      }
      return result;
    },
  };
}
