// Memory of processes as Linux accounts it, for the benchmarks: PSS from /proc/PID/smaps_rollup (a shared page
// counts 1/n in each of the n processes sharing it, so summing over processes counts shared memory once — the
// PostgreSQL server's shared buffers, Node's code pages) and RSS beside it (which counts shared pages in every process).
import fs from 'node:fs';
import { join } from 'node:path';

export interface Mem {
  pssMiB: number;
  rssMiB: number;
  procs: number;
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** A process and all its descendants (those alive now), except the subtrees of `exclude`. */
export function processTree(root: number, exclude: Set<number> = new Set()): number[] {
  const children = new Map<number, number[]>();
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const pp = parentOf(Number(e));
    if (pp !== null) children.set(pp, [...(children.get(pp) ?? []), Number(e)]);
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const p = todo.pop()!;
    if (exclude.has(p) || !fs.existsSync(`/proc/${p}`)) continue;
    out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

function kib(text: string, key: string): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

/** Summed PSS and RSS of these processes, MiB. */
export function pssOf(pids: number[]): Mem {
  let pss = 0, rss = 0, procs = 0;
  for (const p of pids) {
    try {
      const t = fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      pss += kib(t, 'Pss');
      rss += kib(t, 'Rss');
      procs++;
    } catch {}
  }
  return { pssMiB: pss / 1024, rssMiB: rss / 1024, procs };
}

/** The embedded PostgreSQL's postmaster of a data directory (DATA_DIR/pg/data/postmaster.pid), if it runs. */
export function postmasterOf(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(join(dataDir, 'pg', 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid > 0 && fs.existsSync(`/proc/${pid}`) ? pid : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) these processes have used so far, seconds (clock ticks of 10 ms). */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const p of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {}
  }
  return ticks / 100;
}
