import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';
import { type PreparedEvent, prepareEvent } from './event-prepare.js';
import type { PrepareReply, PrepareRequest } from './prepare-pipeline.js';

/**
 * The prepare worker (see prepare-pipeline.ts): prepares each chunk of events it is sent and answers
 * on its port, then bumps the shared counter the importer's thread waits on.
 */
const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

function reply(message: PrepareReply): void {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (request: PrepareRequest) => {
  // The importing thread prepared this chunk itself while waiting for an earlier one: nothing to do.
  if (Atomics.compareExchange(request.claims, request.slot, 0, 1) !== 0) return;
  try {
    const prepared: PreparedEvent[] = request.events.map((event, i) =>
      prepareEvent(event, request.stored[i], request.dictionary),
    );
    reply({ id: request.id, prepared });
  } catch (error) {
    reply({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
reply({ ready: true });
