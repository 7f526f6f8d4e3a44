import { extname } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Event } from '../core/model.js';
import { type PreparedEvent, prepareEvent, type TextDictionary } from './event-prepare.js';

/** One chunk of a bulk write's events, sent to the prepare worker. */
export interface PrepareRequest {
  id: number;
  events: Event[];
  /** Each event's stored content digest, null for a new one. */
  stored: (Uint8Array | null)[];
  dictionary?: TextDictionary;
  /** Who prepares each chunk of the write (see EventPreparer.feed), and this chunk's place in it. */
  claims: Int32Array;
  slot: number;
}

export type PrepareReply =
  | { ready: true }
  | { id: number; prepared: PreparedEvent[] }
  | { id: number; error: string };

/** Below this many events a write prepares them on its own thread: a worker's start would cost more. */
export const PREPARE_IN_WORKER_AT = 5000;
const CHUNK = 500;
/** Chunks the worker is given ahead of the one being written. */
const AHEAD = 3;
/** How long the writing thread waits for a chunk before it gives up on the worker and prepares its own. */
const WAIT_MS = 10_000;

/** Gives the events of a write, by position, their {@link PreparedEvent}. */
export type PreparedFeed = (index: number) => PreparedEvent;

/**
 * Prepares a bulk write's events (content hash, packed text, full-text document: about 40% of an import's
 * CPU) on a worker thread, a few chunks ahead of the thread that writes them to SQLite, so the two
 * cores share an import. The write stays one synchronous transaction: the writing thread blocks
 * (Atomics.wait) only when the chunk it needs is not back yet. Until the worker is up, and for good if it
 * fails, the writing thread prepares chunks itself with the same pure function, so the stored rows are
 * the same either way.
 */
export class EventPreparer {
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private signal: Int32Array | undefined;
  private ready = false;
  private broken = false;
  private nextId = 0;
  private readonly replies = new Map<number, PreparedEvent[]>();
  /** Chunks of bulk writes prepared by the worker and by the writing thread, since this was made. */
  readonly chunks = { worker: 0, local: 0 };

  constructor(
    private readonly options: {
      useWorker?: boolean;
      warn?: (message: string) => void;
      /** The worker's module (a test's stand-in); by default prepare-worker beside this file. */
      entry?: URL;
      /** How long to wait for a chunk the worker took (default 10 s). */
      waitMs?: number;
    } = {},
  ) {}

  /** A feed for `events`, written in this order; `stored` gives an event's stored content digest. */
  feed(
    events: readonly Event[],
    stored: (event: Event) => Uint8Array | null | undefined,
    dictionary?: TextDictionary,
  ): PreparedFeed {
    if (events.length < PREPARE_IN_WORKER_AT || this.options.useWorker === false) {
      return (index) => prepareEvent(events[index], stored(events[index]), dictionary);
    }
    this.start();
    const base = this.nextId;
    const chunks = Math.ceil(events.length / CHUNK);
    this.nextId += chunks;
    const posted = new Set<number>();
    // Who prepares each chunk, claimed first come first served: 0 nobody yet, 1 the worker, 2 this thread.
    const claims = new Int32Array(new SharedArrayBuffer(4 * chunks));
    const claim = (c: number) => Atomics.compareExchange(claims, c, 0, 2) === 0;
    /** Chunks this thread prepared ahead while the worker was busy with the one it needed. */
    const own = new Map<number, PreparedEvent[]>();
    const slice = (c: number) => events.slice(c * CHUNK, (c + 1) * CHUNK);
    const local = (c: number) => {
      this.chunks.local++;
      return slice(c).map((event) => prepareEvent(event, stored(event), dictionary));
    };
    const post = (c: number) => {
      const part = slice(c);
      const request: PrepareRequest = {
        id: base + c,
        events: part,
        stored: part.map((e) => stored(e) ?? null),
        dictionary,
        claims,
        slot: c,
      };
      this.port?.postMessage(request);
      posted.add(c);
    };
    const take = (c: number): PreparedEvent[] => {
      if (!posted.has(c)) return local(c);
      for (;;) {
        this.drain();
        const reply = this.takeReply(base + c);
        if (reply) return reply;
        // Not begun by the worker (or the worker failed): prepared here instead.
        if (this.broken || claim(c)) return local(c);
        // The worker is on it: rather than wait, prepare a later chunk it has not begun.
        let later = c + 1;
        while (later <= c + AHEAD && !(posted.has(later) && !own.has(later) && claim(later))) later++;
        if (later > c + AHEAD) return this.awaitReply(base + c) ?? local(c);
        own.set(later, local(later));
      }
    };
    let current: PreparedEvent[] = [];
    let currentChunk = -1;
    return (index) => {
      const c = Math.floor(index / CHUNK);
      if (c !== currentChunk) {
        this.drain();
        if (this.usable())
          for (let j = c + 1; j < Math.min(chunks, c + 1 + AHEAD); j++) if (!posted.has(j)) post(j);
        current = own.get(c) ?? take(c);
        own.delete(c);
        currentChunk = c;
      }
      return current[index - c * CHUNK];
    };
  }

