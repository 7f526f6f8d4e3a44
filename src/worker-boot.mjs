// Worker threads do not inherit tsx's loader hooks: when the entry is TypeScript (tests and dev runs on
// the sources), register them before loading it. The compiled build (npm start) runs on plain node.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
