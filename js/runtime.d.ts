import type { ErrorCode } from './future_community.js';

/**
 * The error every call of this package throws for a reason it knows.
 * `instanceof FutureCommunityError` holds for every such error, also those
 * made inside the WebAssembly module and those of another copy of the package.
 */
export declare class FutureCommunityError extends Error {
  constructor(code: ErrorCode, message?: string, details?: { featureIndex?: number; cause?: unknown });
  readonly name: 'FutureCommunityError';
  /** Machine-readable code to branch on. */
  readonly code: ErrorCode;
  /** Index of the offending feature in the input's `features`, when one is at fault. */
  readonly featureIndex?: number;
}

/** True for every error this package throws; narrows `catch (e)` to `FutureCommunityError`. */
export declare function isFutureCommunityError(value: unknown): value is FutureCommunityError;

/**
 * True when this JavaScript engine can run the package's WebAssembly module
 * (WebAssembly with bulk memory, sign extension, non-trapping float-to-int and
 * mutable globals). Cheap; may be called before `init()`.
 */
export declare function supported(): boolean;
