// Dependency rules of Raseed (docs/ARCHITECTURE.md), checked by `npm run lint` (scripts/check-deps.mjs runs
// these rules and also looks for cycles between folders). Tests, benchmarks and scripts may import anything.
// Units: each top-level folder, and each module under modules/. Layers, lowest first:
//   protocols < platform < broker < gateway < meter-sim, edge < dashboard-api < core < modules < app < cli
// (edge/: the `raseed edge` agent beside the meters; it uses gateway's serial drivers and spool, never modules/app)
const PRODUCT = '^(protocols|platform|broker|gateway|meter-sim|edge|dashboard-api|core|modules|app|cli)/';
const NOT_TEST = '\\.(test|bench)\\.ts$|/testing/';

/** A unit may not import a unit above it. */
const above = (from, higher) => ({
  name: `${from.replace(/[^a-z-]/g, '')}-not-upward`,
  comment: `${from} sits below ${higher.join(', ')}: it may not import them`,
  severity: 'error',
  from: { path: `^${from}/`, pathNot: NOT_TEST },
  to: { path: `^(${higher.join('|')})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import cycles at any level (files here; folders in scripts/check-deps.mjs)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'protocols-pure',
      comment: 'protocols/ is pure codecs: it imports nothing of ours',
      severity: 'error',
      from: { path: '^protocols/', pathNot: NOT_TEST },
      to: { path: PRODUCT, pathNot: '^protocols/' },
    },
    {
      name: 'platform-imports-nothing',
      comment: 'platform/ is what everything stands on: it imports nothing of ours',
      severity: 'error',
      from: { path: '^platform/', pathNot: NOT_TEST },
      to: { path: PRODUCT, pathNot: '^platform/' },
    },
    {
      name: 'only-through-index',
      comment: 'another top-level folder is imported only through its index.ts',
      severity: 'error',
      from: { path: '^(protocols|platform|broker|gateway|meter-sim|edge|dashboard-api|core|app|cli)/', pathNot: NOT_TEST },
      to: { path: PRODUCT, pathNot: ['^$1/', '^(protocols|platform|broker|gateway|meter-sim|edge|dashboard-api|core|app|cli)/index\\.ts$', '^modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'modules-only-through-index',
      comment: "modules never import each other's internals: only another module's index.ts (or events)",
      severity: 'error',
      from: { path: '^modules/([^/]+)/', pathNot: NOT_TEST },
      to: { path: PRODUCT, pathNot: ['^modules/$1/', '^(protocols|platform|broker|gateway|meter-sim|dashboard-api|core)/index\\.ts$', '^modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'shell-knows-no-module',
      comment: 'dashboard-api/ is the HTTP shell: it imports no module and no gateway',
      severity: 'error',
      from: { path: '^dashboard-api/', pathNot: NOT_TEST },
      to: { path: '^(modules|gateway|broker|meter-sim|edge|core|app|cli)/' },
    },
    above('broker', ['gateway', 'meter-sim', 'edge', 'dashboard-api', 'core', 'modules', 'app', 'cli']),
    above('gateway', ['meter-sim', 'edge', 'dashboard-api', 'core', 'modules', 'app', 'cli']),
    above('meter-sim', ['broker', 'gateway', 'edge', 'dashboard-api', 'core', 'modules', 'app', 'cli']),
    above('edge', ['meter-sim', 'dashboard-api', 'core', 'modules', 'app', 'cli']),
    above('core', ['modules', 'app', 'cli']),
    above('modules', ['app', 'cli']),
    above('app', ['cli']),
    {
      name: 'no-test-code-in-product',
      comment: 'product code does not import test support',
      severity: 'error',
      from: { path: PRODUCT, pathNot: NOT_TEST },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared-dependencies',
      comment: 'every package imported by product code is declared in package.json',
      severity: 'error',
      from: { path: PRODUCT, pathNot: NOT_TEST },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|console/dist|data|test-artifacts|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js', '.json'], conditionNames: ['import', 'require', 'node', 'default', 'types'], exportsFields: ['exports'] },
  },
};
