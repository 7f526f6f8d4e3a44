import type { ImportSummary } from '../archive/import-archive.js';
import { formatProblem } from '../archive/types.js';
import type { Config } from '../config.js';
import { type AppContext, importIntoContext } from '../context.js';
import type { Clock } from '../core/time.js';
import type { CliIo } from './io.js';

/** Events in one file past which a progress bar is worth drawing. */
const PROGRESS_THRESHOLD = 2000;

/**
 * `event-bot import <files or folders…> [--force] [--strict] [--partial]`: writes, one transaction per
 * file, and prints a summary. `strict` refuses a calendar with any part that would otherwise be skipped;
 * `partial` imports the valid records of other files with bad ones. Exit 1 when a file was refused or a
 * record skipped.
 */
export async function runImport(
  context: AppContext,
  paths: string[],
  io: CliIo,
  {
    force = false,
    strict = false,
    partial = false,
  }: { force?: boolean; strict?: boolean; partial?: boolean } = {},
): Promise<number> {
  if (paths.length === 0) paths = context.config.archivePaths;
  // The progress bar, the importer and its loaders are loaded here, not when main.ts loads this file.
  const { Presets, SingleBar } = await import('cli-progress');
  const bar = io.interactive
    ? new SingleBar(
        { format: ' {bar} {percentage}% | {value}/{total} events | {file}', hideCursor: true },
        Presets.shades_classic,
      )
    : undefined;
  let barStarted = false;
  const summary = await importIntoContext(context, paths, {
    force,
    strict,
    partial,
    onEvents: (done, total, file) => {
      if (!bar || total < PROGRESS_THRESHOLD) return;
      if (!barStarted) {
        bar.start(total, 0, { file });
        barStarted = true;
      }
      bar.setTotal(total);
      bar.update(done, { file });
      if (done === total) {
        bar.stop();
        barStarted = false;
      }
    },
  });
  if (barStarted) bar?.stop();
  printProblems(summary, io);
  for (const line of removedFileLines(summary)) io.out(line);
  io.out(
    `${summary.files} file(s): ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.rejected} file(s) rejected${partial ? `, ${summary.skippedRecords} record(s) skipped` : ''}`,
  );
  const r = summary.reminders;
  if (r.updated + r.cancelled + r.missed > 0) {
    io.out(
      `reminders: ${r.updated} re-timed, ${r.cancelled} cancelled (${r.notified} users told), ${r.missed} missed`,
    );
  }
  return summary.rejected || summary.skippedRecords ? 1 : 0;
}

/** `event-bot check <files…> [--strict] [--map]`: validates without writing; `--map` shows each mapped field. */
export async function runCheck(
  config: Config,
  clock: Clock,
  paths: string[],
  io: CliIo,
  { strict = false, map = false }: { strict?: boolean; map?: boolean } = {},
): Promise<number> {
  const { checkArchive } = await import('../archive/import-archive.js');
  const summary = await checkArchive(paths.length ? paths : config.archivePaths, {
    now: clock.now(),
    defaultZone: config.timezone,
    strict,
    mapFile: config.archiveMap,
  });
  printProblems(summary, io);
  if (map) for (const line of mapLines(summary)) io.out(line);
  io.out(
    `${summary.files} file(s) checked: ${summary.added} valid event(s), ${summary.rejected} file(s) with problems`,
  );
  return summary.rejected ? 1 : 0;
}

/** One line per file that left an archive folder: `removed file data/old.json (12 events)`. */
export function removedFileLines(summary: ImportSummary): string[] {
  return summary.removedFiles.map(
    (f) => `removed file ${f.file} (${f.events} event${f.events === 1 ? '' : 's'})`,
  );
}

/** Problems, then what imported files left out, go to stderr, one `file:line: field: message` per line. */
export function printProblems(summary: ImportSummary, io: CliIo): void {
  for (const problem of summary.problems) io.err(formatProblem(problem));
  for (const warning of summary.warnings) io.err(`warning: ${formatProblem(warning)}`);
}

const clipped = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text;

/** What a value became, as an operator reads it: lists joined with " | ", a speaker's role in brackets. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map(shown).join(' | ');
  if (value && typeof value === 'object') {
    const { name, role, title, summary } = value as Record<string, string | undefined>;
    const main = name ?? title ?? JSON.stringify(value);
    return role || summary ? `${main} (${role ?? summary})` : main;
  }
  return String(value ?? '');
}

/**
 * For `check --map`: per mapped file and each of its first records, a table of our field, the source it
 * was read from, the value there and the value it became, then the source fields the map left unused.
 */
export function mapLines(summary: Pick<ImportSummary, 'mapped'>): string[] {
  if (!summary.mapped.length) {
    return ['no field map applied: put <name>.map.yml beside an export, or set EVENT_ARCHIVE_MAP'];
  }
  const lines: string[] = [];
  for (const { file, map, records } of summary.mapped) {
    for (const record of records) {
      lines.push(`${file}:${record.line}, mapped by ${map}:`);
      const rows = [
        ['field', 'from', 'source value', 'became'],
        ...record.rows.map((r) => [r.field, r.from, clipped(r.raw, 40), clipped(shown(r.value), 50)]),
      ];
      const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
      for (const row of rows)
        lines.push(
          `  ${row
            .map((cell, i) => cell.padEnd(widths[i]))
            .join('  ')
            .trimEnd()}`,
        );
      if (record.unused.length) lines.push(`  not in the map: ${record.unused.join(', ')}`);
    }
  }
  return lines;
}
