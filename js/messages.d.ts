// Types of explain() and messages() (js/messages.js), shared by every entry.
import type { Explanation, MessageOptions, MessageText } from './future_community.js';

/**
 * What an error or warning code means for a person and what to do next, in
 * Chinese (`{ lang: "zh" }`) or English (the default). `item` is a code or an
 * error or warning object with a `code` (its `message` becomes `details`).
 * Works before `init()`. Throws `INVALID_OPTION` for anything else.
 */
export declare function explain(item: string | { code: string; message?: string }, options?: MessageOptions): Explanation;

/** Every code's sentence and suggested action in one language, by code. */
export declare function messages(options?: MessageOptions): Record<string, MessageText>;
