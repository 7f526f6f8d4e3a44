import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { databaseFile, OUT_DIR } from './archive.js';
import { runChild } from './child.js';
import { consoleStart, ensureBuilt } from './cold-start.js';
import { benchDispatcher, dispatcherTable } from './dispatcher-bench.js';
import { benchSlackHttp } from './e2e-bench.js';
import type { Recall } from './recall.js';
import type { Hold } from './run-holds.js';
import { benchSize, type SizeResult } from './search-bench.js';
import { fmt } from './stats.js';

/**
 * `npm run bench`: import throughput, cold start, search latency and recall against the naive
 * all-fields Fuse peer, at 1k, 10k and 100k generated events; then signed slash commands over HTTP
 * against the largest archive up to 100k (with a burst of 200), the longest a worst-case request holds a
 * worker at 100k and up (bench/run-holds.ts), and the reminder dispatcher with 10,000 reminders
 * due at once. BENCH_SIZES, BENCH_PER_KIND, BENCH_PEER (queries per kind for the slow peer) and
 * BENCH_PARTS (search,e2e,dispatcher) override the defaults; BENCH_1M=1 adds a million events (import,
 * cold start and search latency; no peer).
 */
const sizes = [
  ...(process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number),
  // A million events: about 7 minutes of import here (3 GB of archive, 2.5 GB of database).
  ...(process.env.BENCH_1M === '1' ? [1_000_000] : []),
];
const perKind = Number(process.env.BENCH_PER_KIND ?? 40);
/** The naive peer needs minutes per query past 100k events, and a million events do not fit its memory. */
const peerPerKind = (size: number) =>
  size > 100_000 ? 0 : Number(process.env.BENCH_PEER ?? (size >= 100_000 ? 3 : size >= 10_000 ? 10 : 40));

/** A mix of what staff type: typos, partial titles, names, themes, dates, subcommands and misses. */
const E2E_QUERIES = [
  'peacekeepng mali',
  'women peace security 2019',
  'mediation sahel',
  'upcoming',
  'themes',
  'theme protection of civilians',
  'speaker brende',
  'counterterorism',
  'climate security march 2017',
  'quantum chromodynamics',
];

const pct = (r?: Recall, key: 'top1' | 'top5' = 'top1') => (r?.n ? `${fmt((100 * r[key]) / r.n, 0)}%` : '–');

const parts = new Set((process.env.BENCH_PARTS ?? 'search,e2e,dispatcher').split(','));
ensureBuilt();
const results: SizeResult[] = [];
for (const size of parts.has('search') ? sizes : []) {
  process.stderr.write(`bench: ${size} events…\n`);
  results.push(await benchSize(size, { perKind, peerPerKind: peerPerKind(size) }));
}
const consoleCold = parts.has('search') ? consoleStart() : undefined;

