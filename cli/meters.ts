// `raseed meters import FILE`: sends a vendor's delivery (CSV) to a running Raseed with an operator's token.
// The whole file is checked first (a dry run: any bad row → every error with its file line, nothing
// imported); then it is sent in parts of a few thousand rows with a progress bar. Re-running after an
// interruption is safe: rows already imported are no-ops.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

export interface ImportOptions {
  url: string;
  token: string;
  /** Rows per request (default 2000). */
  chunkRows?: number;
  onProgress?: (done: number, total: number) => void;
  fetch?: typeof fetch;
}

export interface ImportSummary {
  rows: number;
  created: number;
  unchanged: number;
}

export class ImportRejected extends Error {
  override name = 'ImportRejected';
  constructor(readonly status: number, readonly problem: { detail?: string; errors?: { line: number; field: string; detail: string }[]; errorCount?: number }) {
    super(problem.detail ?? `import refused (HTTP ${status})`);
  }
}

/** Splits CSV text into records (quoted newlines stay inside their record), keeping each record's raw text. */
function splitRecords(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

export async function importMeters(csv: string, o: ImportOptions): Promise<ImportSummary> {
  const f = o.fetch ?? fetch;
  const base = o.url.replace(/\/+$/, '');
  const post = async (body: string, query: string) => {
    const res = await f(`${base}/api/v1/meters/import?${query}`, { method: 'POST', headers: { authorization: `Bearer ${o.token}`, 'content-type': 'text/csv' }, body });
    const parsed = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new ImportRejected(res.status, parsed);
    return parsed as unknown as ImportSummary;
  };
  const records = splitRecords(csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv);
  const header = records[0] ?? '';
  const rows = records.slice(1);
  const chunk = o.chunkRows ?? 2000;
  // Line numbers of each record's start, for firstLine of each part.
  const lineOf: number[] = [];
  let line = 1 + (header.match(/\n/g)?.length ?? 0);
  for (const r of rows) {
    lineOf.push(line);
    line += r.match(/\n/g)?.length ?? 0;
  }
  // 1. The whole file is checked before anything is written.
  // (In parts of the server's maximum, 20,000 rows: a file up to that size is checked as one, duplicates included.)
  const checkChunk = 20_000;
  for (let i = 0; i < rows.length || i === 0; i += checkChunk) {
    await post(header + (header.endsWith('\n') ? '' : '\n') + rows.slice(i, i + checkChunk).join(''), `dryRun=true&firstLine=${i === 0 ? 1 : lineOf[i]! - 1}`);
    if (rows.length === 0) break;
  }
  // 2. Then sent in parts.
  const total: ImportSummary = { rows: 0, created: 0, unchanged: 0 };
  o.onProgress?.(0, rows.length);
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const r = await post(header + (header.endsWith('\n') ? '' : '\n') + part.join(''), `firstLine=${i === 0 ? 1 : lineOf[i]! - 1}`);
    total.rows += r.rows;
    total.created += r.created;
    total.unchanged += r.unchanged;
    o.onProgress?.(Math.min(i + chunk, rows.length), rows.length);
  }
  return total;
}

function bar(done: number, total: number, width = 30): string {
  const frac = total ? done / total : 1;
  const full = Math.round(frac * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${done}/${total} (${Math.round(frac * 100)}%)`;
}

export function registerMeterCommands(program: Command): void {
  const meters = program.command('meters').description('a running Raseed\'s meter registry (needs --url and a token)');
  meters.command('import <file>')
    .description('import a vendor\'s delivery (CSV: id,service,transport,area,model,sts_sgc,sts_ti,sts_krn,sts_key_type,sts_base_date); all rows are checked first, nothing is imported if one is bad')
    .option('--url <url>', 'the Raseed API (env RASEED_URL)', process.env.RASEED_URL ?? 'http://localhost:8080')
    .option('--token <token>', 'an operator\'s bearer token (env RASEED_TOKEN)', process.env.RASEED_TOKEN)
    .option('--chunk <rows>', 'rows per request', '2000')
    .action(async (file: string, flags: { url: string; token?: string; chunk: string }) => {
      if (!flags.token) {
        process.stderr.write('raseed: a token is needed: --token or RASEED_TOKEN (POST /api/v1/sessions gives one)\n');
        process.exit(2);
      }
      const tty = Boolean(process.stderr.isTTY);
      const started = Date.now();
      try {
        const r = await importMeters(readFileSync(file, 'utf8'), {
          url: flags.url, token: flags.token, chunkRows: Math.max(1, Number(flags.chunk) || 2000),
          onProgress: (d, t) => process.stderr.write(tty ? `\r  importing ${bar(d, t)}${d === t ? '\n' : ''}` : `  importing ${d}/${t}\n`),
        });
        process.stdout.write(`${r.rows} rows: ${r.created} meters registered, ${r.unchanged} already there (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      } catch (err) {
        if (err instanceof ImportRejected) {
          process.stderr.write(`raseed: ${err.message}\n`);
          for (const e of err.problem.errors ?? []) process.stderr.write(`  line ${e.line}${e.field ? ` ${e.field}` : ''}: ${e.detail}\n`);
          if ((err.problem.errorCount ?? 0) > (err.problem.errors?.length ?? 0)) process.stderr.write(`  … ${err.problem.errorCount! - err.problem.errors!.length} more\n`);
          process.exit(1);
        }
        throw err;
      }
    });
}
