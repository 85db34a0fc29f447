// The dependency check of `npm run lint`: dependency-cruiser's rules (.dependency-cruiser.cjs: no file cycles,
// layers, index.ts only, protocols/ and platform/ import nothing of ours, the shell knows no module, no
// undeclared packages), then cycles between units (top-level folders, and each module under modules/),
// which file-level rules alone would miss. `--graph` prints the unit-level import graph as text.
// Exit 1 on any violation.
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
const ROOTS = ['protocols', 'platform', 'broker', 'gateway', 'meter-sim', 'edge', 'dashboard-api', 'core', 'modules', 'app', 'cli'];
const TEST = /\.(test|bench)\.ts$|\/testing\//;

const result = await cruise(ROOTS, { ruleSet: { forbidden: config.forbidden }, validate: true, ...config.options });
const out = result.output;
let failed = false;
for (const v of out.summary.violations) {
  failed = true;
  console.error(`  ${v.rule.severity} ${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : ''}`);
}

/** The unit of a path: its top-level folder, or modules/<name>. */
const unitOf = (p) => {
  const parts = p.split('/');
  return parts[0] === 'modules' && parts.length > 2 ? `modules/${parts[1]}` : parts[0];
};
const edges = new Map();
for (const m of out.modules) {
  if (TEST.test(m.source) || m.source.startsWith('node_modules')) continue;
  const from = unitOf(m.source);
  for (const d of m.dependencies) {
    if (d.coreModule || d.couldNotResolve || d.resolved.startsWith('node_modules')) continue;
    const to = unitOf(d.resolved);
    if (to === from || !ROOTS.includes(to.split('/')[0])) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
  }
}

// Strongly connected components (Tarjan): any with more than one unit is a cycle between folders.
const index = new Map(), low = new Map(), stack = [], on = new Set(), cycles = [];
let n = 0;
const strong = (v) => {
  index.set(v, n); low.set(v, n); n++; stack.push(v); on.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!index.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    const scc = [];
    let w;
    do { w = stack.pop(); on.delete(w); scc.push(w); } while (w !== v);
    if (scc.length > 1) cycles.push(scc);
  }
};
for (const v of edges.keys()) if (!index.has(v)) strong(v);
for (const c of cycles) {
  failed = true;
  console.error(`  error no-folder-cycle: ${c.join(' ⇄ ')}`);
}

if (process.argv.includes('--graph')) {
  for (const [from, tos] of [...edges].sort(([a], [b]) => a.localeCompare(b))) console.log(`${from} → ${[...tos].sort().join(', ')}`);
}
console.log(failed
  ? `dependency check: violations (see above); ${out.summary.totalCruised} modules cruised`
  : `dependency check: no violations (${out.summary.totalCruised} modules, ${out.summary.totalDependenciesCruised} dependencies, ${edges.size} units, no cycles)`);
process.exit(failed ? 1 : 0);