const lines: string[] = [];
lines.push('## Import and cold start', '');
lines.push(
  '| events | import wall | import CPU | events/s (wall) | events/s (CPU) | load avg | unchanged re-import | peer build | db size |',
);
lines.push('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const i = r.import;
  lines.push(
    `| ${r.size} | ${fmt(i.ms / 1000, 1)} s | ${fmt(i.cpuMs / 1000, 1)} s | ${fmt(i.eventsPerSecond, 0)} | ${fmt(i.eventsPerCpuSecond, 0)} | ${fmt(i.load, 1)} | ${fmt(i.unchangedMs, 0)} ms | ${r.peer ? `${fmt(r.peer.buildMs / 1000, 1)} s` : '–'} | ${fmt(i.dbMb, 0)} MB |`,
  );
}
if (results.length) {
  const r = results[results.length - 1];
  lines.push('', `## Database at ${r.size} events, by table and index (dbstat, 1 MB and over)`, '');
  lines.push('| table or index | MB |', '|---|---|');
  for (const t of r.import.tables.filter((t) => t.mb >= 1)) lines.push(`| ${t.name} | ${fmt(t.mb, 1)} |`);
}
lines.push(
  '',
  '## A fresh process: start → first answer (the compiled CLI; the console on the shipped archive), beside `node -e 0` in turn',
  '',
);
lines.push(
  '| events | answer wall | node -e 0 wall | ratio | answer CPU | node -e 0 CPU | CPU ratio | open + migrate | first query | RSS after load | RSS after queries |',
);
lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const c = r.cold;
  lines.push(
    `| ${r.size} | ${fmt(c.answerMs, 0)} ms | ${fmt(c.nodeMs, 0)} ms | ${fmt(c.ratio, 1)}× | ${fmt(c.answerCpuMs, 0)} ms | ${fmt(c.nodeCpuMs, 0)} ms | ${fmt(c.cpuRatio, 1)}× | ${fmt(r.ours.openMs, 1)} ms | ${fmt(r.ours.firstQueryMs, 1)} ms | ${fmt(r.ours.rssMb, 0)} MB | ${fmt(r.ours.rssAfterQueriesMb, 0)} MB |`,
  );
}
if (consoleCold) {
  const c = consoleCold;
  lines.push(
    `| console (npm start: dist/main.js on data/) | ${fmt(c.answerMs, 0)} ms | ${fmt(c.nodeMs, 0)} ms | ${fmt(c.ratio, 1)}× | ${fmt(c.answerCpuMs, 0)} ms | ${fmt(c.nodeCpuMs, 0)} ms | ${fmt(c.cpuRatio, 1)}× | – | – | – | – |`,
  );
  lines.push('', `Load average at the console start: ${fmt(loadavg()[0], 1)}.`);
}
lines.push('', '## Search latency (ours: all queries; peer: a sample per kind)', '');
lines.push(
  '| events | ours p50 | ours p99 | ours max | queries | peer p50 | peer p99 | peer queries | p50 ratio | peer RSS |',
);
lines.push('|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  lines.push(
    `| ${r.size} | ${fmt(r.ours.p50, 2)} ms | ${fmt(r.ours.p99, 2)} ms | ${fmt(r.ours.max, 2)} ms | ${r.ours.queries} | ${r.peer ? `${fmt(r.peer.p50, 0)} ms` : '–'} | ${r.peer ? `${fmt(r.peer.p99, 0)} ms` : '–'} | ${r.peer?.queries ?? 0} | ${r.peer ? `${fmt(r.peer.p50 / r.ours.p50, 0)}×` : '–'} | ${r.peer ? `${fmt(r.peer.rssMb, 0)} MB` : '–'} |`,
  );
}
// The longest a request can hold a command worker: the worst inputs within the caps, at 100k events and up.
for (const r of results.filter((x) => x.size >= 100_000)) {
  process.stderr.write(`bench: worst-case requests at ${r.size} events…\n`);
  const holds = runChild<Record<string, Hold>>('run-holds.ts', [r.size, 3]).value;
  const worst = Object.entries(holds).sort((a, b) => b[1].cpuMax - a[1].cpuMax);
  lines.push(
    '',
    `## The longest a request holds a worker at ${r.size} events (worst inputs within the caps, 3 runs each)`,
    '',
  );
  lines.push(`Load average: ${fmt(loadavg()[0], 1)}. Slowest first.`, '');
  lines.push('| input | characters | CPU median | CPU max | wall max |', '|---|---|---|---|---|');
  for (const [name, h] of worst)
    lines.push(
      `| ${name} | ${h.chars} | ${h.refused ? 'refused by the input caps' : `${fmt(h.cpuP50, 0)} ms`} | ${fmt(h.cpuMax, 0)} ms | ${fmt(h.wallMax, 0)} ms |`,
    );
}
lines.push('', '## Recall by kind (top-1 / top-5; "none" = answered empty)', '');
const kinds = ['typo', 'partial', 'speaker', 'host', 'theme', 'date', 'none', '__all'];
lines.push(`| events | who | ${kinds.map((k) => (k === '__all' ? 'all' : k)).join(' | ')} |`);
lines.push(`|---|---|${kinds.map(() => '---').join('|')}|`);
for (const r of results) {
  const row = (who: string, recall?: Record<string, Recall>) =>
    `| ${r.size} | ${who} | ${kinds.map((k) => `${pct(recall?.[k])} / ${pct(recall?.[k], 'top5')}`).join(' | ')} |`;
  lines.push(row('ours, all queries', r.ours.recall));
  if (r.peer) {
    lines.push(row('ours, peer sample', r.peer.oursOnSample));
    lines.push(row('naive peer', r.peer.recall));
  }
}
// The /event targets are set at 100k events: the largest size up to that.
const largest = Math.max(...sizes.filter((n) => n <= 100_000));
if (parts.has('e2e')) {
  process.stderr.write(`bench: signed slash commands over HTTP against ${largest} events…\n`);
  const e2e = await benchSlackHttp(databaseFile(largest), { queries: E2E_QUERIES, count: 200, burst: 200 });
  lines.push('', `## /event over HTTP: signed slash commands against ${largest} events`, '');
  lines.push(
    '| sequential commands | ack p50 | ack p99 | answer p50 | answer p99 | burst | acked within 3 s | slowest ack | answered |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  const q = e2e.sequential;
  const b = e2e.burst;
  lines.push(
    `| ${q.commands} | ${fmt(q.ackP50, 1)} ms | ${fmt(q.ackP99, 1)} ms | ${fmt(q.respondP50, 1)} ms | ${fmt(q.respondP99, 1)} ms | ${b.commands} | ${b.ackedWithinBudget}/${b.commands} | ${fmt(b.maxAckMs, 0)} ms | ${b.responded} |`,
  );
}
if (parts.has('dispatcher')) {
  process.stderr.write('bench: reminder dispatcher…\n');
  const runs = [
    await benchDispatcher({ count: 10_000, perChannel: 1 }),
    await benchDispatcher({ count: 10_000, perChannel: 20 }),
  ];
  lines.push(
    '',
    '## Reminder dispatcher: 10,000 reminders due in the same minute, fake Web API on 127.0.0.1',
    '',
  );
  lines.push(dispatcherTable(runs));
}
lines.push(...(await (await import('./import-ack-bench.js')).importAckLines(largest)));
const report = lines.join('\n');
process.stdout.write(`${report}\n`);
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'results.md'), `${report}\n`);
writeFileSync(join(OUT_DIR, 'results.json'), JSON.stringify(results, null, 2));
