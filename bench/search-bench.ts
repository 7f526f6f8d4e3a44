import { archiveFile, type ImportFigures, importFresh, queriesFor } from './archive.js';
import { runChild } from './child.js';
import { type ColdStart, coldStart } from './cold-start.js';
import { type Recall, recallOf, sampleByKind } from './recall.js';

interface OursResult {
  openMs: number;
  firstQueryMs: number;
  rssMb: number;
  rssAfterQueriesMb: number;
  p50: number;
  p99: number;
  max: number;
  queries: number;
  recall: Record<string, Recall>;
  results: string[][];
}

interface PeerResult {
  buildMs: number;
  rssMb: number;
  loadedMb: number;
  p50: number;
  p99: number;
  queries: number;
  recall: Record<string, Recall>;
}

export interface SizeResult {
  size: number;
  import: ImportFigures;
  /** A fresh process's first answer beside the same run's bare `node -e 0`, wall and CPU, with the median ratios of the pairs. */
  cold: ColdStart;
  ours: Omit<OursResult, 'results'>;
  peer?: PeerResult & { oursOnSample: Record<string, Recall> };
}

/**
 * One archive size: import into a fresh database, then (each in a fresh process) a cold start, our
 * search over every labelled query, and the naive peer over a sample of the same queries.
 */
export async function benchSize(
  size: number,
  options: { perKind: number; peerPerKind: number },
): Promise<SizeResult> {
  archiveFile(size);
  const imported = await importFresh(size);
  const queries = queriesFor(size, options.perKind);
  const cold = coldStart(size);
  const { results, ...ours } = runChild<OursResult>('run-ours.ts', [size, options.perKind]).value;
  let peer: SizeResult['peer'];
  if (options.peerPerKind > 0) {
    const value = runChild<PeerResult>('run-peer.ts', [size, options.perKind, options.peerPerKind]).value;
    const sample = sampleByKind(queries, options.peerPerKind);
    const ourSampleResults = sample.map((q) => results[queries.indexOf(q)]);
    peer = { ...value, oursOnSample: recallOf(sample, ourSampleResults) };
  }
  return { size, import: imported, cold, ours, peer };
}
