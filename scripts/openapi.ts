// Writes the API's OpenAPI document (docs/openapi.json) and the console's API types generated from it
// (console/src/api-types.ts): `npm run openapi` (node --import tsx scripts/openapi.ts).
// The document comes from the real API, built in-process with an in-memory store and every feature
// module, so it holds all routes. test/openapi.test.ts fails when the committed files are out of date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { loadConfig, silentLogger } from '../platform/index.ts';
import { startStack } from '../app/index.ts';

export const OPENAPI_JSON = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));
export const API_TYPES_TS = fileURLToPath(new URL('../console/src/api-types.ts', import.meta.url));

const HEADER = `// Generated from docs/openapi.json by openapi-typescript: do not edit. Regenerate with \`npm run openapi\`
// (scripts/openapi.ts) after changing an API route or schema; test/openapi.test.ts fails while this is stale.
`;

/** The same value with object keys sorted at every level (arrays keep their order): a stable document. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

export interface GeneratedApiFiles {
  /** docs/openapi.json: pretty, keys sorted, final newline. */
  openapiJson: string;
  /** console/src/api-types.ts. */
  apiTypes: string;
}

/** Starts the API (no broker, gateway or simulated fleet), reads GET /docs/json, and generates both files in memory. */
export async function generateApiFiles(): Promise<GeneratedApiFiles> {
  // Settings come only from here (not the environment), so that the document does not depend on the machine.
  const config = loadConfig({ HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', SIM_METERS: '0', RASEED_ADMIN_PASSWORD: 'openapi-generator' }, {});
  const stack = await startStack({ config, logger: silentLogger, inMemoryStore: true, parts: { broker: false, gateway: false, api: true, sim: false } });
  let doc: unknown;
  try {
    if (!stack.api) throw new Error('the stack started without its API');
    const res = await stack.api.inject({ method: 'GET', url: '/docs/json' });
    if (res.statusCode !== 200) throw new Error(`GET /docs/json answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    doc = sortKeys(res.json());
  } finally {
    await stack.stop();
  }
  const openapiJson = JSON.stringify(doc, null, 2) + '\n';
  // openapi-typescript gets a copy: it may annotate the object it is given.
  const ast = await openapiTS(JSON.parse(openapiJson), { silent: true });
  const apiTypes = HEADER + '\n' + astToString(ast).trimEnd() + '\n';
  return { openapiJson, apiTypes };
}

export function writeApiFiles(files: GeneratedApiFiles): void {
  for (const [path, text] of [[OPENAPI_JSON, files.openapiJson], [API_TYPES_TS, files.apiTypes]] as const) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeApiFiles(await generateApiFiles());
  process.stdout.write(`wrote ${OPENAPI_JSON}\nwrote ${API_TYPES_TS}\n`);
}
