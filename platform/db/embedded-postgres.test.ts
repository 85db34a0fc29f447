// The embedded PostgreSQL's life cycle: fresh start, restart, a parent killed with SIGKILL (its server reused),
// a server killed too (stale postmaster.pid), a pid reused by another process, and processes sharing DATA_DIR.
// (The SQL behaviour itself is covered by store.test.ts, which runs against this backend too.)
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { isPgliteDir, openDataDirStore, openEmbeddedPostgres } from './embedded-postgres.ts';
import { openStore } from './open.ts';
import { allMigrations } from '../../app/index.ts';

const CHILD = fileURLToPath(new URL('./testing/embedded-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const dirs: string[] = [];
/** A fresh DATA_DIR (mode 0700, like mkdtemp makes it); returns DATA_DIR/pg. */
function freshDir(): string {
  const d = fs.mkdtempSync(join(tmpdir(), 'raseed-epg-'));
  dirs.push(d);
  return join(d, 'pg');
}

function postmasterPid(dir: string): number | null {
  try {
    return Number(fs.readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitGone(pid: number, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return !isAlive(pid);
}

afterAll(async () => {
  // Leave no server behind, whatever a failed test left.
  for (const d of dirs) {
    const pid = postmasterPid(join(d, 'pg'));
    if (pid && isAlive(pid)) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {}
      await waitGone(pid);
    }
    fs.rmSync(d, { recursive: true, force: true });
  }
});

interface Child {
  proc: ChildProcessWithoutNullStreams;
  next(): Promise<Record<string, unknown>>;
  send(line: string): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function child(dir: string, label: string): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, label], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.on('exit', (code, signal) => r({ code, signal })));
  return {
    proc,
    exited,
    async next() {
      const r = await Promise.race([lines.next(), exited.then(() => ({ done: true, value: undefined }))]);
      if (r.done || !r.value) throw new Error(`child ${label} ended: ${err.slice(-2000)}`);
      return JSON.parse(r.value as string) as Record<string, unknown>;
    },
    send(line: string) {
      proc.stdin.write(line + '\n');
    },
  };
}

const quiet = { log: () => {} };

describe('embedded PostgreSQL', () => {
  it('starts on a fresh directory: a cluster in DATA_DIR/pg/data, a unix socket, no TCP, stopped on close', async () => {
    const dir = freshDir();
    const db = await openEmbeddedPostgres(dir, quiet);
    try {
      expect(db.kind).toBe('postgres');
      const r = await db.query<{ v: string; listen: string; user: string }>(
        `SELECT current_setting('server_version') AS v, current_setting('listen_addresses') AS listen, current_user AS user`);
      expect(r.rows[0]!.v).toMatch(/^17\./);
      expect(r.rows[0]!.listen).toBe('');
      expect(r.rows[0]!.user).toBe('raseed');
      expect(fs.existsSync(join(dir, 'data', 'PG_VERSION'))).toBe(true);
      expect(fs.existsSync(join(dir, 'run', '.s.PGSQL.5432'))).toBe(true);
      expect(postmasterPid(dir)).toBe(db.server.pid);
      if (process.getuid?.() === 0) {
        // PostgreSQL refuses root: the server runs as another OS user, which owns the cluster.
        const uid = Number(fs.readFileSync(`/proc/${db.server.pid}/status`, 'utf8').match(/^Uid:\s+(\d+)/m)![1]);
        expect(uid).not.toBe(0);
        expect(fs.statSync(join(dir, 'data')).uid).toBe(uid);
      }
    } finally {
      await db.close();
    }
    expect(await waitGone(db.server.pid)).toBe(true);
    expect(fs.existsSync(join(dir, 'data', 'postmaster.pid'))).toBe(false);
  }, 60_000);

  it('restarts on an existing directory with its data, and migrates through openStore', async () => {
    const dir = freshDir();
    const a = await openEmbeddedPostgres(dir, quiet);
    await a.query('CREATE TABLE kept (x int)');
    await a.query('INSERT INTO kept VALUES (42)');
    await a.close();
    const t = performance.now();
    const b = await openEmbeddedPostgres(dir, quiet);
    const reopenMs = performance.now() - t;
    try {
      expect(b.server.pid).not.toBe(a.server.pid);
      expect((await b.query<{ x: number }>('SELECT x FROM kept')).rows).toEqual([{ x: 42 }]);
      expect(reopenMs).toBeLessThan(5000);
    } finally {
      await b.close();
    }
    const s = await openStore({ dataDir: join(dir, '..'), migrations: allMigrations() });
    try {
      expect(s.label).toContain('embedded PostgreSQL');
      expect((await s.query('SELECT 1 FROM schema_migrations')).rows.length).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  }, 60_000);

  it('a parent killed with SIGKILL leaves its server running: the next open reuses it, and stops it on close', async () => {
    const dir = freshDir();
    const c = child(dir, 'killed');
    const { serverPid } = await c.next();
    c.proc.kill('SIGKILL');
    await c.exited;
    expect(isAlive(serverPid as number)).toBe(true);
    const db = await openEmbeddedPostgres(dir, quiet);
    try {
      expect(db.server.pid).toBe(serverPid);
      expect((await db.query('SELECT label FROM t')).rows).toEqual([{ label: 'killed' }]);
      // the dead parent no longer counts as a user
      const reg = JSON.parse(fs.readFileSync(join(dir, 'server.json'), 'utf8')) as { users: unknown[] };
      expect(reg.users).toHaveLength(1);
    } finally {
      await db.close();
    }
    expect(await waitGone(serverPid as number)).toBe(true);
  }, 60_000);

  it('a parent and its server killed with SIGKILL (a machine crash): the stale postmaster.pid is replaced, committed rows survive', async () => {
    const dir = freshDir();
    const c = child(dir, 'crashed');
    const { serverPid } = await c.next();
    c.proc.kill('SIGKILL');
    process.kill(-(serverPid as number), 'SIGKILL'); // the server's whole process group: postmaster and backends
    await c.exited;
    expect(await waitGone(serverPid as number)).toBe(true);
    expect(fs.existsSync(join(dir, 'data', 'postmaster.pid'))).toBe(true);
    const db = await openEmbeddedPostgres(dir, quiet);
    try {
      expect(db.server.pid).not.toBe(serverPid);
      expect((await db.query('SELECT label FROM t')).rows).toEqual([{ label: 'crashed' }]);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('a stale postmaster.pid naming a live unrelated process (pid reuse) is removed, with a message', async () => {
    const dir = freshDir();
    const a = await openEmbeddedPostgres(dir, quiet);
    await a.close();
    await waitGone(a.server.pid);
    const other = spawn('sleep', ['30']);
    try {
      const text = fs.readFileSync(join(dir, 'data', 'postmaster.opts'), 'utf8');
      expect(text).toContain('postgres');
      fs.writeFileSync(join(dir, 'data', 'postmaster.pid'), `${other.pid}\n${join(dir, 'data')}\n0\n5432\n${join(dir, 'run')}\n\n0 0\nready\n`);
      const msgs: string[] = [];
      const db = await openEmbeddedPostgres(dir, { log: (m) => msgs.push(m) });
      try {
        expect(msgs.join('\n')).toMatch(/removing stale .*postmaster\.pid/);
        expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await db.close();
      }
    } finally {
      other.kill('SIGKILL');
    }
  }, 60_000);

  it('processes sharing one DATA_DIR share one server; it stays up while any of them is attached', async () => {
    const dir = freshDir();
    // Two processes starting at once on a fresh directory: one initialises and starts, the other joins.
    const a = child(dir, 'a');
    const b = child(dir, 'b');
    const [ra, rb] = await Promise.all([a.next(), b.next()]);
    expect(ra.serverPid).toBe(rb.serverPid);
    const pid = ra.serverPid as number;
    const db = await openEmbeddedPostgres(dir, quiet);
    try {
      expect(db.server.pid).toBe(pid);
      expect((await db.query<{ label: string }>('SELECT label FROM t ORDER BY label')).rows.map((r) => r.label)).toEqual(['a', 'b']);
      a.send('close');
      expect(await a.next()).toEqual({ closed: true });
      b.send('exit'); // exits without closing: its exit hook leaves
      await b.exited;
      expect(isAlive(pid)).toBe(true);
      await db.query("INSERT INTO t VALUES ('c')");
      expect(Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM t')).rows[0]!.n)).toBe(3);
    } finally {
      await db.close();
    }
    expect(await waitGone(pid)).toBe(true);
  }, 90_000);

  it('a DATA_DIR/pg holding an old PGlite cluster is recognised and left in place', async () => {
    const dir = freshDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(join(dir, 'PG_VERSION'), '17\n');
    expect(isPgliteDir(dir)).toBe(true);
    const fresh = freshDir();
    const db = await openDataDirStore(fresh, quiet);
    await db.close();
    expect(isPgliteDir(fresh)).toBe(false);
  }, 60_000);
});
