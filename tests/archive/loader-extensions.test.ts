import { describe, expect, it } from 'vitest';
import { SUPPORTED_EXTENSIONS } from '../../src/archive/files.js';
import { LOADER_EXTENSIONS } from '../../src/archive/index.js';

describe('archive file types', () => {
  // files.ts must not load any parser, so it keeps its own list; a folder walk that misses a type with a
  // loader silently imports nothing (saved .html pages did, once).
  it('walks folders for exactly the extensions that have a loader', () => {
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual([...LOADER_EXTENSIONS].sort());
  });
});
