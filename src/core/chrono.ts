import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';

/** What we use of chrono-node: its English parser. */
export type ChronoParser = Pick<typeof Chrono, 'parse'>;

/**
 * Set by scripts/build.mjs to the bundle's own copy of that parser (one CommonJS file beside this
 * module's place in dist/); unset when the sources run, which load the package.
 */
declare const BUNDLED_CHRONO: string | undefined;

const require = createRequire(import.meta.url);
let loaded: ChronoParser | undefined;

/**
 * chrono-node, loaded on first use: it is the largest module a search can need, and most queries hold
 * no date word, so a fresh process answers them without it. The package's CommonJS build is 266 files
 * with every locale (about 170 ms of CPU to load); the bundle's copy, its English parser alone, one file.
 */
export function chrono(): ChronoParser {
  loaded ??= require(typeof BUNDLED_CHRONO === 'string' ? BUNDLED_CHRONO : 'chrono-node') as ChronoParser;
  return loaded;
}
