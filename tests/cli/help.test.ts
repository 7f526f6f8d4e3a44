import { describe, expect, it } from 'vitest';
import { CLI_COMMANDS, runCli } from '../../src/cli/run.js';

const COMMANDS = Object.keys(CLI_COMMANDS);

/** Runs the CLI with an empty environment (help never needs a database) and collects what it printed. */
async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), interactive: false };
  const code = await runCli(argv, io, { EVENT_DB: ':memory:' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('help on every command', () => {
  it('knows the commands the README documents', () => {
    expect(COMMANDS).toEqual(expect.arrayContaining(['import', 'check', 'stats', 'search', 'ask']));
  });

  it.each(
    COMMANDS.flatMap((name) => [
      [name, '--help'],
      [name, '-h'],
      ['help', name],
    ]),
  )('event-bot %s %s prints that command’s usage, options and examples, exit 0', async (first, second) => {
    const name = first === 'help' ? second : first;
    const result = await cli([first, second]);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(result.out).toMatch(new RegExp(`^Usage: event-bot ${name}\\b`));
    for (const option of [...Object.keys(CLI_COMMANDS[name].options), 'help']) {
      expect(result.out).toContain(`--${option}`);
    }
    expect(result.out).toContain(`Examples:\n  event-bot ${name}`);
  });

  it('prints the overview for help, --help and -h, listing every command', async () => {
    for (const argv of [['help'], ['--help'], ['-h']]) {
      const result = await cli(argv);
      expect(result.code).toBe(0);
      for (const name of COMMANDS) expect(result.out).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it.each(COMMANDS)('answers an unknown option to %s with a one-line hint, exit 2', async (name) => {
    const result = await cli([name, '--frce']);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe(`event-bot ${name}: unknown option --frce; see event-bot help ${name}`);
  });

  it('says which value is missing, and names an unknown command or help topic in one line', async () => {
    expect((await cli(['search', 'x', '--limit'])).err).toBe(
      'event-bot search: --limit needs a value; see event-bot help search',
    );
    const unknown = await cli(['imprt', 'data']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(
      /^event-bot: unknown command "imprt"; the commands are import, check, .*\(event-bot help\)$/,
    );
    const topic = await cli(['help', 'imprt']);
    expect(topic.code).toBe(2);
    expect(topic.err.split('\n')).toHaveLength(1);
  });

  it('takes an option meant for another command as unknown: search has no --force', async () => {
    expect((await cli(['search', 'x', '--force'])).err).toBe(
      'event-bot search: unknown option --force; see event-bot help search',
    );
  });
});
