import type { KnownBlock } from '@slack/types';
import { vi } from 'vitest';
import type { CommandDeps } from '../../../src/core/commands/deps.js';
import type { SearchIndex } from '../../../src/core/ports/search.js';
import { createLogger } from '../../../src/slack/logger.js';

/** A message as respond() received it. */
export type Sent = {
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
  text?: string;
  blocks?: KnownBlock[];
};

/**
 * ack and respond spies that record the order they were called in. `failRespond(n)` makes the n-th
 * respond call (1-based) reject, as an expired response_url does.
 */
export function fakeSlackArgs(failRespond: (call: number) => boolean = () => false) {
  const order: string[] = [];
  const sent: Sent[] = [];
  const ack = vi.fn(async (_response?: unknown) => {
    order.push('ack');
  });
  const respond = vi.fn(async (message: unknown) => {
    order.push('respond');
    if (failRespond(order.filter((o) => o === 'respond').length)) {
      throw new Error('Failed to respond to the response_url: 404 Not Found');
    }
    sent.push(message as Sent);
    return new Response('{"ok":true}');
  });
  return { order, sent, ack, respond };
}

/** A logger whose lines land in an array. */
export function captureLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) };
}

/** Command deps whose search index fails on every call, like a database that went away. */
export function brokenDeps(deps: CommandDeps): CommandDeps {
  const index = new Proxy({} as SearchIndex, {
    get: () => () => {
      throw new Error('SQLITE_IOERR: disk I/O error');
    },
  });
  return { ...deps, index };
}