  /** Stops the worker (at the end of a write transaction); the next bulk write starts another. */
  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.port?.close();
    this.port = undefined;
    this.ready = false;
    this.replies.clear();
    worker?.terminate().catch(() => {});
  }

  private usable(): boolean {
    return this.ready && !this.broken && this.port !== undefined;
  }

  /**
   * Waits (blocking) until the worker is up, starting it if need be; false if it failed or did not come
   * up within `timeoutMs`. A bulk write does not wait: it prepares chunks itself until the worker is up.
   */
  awaitReady(timeoutMs: number): boolean {
    this.start();
    this.waitUntil(() => this.ready, timeoutMs);
    return this.usable();
  }

  private start(): void {
    if (this.worker || this.broken) return;
    try {
      const { port1, port2 } = new MessageChannel();
      const signal = new Int32Array(new SharedArrayBuffer(4));
      const boot = new URL('../worker-boot.mjs', import.meta.url);
      const entry = (
        this.options.entry ?? new URL(`./prepare-worker${extname(import.meta.url)}`, import.meta.url)
      ).href;
      const worker = new Worker(boot, { workerData: { entry, port: port2, signal }, transferList: [port2] });
      worker.unref();
      worker.on('error', (error) => this.fail(error.message));
      this.worker = worker;
      this.port = port1;
      this.signal = signal;
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  private fail(why: string): void {
    if (this.broken) return;
    this.broken = true;
    (this.options.warn ?? ((m: string) => process.stderr.write(`${m}\n`)))(
      `import: the prepare worker failed (${why}); events are prepared on the importing thread instead`,
    );
    this.close();
  }

  /** Takes in what the worker has sent, without waiting; false when there was nothing. */
  private receive(): boolean {
    const got = this.port && receiveMessageOnPort(this.port);
    if (!got) return false;
    const reply = got.message as PrepareReply;
    if ('ready' in reply) this.ready = true;
    else if ('error' in reply) this.fail(reply.error);
    else {
      // Buffers arrive as plain Uint8Arrays: viewed as Buffers again, without a copy, for SQLite.
      for (const p of reply.prepared)
        if (p.text) p.text = Buffer.from(p.text.buffer, p.text.byteOffset, p.text.byteLength);
      this.replies.set(reply.id, reply.prepared);
    }
    return true;
  }

  private drain(): void {
    while (this.receive());
  }

  /** The worker's answer for request `id`, if it is in, counted as the worker's. */
  private takeReply(id: number): PreparedEvent[] | undefined {
    const reply = this.replies.get(id);
    if (!reply) return undefined;
    this.replies.delete(id);
    this.chunks.worker++;
    return reply;
  }

  /** The worker's answer for request `id`, waiting for it; undefined when the worker failed meanwhile. */
  private awaitReply(id: number): PreparedEvent[] | undefined {
    const waitMs = this.options.waitMs ?? WAIT_MS;
    if (!this.waitUntil(() => this.replies.has(id), waitMs) && !this.broken) {
      this.fail(`no answer in ${waitMs} ms`);
    }
    return this.takeReply(id);
  }

  /**
   * Takes in the worker's messages, blocking between them, until `done` or the worker fails or
   * `timeoutMs` passes; true when `done`.
   */
  private waitUntil(done: () => boolean, timeoutMs: number): boolean {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (this.broken || !this.signal) return false;
      const seen = Atomics.load(this.signal, 0);
      if (this.receive()) continue;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      Atomics.wait(this.signal, 0, seen, left);
    }
    return true;
  }
}
