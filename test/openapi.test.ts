// docs/openapi.json and console/src/api-types.ts are generated from the running API (scripts/openapi.ts):
// they are regenerated here in memory and must equal what is committed.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_TS, OPENAPI_JSON, generateApiFiles, type GeneratedApiFiles } from '../scripts/openapi.ts';

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Where two texts first differ, as "line N: committed … / generated …" (a full diff of 500 kB helps nobody). */
function firstDifference(committed: string, generated: string): string {
  if (!committed) return 'the file is missing';
  const a = committed.split('\n'), b = generated.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: committed ${JSON.stringify(a[i]?.slice(0, 160) ?? '(end)')}, generated ${JSON.stringify(b[i]?.slice(0, 160) ?? '(end)')}`;
  }
  return 'line endings differ';
}

function expectUpToDate(name: string, path: string, generated: string): void {
  const committed = readOrEmpty(path);
  if (committed !== generated) expect.fail(`${name} is out of date (${firstDifference(committed, generated)}): run \`npm run openapi\` and commit the result`);
}

describe('generated API document and console types', () => {
  let files: GeneratedApiFiles;
  beforeAll(async () => {
    files = await generateApiFiles();
  }, 120_000);

  it('the document holds the routes of every module (core, prepaid, policy)', () => {
    const doc = JSON.parse(files.openapiJson) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.1/);
    for (const p of ['/api/v1/sessions', '/api/v1/meters/{id}', '/api/v1/meters/{id}/topups/quote', '/api/v1/meters/{id}/disconnect', '/api/v1/policy', '/api/v1/audit']) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
  });

  it('generation is stable (same input, same bytes)', async () => {
    const again = await generateApiFiles();
    expect(again.openapiJson === files.openapiJson && again.apiTypes === files.apiTypes).toBe(true);
  }, 120_000);

  it('docs/openapi.json is up to date', () => {
    expectUpToDate('docs/openapi.json', OPENAPI_JSON, files.openapiJson);
  });

  it('console/src/api-types.ts is up to date', () => {
    expectUpToDate('console/src/api-types.ts', API_TYPES_TS, files.apiTypes);
  });
});
