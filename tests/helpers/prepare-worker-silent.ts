import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';

/** A stand-in prepare worker that comes up, takes every chunk it is given, and never answers (a hung thread). */
const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
port.on('message', (request: { claims: Int32Array; slot: number }) => {
  Atomics.compareExchange(request.claims, request.slot, 0, 1);
});
port.postMessage({ ready: true });
Atomics.add(signal, 0, 1);
Atomics.notify(signal, 0);
