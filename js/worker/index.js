// `future-community/worker`: the package behind promises, computed in a
// module Web Worker so that the page never freezes, or on the page when no
// worker can start (a page of another origin, a CSP without worker-src, an
// old browser). Same names as the package, every call returns a promise:
//
//   import { createClient } from 'future-community/worker';
//   const fc = await createClient();
//   const community = await fc.Community.fromGeoJSON(text);
//   const report = await community.evaluate('zhejiang-future-community');
//   await community.free();
//
// Errors reject as FutureCommunityError with the same `code` and `featureIndex`.
import { FutureCommunityError } from '../runtime.js';
import { createDispatcher, errorInfo } from './dispatch.js';

export { FutureCommunityError, isFutureCommunityError } from '../runtime.js';

const toError = (info) =>
  new FutureCommunityError(info?.code ?? 'INTERNAL', info?.message, { featureIndex: info?.featureIndex });

function startWorker(workerUrl) {
  // Written out so that Vite, webpack 5 and Parcel see and bundle the worker.
  return workerUrl
    ? new Worker(workerUrl, { type: 'module' })
    : new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

/** A transport over a worker: requests in order, answers matched by id. */
function workerTransport(worker, startTimeoutMs) {
  let next = 1;
  const pending = new Map();
  const failAll = (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.addEventListener('message', (event) => {
    const { id, ok, result, error } = event.data ?? {};
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (ok) p.resolve(result);
    else p.reject(toError(error));
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault?.();
    failAll(new FutureCommunityError('INIT_FAILED', `the worker failed: ${event.message || 'its script could not be loaded'}`));
  });
  worker.addEventListener('messageerror', () => failAll(new FutureCommunityError('INTERNAL', 'a message from the worker could not be read')));
  return {
    inPage: false,
    request(message, timeoutMs) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (timeoutMs) {
          setTimeout(() => {
            if (!pending.has(id)) return;
            pending.delete(id);
            reject(new FutureCommunityError('INIT_FAILED', `the worker did not start within ${timeoutMs} ms`));
          }, timeoutMs);
        }
        try {
          worker.postMessage({ ...message, id });
        } catch (err) {
          pending.delete(id);
          reject(new FutureCommunityError('INVALID_OPTION', `an argument cannot be sent to the worker: ${err.message}`));
        }
      });
    },
    terminate() {
      worker.terminate();
      failAll(new FutureCommunityError('FREED', 'the client was terminated'));
    },
    startTimeoutMs,
  };
}

/** The same requests answered on the page, one at a time, after a paint. */
async function inPageTransport(wasm) {
  let api;
  try {
    api = await import('../index.js');
    await api.default(wasm ?? undefined);
  } catch (err) {
    // A failed import (404, no CORS, a CSP) rejects with a bare TypeError:
    // give it our code, as for every other failure to start.
    if (err instanceof FutureCommunityError) throw err;
    throw new FutureCommunityError('INIT_FAILED', `the package could not be loaded on the page: ${err?.message ?? err}`, { cause: err });
  }
  const dispatcher = createDispatcher(api);
  let chain = Promise.resolve();
  return {
    inPage: true,
    info: { version: api.version(), ...dispatcher.describe() },
    request(message) {
      const run = chain.then(async () => {
        await new Promise((r) => setTimeout(r, 0));
        try {
          return dispatcher.handle(message);
        } catch (err) {
          throw toError(errorInfo(err));
        }
      });
      chain = run.catch(() => {});
      return run;
    },
    terminate() {},
  };
}

function remoteObject(transport, handle, methods) {
  const obj = { handle };
  for (const name of methods) {
    obj[name] = (...args) => transport.request({ op: 'method', handle, name, args }).then((r) => wrap(transport, r, methods));
  }
  let freed = false;
  obj.free = () => {
    if (freed) return Promise.resolve();
    freed = true;
    return transport.request({ op: 'free', handle }).then(() => undefined);
  };
  return obj;
}

function wrap(transport, result, methods) {
  if (result && typeof result === 'object' && typeof result.__handle === 'number' && Object.keys(result).length === 1) {
    return remoteObject(transport, result.__handle, methods);
  }
  return result;
}

// A worker resolves relative URLs against its own script: send absolute ones.
function absolute(wasm) {
  if (wasm instanceof URL) return wasm.href;
  if (typeof wasm === 'string') return new URL(wasm, globalThis.location?.href).href;
  return wasm;
}

/**
 * Starts the worker (or, when it cannot start, the in-page fallback) and
 * resolves to a client once the module is ready.
 *
 * Options: `workerUrl` (the worker script, default: the package's
 * worker.js), `wasm` (what `init()` loads, default: next to the package),
 * `mode` ('auto' | 'worker' | 'page'; default 'auto': a worker, else the
 * page), `startTimeoutMs` (default 20000).
 */
export async function createClient(options = {}) {
  const { workerUrl, wasm, mode = 'auto', startTimeoutMs = 20000 } = options;
  let transport = null;
  let info = null;
  let workerError = null;
  if (mode !== 'page' && typeof Worker === 'function') {
    try {
      transport = workerTransport(startWorker(workerUrl), startTimeoutMs);
      info = await transport.request({ op: 'init', wasm: absolute(wasm) }, startTimeoutMs);
    } catch (err) {
      // Any failure to start (SecurityError for a worker of another origin,
      // a 404, a CSP, a failed fetch inside the worker): try the page.
      workerError = err;
      transport?.terminate();
      transport = null;
    }
  }
  if (!transport) {
    if (mode === 'worker') {
      throw workerError instanceof FutureCommunityError
        ? workerError
        : new FutureCommunityError('INIT_FAILED', `the worker could not start: ${workerError?.message ?? 'Worker is not available'}`);
    }
    transport = await inPageTransport(wasm);
    info = transport.info;
  }
  return makeClient(transport, info, workerError);
}

function makeClient(transport, info, workerError) {
  const client = {
    /** True when computing on the page (no worker could start). */
    inPage: transport.inPage,
    /** Why the worker did not start, when `inPage` is true and one was tried. */
    workerError,
    /** Stops the worker; pending calls reject. */
    terminate: () => transport.terminate(),
  };
  for (const name of info.functions) {
    const call = (...args) => transport.request({ op: 'call', name, args }).then((r) => wrap(transport, r, info.methods));
    const [first, second] = name.split('.');
    if (second === undefined) client[first] = call;
    else (client[first] ??= {})[second] = call;
  }
  return client;
}
