// A small RFC 4180 CSV reader for vendors' delivery files: quoted fields with "" escapes, CRLF or LF,
// a UTF-8 byte-order mark, blank lines skipped. Each record carries the file line it starts on, so that
// errors can name it.

export interface CsvRecord {
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < s.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let atFieldStart = true;
    let ended = false;
    while (i < s.length && !ended) {
      const c = s[i]!;
      if (quoted) {
        if (c === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          if (i < s.length && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') throw new CsvSyntaxError(line, `line ${line}: text after a closing quote`);
          continue;
        }
        if (c === '\n') line++;
        field += c;
        i++;
        continue;
      }
      if (c === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
        i++;
      } else if (c === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
      } else if (c === '\r' || c === '\n') {
        i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
        line++;
        ended = true;
      } else {
        field += c;
        atFieldStart = false;
        i++;
      }
    }
    if (quoted) throw new CsvSyntaxError(start, `line ${start}: a quoted field is not closed`);
    fields.push(field);
    if (fields.length === 1 && fields[0]!.trim() === '') continue;
    out.push({ line: start, fields });
  }
  return out;
}

/** One CSV field, quoted when it needs to be. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
