import { cpus } from 'node:os';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { CommandDeps, CommandInput } from '../core/commands/deps.js';
import { runAction, runEventCommand } from '../core/commands/index.js';
import type { CommandResult, ReplyAction } from '../core/commands/reply.js';

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
export type WorkerResponse = { id: number; result: CommandResult } | { id: number; error: string };

interface PooledWorker {
  worker: Worker;
  pending: Map<number, { resolve: (r: CommandResult) => void; reject: (e: Error) => void }>;
}

/**
 * Runs use-cases on worker threads, each with its own connection to the database file. A search is
 * synchronous work (milliseconds at 100k events); on the main thread a burst of commands would queue
 * their 3-second acks behind each other's searches. Off it, the main thread only parses requests and
 * acks, so every command is acknowledged at once and answers follow through the response_url.
 */
export function workerPoolRunner(
  config: Config,
  size = Math.max(1, Math.min(2, cpus().length)),
): CommandRunner {
  if (config.databasePath === ':memory:')
    throw new Error('worker threads cannot share an in-memory database');
  const boot = new URL('./command-worker-boot.mjs', import.meta.url);
  // The compiled build spawns compiled workers; the TypeScript sources (tests, dev) spawn TypeScript ones.
  const entry = new URL(`./command-worker${extname(import.meta.url)}`, import.meta.url).href;
  let nextId = 1;
  let closing = false;
  const pool: PooledWorker[] = [];

  const spawn = (slot: number) => {
    const worker = new Worker(boot, { workerData: { entry, config } });
    const pooled: PooledWorker = { worker, pending: new Map() };
    worker.on('message', (message: WorkerResponse) => {
      const waiter = pooled.pending.get(message.id);
      if (!waiter) return;
      pooled.pending.delete(message.id);
      if ('error' in message) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
    const fail = (error: Error) => {
      for (const waiter of pooled.pending.values()) waiter.reject(error);
      pooled.pending.clear();
      if (!closing) spawn(slot);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (pool[slot] === pooled) fail(new Error(`command worker exited with code ${code}`));
    });
    pool[slot] = pooled;
  };
  for (let slot = 0; slot < size; slot++) spawn(slot);

  const send = (request: WorkerJob): Promise<CommandResult> => {
    const least = pool.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      least.pending.set(id, { resolve, reject });
      least.worker.postMessage({ ...request, id });
    });
  };
  return {
    command: (input) => send({ kind: 'command', input }),
    action: (action, userId, asker) => send({ kind: 'action', action, userId, asker }),
    close: async () => {
      closing = true;
      await Promise.all(pool.map((p) => p.worker.terminate()));
    },
  };
}
