import { loadConfig, processEnvironment } from '../../../src/config.js';
import { createContext, importIntoContext } from '../../../src/context.js';

/**
 * A child process for the kill -9 fault tests: imports EVENT_ARCHIVE through the production import
 * path and SIGKILLs itself at the step named by argv[2], so each crash lands exactly where it should:
 * `before` (the file read and checked, nothing written yet), `inside` (half the events written, the
 * transaction still open), `after` (just after the commit, before anything else runs).
 */
const step = process.argv[2];
const die = () => process.kill(process.pid, 'SIGKILL');
const config = loadConfig(processEnvironment());
const context = createContext(config);
await importIntoContext(context, config.archivePaths, {
  onFile: () => {
    if (step === 'before') die();
  },
  onEvents: (done, total) => {
    if (step === 'inside' && done >= total / 2) die();
  },
});
if (step === 'after') die();
context.close();
