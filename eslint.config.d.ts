// Types of eslint.config.js, for test/architecture.test.ts, which reads the layer table from it.
/** Layer -> the layers it may import besides itself. */
export declare const ALLOWED: Record<string, string[]>;
declare const config: unknown[];
export default config;
