// A vendor delivery of BENCH_IMPORT_ROWS meters (default 10,000, with STS parameters) through
// `raseed meters import`'s code path (dry run of the whole file, then parts of 2,000 rows) against a running
// stack, then the same file again (every row a no-op), then credentials for 1,000 meters as a factory batch,
// and a search on BENCH_SEARCH_SUBSCRIBERS subscribers. The target: 10,000 rows in under 60 s.
// Store: in-memory PGlite by default; DATA_DIR=/tmp/x for the embedded PostgreSQL; DATABASE_URL for a server.
//   npm run bench registry-import
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestStack } from '../test/support/stack.ts';
import { importMeters } from '../cli/meters.ts';
import { luhnCheckDigit } from '../protocols/index.ts';
import { normalisePhone, searchNameOf } from '../modules/registry/index.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const SUBSCRIBERS = Number(process.env.BENCH_SEARCH_SUBSCRIBERS ?? 100_000);
const AREAS = ['Muscat', 'Seeb', 'Bawshar', 'Muttrah', 'Amerat', 'Qurayyat'];

const num = (i: number) => {
  const body = `5${String(i).padStart(9, '0')}`;
  return body + String(luhnCheckDigit(body));
};
let csv = 'id,service,transport,area,model,sts_sgc,sts_ti,sts_krn,sts_key_type,sts_base_date\n';
for (let i = 1; i <= ROWS; i++) csv += `${num(i)},${i % 3 ? 'electricity' : 'water'},mqtt,${AREAS[i % AREAS.length]},Vendor V${i % 4},600675,1,1,2,2014\n`;

const dataDir = process.env.DATA_DIR === 'tmp' ? mkdtempSync(join(tmpdir(), 'raseed-bench-')) : undefined;
const env: Record<string, string> = { SIM_METERS: '0', ...(dataDir ? { DATA_DIR: dataDir } : {}), ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) };
const s = await startTestStack(env);
const store = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : dataDir ? 'embedded PostgreSQL' : 'PGlite in memory';
try {
  const token = await s.adminToken();
  let t = performance.now();
  let last = 0;
  const r = await importMeters(csv, { url: s.http, token, onProgress: (d) => (last = d) });
  const importMs = performance.now() - t;
  console.log(`import ${ROWS} rows (${(csv.length / 1024).toFixed(0)} KiB, ${store}): ${(importMs / 1000).toFixed(2)} s — created ${r.created}, progress reached ${last}/${ROWS} ${importMs < 60_000 ? '(target < 60 s: met)' : '(target < 60 s: MISSED)'}`);
  t = performance.now();
  const again = await importMeters(csv, { url: s.http, token });
  console.log(`re-import of the same file: ${((performance.now() - t) / 1000).toFixed(2)} s — unchanged ${again.unchanged}, created ${again.created}`);

  const ids = Array.from({ length: Math.min(1000, ROWS) }, (_, i) => num(i + 1));
  t = performance.now();
  const batch = await s.api('/api/v1/meters/credentials/batch', { method: 'POST', token, json: { meterIds: ids } });
  console.log(`factory batch of ${ids.length} credentials: ${((performance.now() - t) / 1000).toFixed(2)} s (HTTP ${batch.status}, ${String(batch.body).split('\n').length - 2} lines)`);

  // Search on many subscribers: rows inserted straight into the table with the registry's search columns.
  t = performance.now();
  const first = ['أحمد', 'محمد', 'فاطمة', 'سالم', 'مريم', 'خالد', 'عائشة', 'سعيد'];
  const last2 = ['البلوشي', 'الحارثي', 'الكندي', 'الرواحي', 'الهنائي', 'المعمري'];
  for (let i = 0; i < SUBSCRIBERS; i += 5000) {
    const n = Math.min(5000, SUBSCRIBERS - i);
    const rows = Array.from({ length: n }, (_, k) => {
      const j = i + k;
      const ar = `${first[j % first.length]} ${last2[(j >> 3) % last2.length]}`;
      const phone = `+968 9${String(j).padStart(7, '0').slice(0, 3)} ${String(j).padStart(7, '0').slice(3)}`;
      return { acc: `B-${j}`, ar, en: `Person ${j}`, phone, digits: normalisePhone(phone), search: searchNameOf(`Person ${j}`, ar), civil: String(10_000_000 + j) };
    });
    await s.db.query(
      `INSERT INTO subscribers (account_no, name, name_ar, phone, phone_digits, search_name, civil_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [rows.map((x) => x.acc), rows.map((x) => x.en), rows.map((x) => x.ar), rows.map((x) => x.phone), rows.map((x) => x.digits), rows.map((x) => x.search), rows.map((x) => x.civil)],
    );
  }
  await s.db.query('ANALYZE subscribers');
  console.log(`inserted ${SUBSCRIBERS} subscribers in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  for (const q of ['احمد البلوشى', '91234567', '0096890012345', 'person 4242', 'B-99999', 'الكندي']) {
    const times: number[] = [];
    let hits = 0;
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      const res = await s.api(`/api/v1/search?q=${encodeURIComponent(q)}`, { token });
      times.push(performance.now() - t0);
      hits = res.body.results.length;
    }
    times.sort((a, b) => a - b);
    console.log(`search ${JSON.stringify(q)}: median ${times[2]!.toFixed(1)} ms (${hits} results)`);
  }
} finally {
  await s.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
