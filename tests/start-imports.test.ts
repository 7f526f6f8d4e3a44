import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LOADED_ONLY_WHEN_NEEDED } from './helpers/lazy-packages.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** A source's static imports as the compiler emits them (imports of types only are gone). */
function staticImports(file: string): string[] {
  const js = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  return [...js.matchAll(/^\s*(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

/** The packages a module loads before its first line runs: its static imports, followed through our own files. */
function packagesLoadedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('node:')) continue;
      if (!spec.startsWith('.')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
        continue;
      }
      const path = resolve(dirname(file), spec);
      const source = path.replace(/\.js$/, '.ts');
      if (existsSync(source)) visit(source);
    }
  };
  visit(entry);
  return packages;
}

describe('what a fresh process loads at start', () => {
  // A start whose archive has not changed must not pay for parsers it will not run (they were most
  // of the console's start), and the console never needs the Slack door.
  it.each(['main.ts', join('cli', 'index.ts')])(
    '%s statically loads no parser and no Slack door',
    (entry) => {
      const loaded = packagesLoadedBy(join(SRC, entry));
      expect(loaded.has('better-sqlite3')).toBe(true);
      for (const lazy of LOADED_ONLY_WHEN_NEEDED) expect([...loaded]).not.toContain(lazy);
    },
  );
});
