import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';

const require = createRequire(import.meta.url);
let loaded: typeof Chrono | undefined;

/**
 * chrono-node, loaded on first use: it is the largest module a search can need (about a tenth of a
 * second to load), and most queries hold no date word, so a fresh process answers them without it.
 */
export function chrono(): typeof Chrono {
  loaded ??= require('chrono-node') as typeof Chrono;
  return loaded;
}
