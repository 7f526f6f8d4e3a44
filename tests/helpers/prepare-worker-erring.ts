import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';

/** A stand-in prepare worker that comes up and then fails every chunk it is given. */
const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
const reply = (message: object) => {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};
port.on('message', (request: { id: number; claims: Int32Array; slot: number }) => {
  if (Atomics.compareExchange(request.claims, request.slot, 0, 1) !== 0) return;
  reply({ id: request.id, error: 'disk on fire' });
});
reply({ ready: true });
