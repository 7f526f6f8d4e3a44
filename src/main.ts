import { formatProblem } from './archive/types.js';
import { ConfigError, loadConfig } from './config.js';
import { createContext, loadConfiguredArchive } from './context.js';

/** Composition root: config → database → archive → a door. The Slack and console doors come next. */
function main(): number {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const context = createContext(config);
  try {
    const summary = loadConfiguredArchive(context);
    for (const p of summary.problems) process.stderr.write(`${formatProblem(p)}\n`);
    const stats = context.store.stats();
    process.stdout.write(
      `event-archive-bot: ${stats.events} events loaded from ${config.archivePaths.join(', ')} (${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged)\n`,
    );
    return 0;
  } finally {
    context.close();
  }
}

process.exitCode = main();
