import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An administrative URL of the throwaway PostgreSQL cluster the suite runs against. */
    postgresAdminUrl: string;
  }
}

/**
 * Vitest globalSetup: one throwaway PostgreSQL cluster for the whole run, so the storage, OAuth and
 * race tests run against a real server. TEST_DATABASE_URL, when set, names a server to use instead
 * (its user must be allowed to create databases). Otherwise the cluster is made from Debian's
 * `postgresql` binaries (`.ci/run` installs them): initdb into a temporary folder, started on a free
 * port with fsync off, as the `postgres` user when we are root (PostgreSQL refuses to run as root),
 * and stopped and deleted at the end.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresAdminUrl', given);
    return () => {};
  }
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'The tests need PostgreSQL binaries to start a throwaway server, and none were found. Install them ' +
        '(Debian/Ubuntu: `apt-get install postgresql`; .ci/run does this), or set TEST_DATABASE_URL to a ' +
        'server whose user may create databases.',
    );
  }
  const root = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'event-bot-pg-'));
  const data = join(dir, 'data');
  if (root) {
    chownSync(dir, postgresUid(), postgresGid());
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = root
      ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]]
      : [join(bin, cmd), args];
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${cmd} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  run('pg_ctl', [
    'start',
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
  ]);
  project.provide('postgresAdminUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);
  return () => {
    try {
      run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** The folder holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<version>/bin (newest). */
function findPostgresBin(): string | undefined {
  for (const p of (process.env.PATH ?? '').split(':')) {
    if (p && existsSync(join(p, 'initdb')) && existsSync(join(p, 'pg_ctl'))) return p;
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian)
    .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(debian, versions[0], 'bin') : undefined;
}

function postgresUid(): number {
  return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
}

function postgresGid(): number {
  return Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
