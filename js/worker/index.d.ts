// Types of `future-community/worker`: the package's functions and methods,
// each returning a promise of the same result.
import type * as fc from '../index.js';

export { FutureCommunityError, isFutureCommunityError } from '../runtime.js';

/** The promise-returning form of a function; a returned Community becomes a RemoteCommunity. */
export type Remote<F> = F extends (...args: infer A) => infer R
  ? (...args: A) => Promise<R extends fc.Community ? RemoteCommunity : R>
  : never;

/** A Community living in the worker: the same methods, each returning a promise. */
export type RemoteCommunity = {
  [K in Exclude<Extract<keyof fc.Community, string>, 'free'>]: Remote<fc.Community[K]>;
} & {
  /** Releases the Community in the worker; later calls reject with `FREED`. Safe to call twice. */
  free(): Promise<void>;
  /** The worker-side id of this object. */
  readonly handle: number;
};

/** The package behind promises. */
export interface Client {
  /** True when computing on the page (no worker could start). */
  readonly inPage: boolean;
  /** Why the worker did not start, when `inPage` is true and one was tried. */
  readonly workerError: unknown;
  /** Stops the worker; pending calls reject. */
  terminate(): void;
  version: Remote<typeof fc.version>;
  profiles: Remote<typeof fc.profiles>;
  profile: Remote<typeof fc.profile>;
  profileSchema: Remote<typeof fc.profileSchema>;
  categories: Remote<typeof fc.categories>;
  profileRequirements: Remote<typeof fc.profileRequirements>;
  defaultOsmMapping: Remote<typeof fc.defaultOsmMapping>;
  compareReports: Remote<typeof fc.compareReports>;
  explain: Remote<typeof fc.explain>;
  messages: Remote<typeof fc.messages>;
  Community: { fromGeoJSON: Remote<typeof fc.Community.fromGeoJSON>; fromSources: Remote<typeof fc.Community.fromSources> };
}

export interface ClientOptions {
  /** The worker script; default: the package's `worker/worker.js`. */
  workerUrl?: string | URL;
  /** What `init()` loads (URL or bytes); default: the .wasm next to the package. */
  wasm?: string | URL | ArrayBuffer | Uint8Array;
  /** 'auto' (a worker, else the page; default), 'worker' (fail without one) or 'page'. */
  mode?: 'auto' | 'worker' | 'page';
  /** How long the worker may take to start before the page is used instead; default 20000. */
  startTimeoutMs?: number;
}

/** Starts the worker (or the in-page fallback) and resolves once the module is ready. */
export declare function createClient(options?: ClientOptions): Promise<Client>;
