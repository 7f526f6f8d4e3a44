// Worker threads do not inherit tsx's loader hooks, so each worker registers them before loading
// its TypeScript entry point.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
