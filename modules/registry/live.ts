// The live feed behind GET /api/v1/live (Server-Sent Events). One poller per API process reads the
// store once a second and sends each client what changed — meters (state, reading, alarms) and
// commands (sent, acknowledged, failed, expired) — so it works the same whether the gateway runs in
// this process or on another machine. It runs only while someone listens.
import { EventEmitter } from 'node:events';
import { listMeters } from './meters.ts';
import { type Db } from '../../platform/index.ts';
import { toMeterView, type MeterView } from './meter-routes.ts';

export interface LiveCommand {
  reference: string;
  meterId: string;
  type: string;
  action: string | null;
  status: string;
  result: string | null;
  updatedAt: string;
}

interface LiveEvents {
  meters: [MeterView[]];
  commands: [LiveCommand[]];
}

const signature = (m: MeterView) =>
  [m.online, m.relay, m.credit, m.lowCredit, m.tamper, m.emergencyCredit, m.latestReading?.seq ?? -1, m.latestReading?.ts ?? ''].join('|');

export class LiveFeed extends EventEmitter<LiveEvents> {
  private timer: NodeJS.Timeout | null = null;
  private seen = new Map<string, string>();
  private since = Date.now();
  private clients = 0;
  private ticking = false;

  constructor(private readonly db: Db, private readonly intervalMs = 1000) {
    super();
  }

  /** A client joined; returns a function to call when it leaves. */
  join(): () => void {
    this.clients++;
    if (!this.timer) {
      this.timer = setInterval(() => void this.tick(), this.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.clients--;
      if (this.clients <= 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const views = (await listMeters(this.db)).map(toMeterView);
      const changed = views.filter((v) => {
        const sig = signature(v);
        if (this.seen.get(v.id) === sig) return false;
        this.seen.set(v.id, sig);
        return true;
      });
      if (changed.length) this.emit('meters', changed);
      const since = this.since;
      this.since = Date.now();
      const r = await this.db.query<Record<string, unknown>>(
        `SELECT reference, meter_id, type, action, status, result, greatest(created_at_ms, coalesce(sent_at_ms, 0), coalesce(finished_at_ms, 0)) AS updated
         FROM commands WHERE created_at_ms >= $1 OR sent_at_ms >= $1 OR finished_at_ms >= $1 ORDER BY updated`,
        [since - this.intervalMs],
      ).catch(() => ({ rows: [] as Record<string, unknown>[] }));
      if (r.rows.length) {
        this.emit('commands', r.rows.map((x) => ({
          reference: x.reference as string, meterId: x.meter_id as string, type: x.type as string, action: (x.action as string) ?? null,
          status: x.status as string, result: (x.result as string) ?? null, updatedAt: new Date(Number(x.updated)).toISOString(),
        })));
      }
    } finally {
      this.ticking = false;
    }
  }
}
