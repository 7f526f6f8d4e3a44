import { performance } from 'node:perf_hooks';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/** The context key under which {@link InFlight.middleware} stamps when Bolt handed a request to the app. */
export const RECEIVED_AT = 'eventBotReceivedAtMs';

/**
 * Counts the requests the app is handling (from Bolt's first middleware until every listener has
 * finished, answer included), so a stopping replica can wait for the answers it owes before it exits.
 */
export interface InFlight {
  /** Bolt global middleware; register it before any other. */
  middleware: Middleware<AnyMiddlewareArgs>;
  /** Requests being handled now. */
  count(): number;
  /** Resolves true once nothing is in flight, or false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  let n = 0;
  const waiters = new Set<() => void>();
  const settle = () => {
    if (n === 0) for (const wake of [...waiters]) wake();
  };
  return {
    middleware: async ({ context, next }) => {
      context[RECEIVED_AT] = performance.now();
      n += 1;
      try {
        await next();
      } finally {
        n -= 1;
        settle();
      }
    },
    count: () => n,
    idle: (timeoutMs) =>
      new Promise<boolean>((resolve) => {
        if (n === 0) {
          resolve(true);
          return;
        }
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(true);
        };
        waiters.add(wake);
      }),
  };
}
