// The SQL store: one interface, two implementations (embedded PGlite, server PostgreSQL) running the same SQL.
export interface QueryResult<T> {
  rows: T[];
  affectedRows: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export interface Db extends Queryable {
  /** Which implementation: shown in the banner and in test names. */
  readonly kind: 'pglite' | 'postgres';
  /** How the banner names it, when not just by kind (the embedded PostgreSQL). */
  readonly label?: string;
  /** Runs fn in one transaction: all of it commits or none of it does. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A unique-constraint violation (SQLSTATE 23505), the same on both implementations. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
