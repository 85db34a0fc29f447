// A pair of linked pseudo-terminals made by socat: what one end writes, the other reads, like a null-modem
// cable. `link=` paths give them stable names; stopping socat makes both ports vanish, starting it again brings
// them back on the same paths (new /dev/pts numbers behind them), as an unplugged USB adapter would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, unlinkSync } from 'node:fs';

export class PtyError extends Error {
  override name = 'PtyError';
}

/** True if a `socat` binary is on the PATH. */
export function socatAvailable(socat = 'socat'): boolean {
  try {
    const r = spawnSync(socat, ['-V'], { stdio: 'ignore', timeout: 5000 });
    return r.status === 0;
  } catch {
    return false;
  }
}

export interface PtyPairOptions {
  /** Link path of one end (the gateway's port path). */
  linkA: string;
  /** Link path of the other end (the simulated meter's). */
  linkB: string;
  socat?: string;
  /** How long to wait for both links, ms (default 5000). */
  startTimeoutMs?: number;
}

export class PtyPair {
  private child: ChildProcess | null = null;
  private log = '';

  constructor(readonly opts: PtyPairOptions) {}

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts socat and waits until both link paths exist. */
  async start(): Promise<void> {
    if (this.running) return;
    for (const l of [this.opts.linkA, this.opts.linkB]) removeStaleLink(l);
    const socat = this.opts.socat ?? 'socat';
    this.log = '';
    const child = spawn(socat, ['-d', '-d', `pty,raw,echo=0,link=${this.opts.linkA}`, `pty,raw,echo=0,link=${this.opts.linkB}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr?.on('data', (d: Buffer) => { if (this.log.length < 8192) this.log += d.toString(); });
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (e) => reject(new PtyError(`cannot run ${socat}: ${e.message}`)));
      child.once('exit', (code, sig) => reject(new PtyError(`socat exited (${code ?? sig}) before the ptys were ready: ${this.log.trim().slice(-400)}`)));
    });
    failed.catch(() => {});
    const deadline = Date.now() + (this.opts.startTimeoutMs ?? 5000);
    const ready = (async () => {
      while (!(existsSync(this.opts.linkA) && existsSync(this.opts.linkB) && /starting data transfer loop/.test(this.log))) {
        if (Date.now() > deadline) throw new PtyError(`socat did not create ${this.opts.linkA} and ${this.opts.linkB} in time: ${this.log.trim().slice(-400)}`);
        await sleep(10);
      }
    })();
    try {
      await Promise.race([ready, failed]);
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  /** Stops socat (SIGTERM, then SIGKILL); both ports vanish. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(t);
    for (const l of [this.opts.linkA, this.opts.linkB]) removeStaleLink(l);
  }

  /** The port vanishes for `downMs` and comes back on the same paths. */
  async bounce(downMs: number): Promise<void> {
    await this.stop();
    await sleep(downMs);
    await this.start();
  }
}

function removeStaleLink(path: string): void {
  try {
    if (lstatSync(path).isSymbolicLink() && !existsSync(path)) unlinkSync(path);
  } catch {}
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
