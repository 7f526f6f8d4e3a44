import { importFresh } from './archive.js';
import { fmt } from './stats.js';

/**
 * `npx tsx bench/import-bench.ts`: the import alone, without search or the naive peer: a fresh import of
 * each generated archive in BENCH_SIZES (default 100000), its wall and CPU time beside the load
 * average, the unchanged re-import, and what each table and index takes in the database.
 */
const sizes = (process.env.BENCH_SIZES ?? '100000').split(',').map(Number);
for (const size of sizes) {
  const i = await importFresh(size);
  process.stdout.write(
    `${size} events: import wall ${fmt(i.ms / 1000, 1)} s, CPU ${fmt(i.cpuMs / 1000, 1)} s ` +
      `(${fmt(i.eventsPerSecond, 0)} events/s wall, ${fmt(i.eventsPerCpuSecond, 0)} per CPU second), ` +
      `load ${fmt(i.load, 1)}; unchanged re-import ${fmt(i.unchangedMs, 0)} ms; database ${fmt(i.dbMb, 0)} MB\n`,
  );
  for (const t of i.tables.filter((t) => t.mb >= 1)) {
    process.stdout.write(`  ${t.name.padEnd(28)} ${fmt(t.mb, 1).padStart(7)} MB\n`);
  }
}
