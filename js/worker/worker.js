// The module Web Worker of `future-community/worker` (started by index.js).
//   in:  { id, op, name, handle, args }, or { id, op: 'init', wasm }
//   out: { id, ok: true, result } | { id, ok: false, error: { name, code, message, featureIndex } }
import init, * as api from '../index.js';
import { createDispatcher, errorInfo } from './dispatch.js';

const dispatcher = createDispatcher(api);
let queue = Promise.resolve();

self.addEventListener('message', (event) => {
  const request = event.data ?? {};
  // One request at a time, in order of arrival.
  queue = queue.then(async () => {
    try {
      let result;
      if (request.op === 'init') {
        await init(request.wasm ?? undefined);
        result = { version: api.version(), ...dispatcher.describe() };
      } else {
        result = dispatcher.handle(request);
      }
      self.postMessage({ id: request.id, ok: true, result });
    } catch (err) {
      self.postMessage({ id: request.id, ok: false, error: errorInfo(err) });
    }
  });
});
