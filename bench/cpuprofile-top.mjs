// Summarises a .cpuprofile (node --cpu-prof, or BENCH_PROFILE=dir npm run bench topup): the functions with the most
// self time, self time by file or package, and the most inclusive time.
//   node bench/cpuprofile-top.mjs FILE [TOP=30]
// The V8 sampler takes wall-clock time deltas: on a loaded machine a sample that waited for the CPU carries that wait
// (a socket write that woke the database and was preempted looks long). COUNT=1 weighs every sample the same
// (1 ms each), which is closer to CPU time there.
import { readFileSync } from 'node:fs';

const [file, top = '30'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/cpuprofile-top.mjs FILE.cpuprofile [TOP]');
  process.exit(2);
}
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const short = (url) => url.replace(/^.*?\/node_modules\//, 'nm/').replace(/^file:\/\/.*?\/(bench|modules|gateway|platform|protocols|meter-sim|broker|dashboard-api|app)\//, '$1/');
const key = (n) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const fileOf = (n) => short(n.callFrame.url).replace(/^nm\/((@[^/]+\/)?[^/]+).*$/, 'nm:$1') || `(${n.callFrame.functionName})`;
const self = new Map(), incl = new Map(), files = new Map();
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  const dt = process.env.COUNT ? 1000 : (p.timeDeltas[i + 1] ?? 0);
  total += dt;
  const n = byId.get(p.samples[i]);
  add(self, key(n), dt);
  add(files, fileOf(n), dt);
  const seen = new Set();
  for (let id = n.id; id !== undefined; id = parent.get(id)) {
    const k = key(byId.get(id));
    if (!seen.has(k)) add(incl, k, dt);
    seen.add(k);
  }
}
for (const [title, m] of [['self time by function', self], ['self time by file or package', files], ['inclusive time', incl]]) {
  console.log(`\n== ${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`${(v / 1000).toFixed(0).padStart(7)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}
