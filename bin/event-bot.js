#!/usr/bin/env node
// The published entry point: the CLI compiled to dist/ at install (`npm install` runs the build).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('event-bot: dist/ is missing; run `npm run build` (npm install does it) first\n');
  process.exit(2);
}
await import(entry.href);
