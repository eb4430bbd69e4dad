// Types of the Node entries of future-community (import and require). The
// module is ready at import: init() and initSync() exist for code shared with
// the browser entry and do nothing.
export * from './future_community.js';
export { FutureCommunityError, isFutureCommunityError, supported } from './runtime.js';
export { explain, messages } from './messages.js';

/** Resolves at once: in Node the module is ready at import. */
export declare function init(): Promise<void>;
/** Does nothing: in Node the module is ready at import. */
export declare function initSync(): void;
export default init;
