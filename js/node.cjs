// future-community for Node's `require`: the CommonJS glue instantiates the
// module from the .wasm next to it while loading, so it is ready at once.
// `init()` exists (and resolves at once) so that code shared with the
// browser entry can call it everywhere.
'use strict';
const glue = require('./future_community.cjs');
const runtime = require('./runtime.cjs');
const text = require('./messages.cjs');

// The CommonJS glue instantiated the module while loading.
runtime.glueState(glue).ready = true;
const api = runtime.harden(glue);

function init() {
  return Promise.resolve();
}
function initSync() {}

module.exports = {
  ...api,
  init,
  initSync,
  default: init,
  FutureCommunityError: runtime.FutureCommunityError,
  isFutureCommunityError: runtime.isFutureCommunityError,
  supported: runtime.supported,
  explain: text.explain,
  messages: text.messages,
};
