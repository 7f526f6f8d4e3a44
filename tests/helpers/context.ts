import { loadConfig } from '../../src/config.js';
import { type AppContext, createContext } from '../../src/context.js';
import type { Clock } from '../../src/core/time.js';

/** A clock that stays where the test puts it. */
export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (next) => {
      now = new Date(next);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** An in-memory database with migrations applied and an optional archive path. */
export function memoryContext(
  env: Record<string, string> = {},
  clock = fixedClock('2026-11-29T12:00:00Z'),
): AppContext {
  return createContext(loadConfig({ EVENT_DB: ':memory:', EVENT_ARCHIVE: 'data', ...env }), { clock });
}
