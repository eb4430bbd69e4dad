// Types of `future-community/inline`: the module is embedded and ready at
// import; init() and initSync() exist for code shared with the other entries.
export * from './future_community.js';
export { FutureCommunityError, isFutureCommunityError, supported } from './runtime.js';
export { explain, messages } from './messages.js';

/** Resolves at once: the embedded module is ready at import. */
export default function init(): Promise<void>;
/** Does nothing: the embedded module is ready at import. */
export declare function initSync(): void;
