import { stat } from 'node:fs';
import { cpus } from 'node:os';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { CommandDeps, CommandInput } from '../core/commands/deps.js';
import { runAction, runEventCommand } from '../core/commands/index.js';
import type { CommandResult, ReplyAction } from '../core/commands/reply.js';
import { keepRendering, type RenderedResult } from './rendered.js';

/**
 * How long a worker's write waits for another connection's write lock (an import). Reads never wait
 * (WAL); a write that still finds the archive locked after this is answered with {@link BUSY_NOTICE}.
 */
export const WORKER_BUSY_TIMEOUT_MS = 500;
/** The answer to a write command while an import holds the database: clear, and nothing half-done. */
export const BUSY_NOTICE =
  "The archive is being updated right now, so I couldn't save that. Nothing was changed: try the same command again in a minute.";

/** Who clicked, for the actions that need it (reminder times in the clicker's zone, where they clicked). */
export type Asker = Pick<CommandInput, 'userZone' | 'channelId' | 'channelName' | 'workspace'>;

/** Runs `/event` use-cases for the Slack door, on this thread or off it. */
export interface CommandRunner {
  command(input: CommandInput): Promise<CommandResult>;
  action(action: ReplyAction, userId: string, asker?: Asker): Promise<CommandResult>;
  close(): Promise<void>;
}

/** Runs use-cases on the calling thread: tests, the console, and in-memory databases. */
export function inlineRunner(deps: CommandDeps): CommandRunner {
  return {
    command: async (input) => runEventCommand(input, deps),
    action: async (action, userId, asker) => runAction(action, deps, userId, asker),
    close: async () => {},
  };
}

/** A request to a worker, and its answer. */
export type WorkerJob =
  | { kind: 'command'; input: CommandInput }
  | { kind: 'action'; action: ReplyAction; userId: string; asker?: Asker };
export type WorkerRequest = WorkerJob & { id: number };
export type WorkerResponse =
  | { id: number; result: CommandResult; rendered?: RenderedResult }
  | { id: number; error: string };

interface PooledWorker {
  worker: Worker;
  pending: Map<number, { resolve: (r: CommandResult) => void; reject: (e: Error) => void }>;
  /** False from the moment it fails until its replacement is spawned. */
  live: boolean;
}

/** Where the pool reports a crashing worker; Bolt's logger fits. */
export interface PoolLogger {
  warn(...message: unknown[]): void;
  error(...message: unknown[]): void;
}

export interface WorkerPoolOptions {
  size?: number;
  logger?: PoolLogger;
  /** First wait before respawning a crashed worker; doubles on each crash in a row. Default 250 ms. */
  respawnInitialMs?: number;
  /** Longest wait between respawns. Default 30 s. */
  respawnMaxMs?: number;
  /** A request a worker has not answered in this long is apologised for. Default 30 s. */
  requestTimeoutMs?: number;
}

/**
 * Runs use-cases on worker threads, each with its own connection to the database file. A search is
 * synchronous work (milliseconds at 100k events); on the main thread a burst of commands would queue
 * their 3-second acks behind each other's searches. Off it, the main thread only parses requests and
 * acks, so every command is acknowledged at once and answers follow through the response_url.
 *
 * A worker that dies is respawned after a wait that doubles with each crash in a row (a worker that
 * cannot start, say the database file is unreadable, would otherwise spin the CPU), logged once per
 * wait; the requests it held, and any sent while no worker is up, are rejected so the door apologises
 * instead of leaving the user with silence.
 */
export function workerPoolRunner(config: Config, options: WorkerPoolOptions | number = {}): CommandRunner {
  const opts = typeof options === 'number' ? { size: options } : options;
  const size = opts.size ?? Math.max(1, Math.min(2, cpus().length));
  const logger: PoolLogger = opts.logger ?? console;
  const initialMs = opts.respawnInitialMs ?? 250;
  const maxMs = opts.respawnMaxMs ?? 30_000;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 30_000;
  if (config.databasePath === ':memory:')
    throw new Error('worker threads cannot share an in-memory database');
  const boot = new URL('../worker-boot.mjs', import.meta.url);
  // The compiled build spawns compiled workers; the TypeScript sources (tests, dev) spawn TypeScript ones.
  const entry = new URL(`./command-worker${extname(import.meta.url)}`, import.meta.url).href;
  let nextId = 1;
  let closing = false;
  const pool: PooledWorker[] = [];
  /** Crashes in a row per slot, reset once the slot's worker answers a request. */
  const crashes: number[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const spawn = (slot: number) => {
    const worker = new Worker(boot, { workerData: { entry, config } });
    const pooled: PooledWorker = { worker, pending: new Map(), live: true };
    worker.on('message', (message: WorkerResponse) => {
      crashes[slot] = 0;
      const waiter = pooled.pending.get(message.id);
      if (!waiter) return;
      pooled.pending.delete(message.id);
      if ('error' in message) waiter.reject(new Error(message.error));
      else {
        if (message.rendered) keepRendering(message.result, message.rendered);
        waiter.resolve(message.result);
      }
    });
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      pooled.live = false;
      for (const waiter of pooled.pending.values()) waiter.reject(error);
      pooled.pending.clear();
      if (closing) return;
      const n = (crashes[slot] ?? 0) + 1;
      crashes[slot] = n;
      const waitMs = Math.min(maxMs, initialMs * 2 ** (n - 1));
      logger.error(
        `command worker ${slot} stopped (${error.message || error.name || 'no message'}); crash ${n} in a row, respawning in ${waitMs} ms`,
      );
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!closing) spawn(slot);
      }, waitMs);
      timer.unref();
      timers.add(timer);
    };
    // A worker's error arrives cloned, sometimes as a plain object ({ code: 'SQLITE_NOTADB' }).
    worker.on('error', (error: unknown) =>
      fail(error instanceof Error ? error : new Error(`command worker failed: ${JSON.stringify(error)}`)),
    );
    worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
    pool[slot] = pooled;
  };
  // Threads inherit their creator's priority and the workers lower theirs (command-worker.ts): libuv's
  // thread pool (file system, DNS lookups) is started here first, by this thread, so it keeps this one's.
  stat(config.databasePath, () => {});
  for (let slot = 0; slot < size; slot++) spawn(slot);

  const send = (request: WorkerJob): Promise<CommandResult> => {
    const live = pool.filter((p) => p.live);
    if (live.length === 0) return Promise.reject(new Error('no command worker is running (restarting)'));
    const least = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (least.pending.delete(id))
          reject(new Error(`command worker did not answer within ${requestTimeoutMs} ms`));
      }, requestTimeoutMs);
      timer.unref();
      const done = () => clearTimeout(timer);
      least.pending.set(id, {
        resolve: (r) => {
          done();
          resolve(r);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      least.worker.postMessage({ ...request, id });
    });
  };
  return {
    command: (input) => send({ kind: 'command', input }),
    action: (action, userId, asker) => send({ kind: 'action', action, userId, asker }),
    close: async () => {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(pool.map((p) => p.worker.terminate()));
    },
  };
}
