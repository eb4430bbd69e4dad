// Types of the browser / worker / bundler entry of future-community.
export * from './future_community.js';
export { FutureCommunityError, isFutureCommunityError, supported } from './runtime.js';
export { explain, messages } from './messages.js';

/** Where `init()` may load the module from. */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Fetches and instantiates the WebAssembly module. Call it once, before
 * anything else; later calls return at once. Without an argument the .wasm is
 * loaded from next to the package's `index.js`.
 * Rejects with a `FutureCommunityError` (`INIT_FAILED`, `UNSUPPORTED_RUNTIME`).
 */
export default function init(input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;

/** Instantiates synchronously from the module's bytes or a compiled module. */
export declare function initSync(input: BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module }): void;
