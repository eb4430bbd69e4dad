// Module worker running the wasm package for fc-client.js, so that parsing
// and scoring never block the page. Requests are answered in order:
//   in:  { id, method, args }
//   out: { id, ok: true, result } | { id, ok: false, error: { name, code, featureIndex, message } }
//        { id, progress: stage, fraction } while a request runs
import { createCore } from './fc-core.js';

let currentId = null;
const core = createCore((stage, fraction = null) => {
  if (currentId !== null) self.postMessage({ id: currentId, progress: stage, fraction });
});

// One request at a time, in order (init and load are asynchronous).
let queue = Promise.resolve();
self.addEventListener('message', (event) => {
  const { id, method, args } = event.data ?? {};
  queue = queue.then(async () => {
    currentId = id;
    try {
      const result = await core.handle(method, args);
      self.postMessage({ id, ok: true, result });
    } catch (err) {
      self.postMessage({ id, ok: false, error: core.errorInfo(err) });
    } finally {
      currentId = null;
    }
  });
});
