// Application state: the session, the meters the user can see (kept live), and a render scheduler.
// Live updates: Server-Sent Events from /api/v1/live when the server has it, otherwise polling
// /api/v1/meters every few seconds (and probing for the live feed again now and then).
import { ApiError, NetworkError, api, setToken, withTicket, type ApiResponse, type Meter, type MeterList, type Session } from './api.ts';
import { setTimeZone } from './prefs.ts';

type Listener = () => void;
const listeners = new Set<Listener>();
let scheduled = false;

/** Asks for a re-render (batched). */
export function update(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    for (const l of listeners) l();
  });
}
export function onUpdate(l: Listener): void {
  listeners.add(l);
}

const SS_SESSION = 'raseed.session';

export interface Sample {
  t: number;
  /** Power W (electricity) or flow L/h (water). */
  v: number;
}

export const state = {
  session: null as Session | null,
  meters: new Map<string, Meter>(),
  metersLoaded: false,
  metersError: null as string | null,
  live: { mode: 'off' as 'off' | 'sse' | 'poll', lastUpdate: null as number | null, networkDown: false },
  /** Meter ids whose reading changed in the last update (briefly highlighted). */
  fresh: new Set<string>(),
  /** Live samples per meter since the page opened (fallback chart when the consumption API is missing). */
  samples: new Map<string, Sample[]>(),
  /** Announcements for screen readers (aria-live). */
  announcement: '',
  currency: 'OMR',
};

/** The utility's time zone and currency (GET /api/v1/settings, public): times and money are shown in them. */
export async function loadSettings(): Promise<void> {
  try {
    const s = await api<ApiResponse<'/api/v1/settings', 'get'>>('/api/v1/settings', { anonymous: true });
    setTimeZone(s.timeZone);
    state.currency = s.currency;
    update();
  } catch {
    // An older server: Asia/Muscat and OMR (or what the last answer said) stay.
  }
}

export function loadSavedSession(): void {
  try {
    const raw = sessionStorage.getItem(SS_SESSION);
    if (!raw) return;
    const s = JSON.parse(raw) as Session;
    if (new Date(s.expiresAt).getTime() > Date.now()) {
      state.session = s;
      setToken(s.token);
    }
  } catch {}
}

export function saveSession(s: Session | null): void {
  state.session = s;
  setToken(s?.token ?? null);
  try {
    if (s) sessionStorage.setItem(SS_SESSION, JSON.stringify(s));
    else sessionStorage.removeItem(SS_SESSION);
  } catch {}
}

/** Staff get the console, subscribers the portal (every staff role: admin, supervisor, operator, call centre, cashier, …). */
export function isOperator(): boolean {
  const r = state.session?.user.role;
  return !!r && r !== 'subscriber';
}
export function canAct(): boolean {
  const r = state.session?.user.role;
  return r === 'admin' || r === 'operator';
}

export function announce(msg: string): void {
  // Re-setting the same text would not be announced again; a zero-width change makes it new.
  state.announcement = state.announcement === msg ? msg + '\u200b' : msg;
  update();
}

const MAX_SAMPLES = 1500;
/** Meters whose live samples are kept: all of a small fleet, else the ones someone opened (memory stays bounded). */
const watched = new Set<string>();
export function watch(meterId: string): void {
  watched.add(meterId);
  if (watched.size > 50) watched.delete(watched.values().next().value!);
}
const SAMPLE_ALL_UP_TO = 50;
const alarmSeen = new Map<string, string>();

function alarmKey(m: Meter): string {
  return `${m.tamper ? 'T' : ''}${m.lowCredit ? 'L' : ''}`;
}

export function mergeMeter(m: Meter, onNewAlarm?: (m: Meter, what: 'tamper' | 'lowCredit') => void): void {
  const prev = state.meters.get(m.id);
  if (prev && prev.latestReading?.seq !== m.latestReading?.seq) state.fresh.add(m.id);
  if (m.latestReading && (state.meters.size <= SAMPLE_ALL_UP_TO || watched.has(m.id))) {
    const v = m.service === 'electricity' ? m.latestReading.powerW : m.latestReading.flowLph;
    const t = Date.parse(m.latestReading.ts);
    if (v != null && Number.isFinite(t)) {
      let arr = state.samples.get(m.id);
      if (!arr) state.samples.set(m.id, (arr = []));
      if (!arr.length || arr[arr.length - 1]!.t < t) {
        arr.push({ t, v });
        if (arr.length > MAX_SAMPLES) arr.splice(0, arr.length - MAX_SAMPLES);
      }
    }
  }
  const key = alarmKey(m);
  const before = alarmSeen.get(m.id);
  if (before !== undefined && onNewAlarm) {
    if (m.tamper && !before.includes('T')) onNewAlarm(m, 'tamper');
    else if (m.lowCredit && !before.includes('L')) onNewAlarm(m, 'lowCredit');
  }
  alarmSeen.set(m.id, key);
  state.meters.set(m.id, prev ? { ...prev, ...m } : m);
}

const commandHandlers: ((cs: Record<string, unknown>[]) => void)[] = [];
/** Command progress from the live feed (SSE `commands` events). */
export function onLiveCommands(h: (cs: Record<string, unknown>[]) => void): void {
  commandHandlers.push(h);
}

let newAlarmHandler: ((m: Meter, what: 'tamper' | 'lowCredit') => void) | undefined;
export function setNewAlarmHandler(f: (m: Meter, what: 'tamper' | 'lowCredit') => void): void {
  newAlarmHandler = f;
}

export async function refreshMeters(): Promise<void> {
  try {
    const r = await api<MeterList>('/api/v1/meters');
    state.fresh.clear();
    const ids = new Set<string>();
    for (const m of r.meters) {
      ids.add(m.id);
      mergeMeter(m, newAlarmHandler);
    }
    for (const id of [...state.meters.keys()]) if (!ids.has(id)) state.meters.delete(id);
    state.metersLoaded = true;
    state.metersError = null;
    state.live.lastUpdate = Date.now();
    state.live.networkDown = false;
  } catch (err) {
    if (err instanceof NetworkError) state.live.networkDown = true;
    else if (err instanceof ApiError && err.status === 401) return;
    else state.metersError = (err as Error).message;
  }
  update();
}

export const POLL_SECONDS = 3;
let pollTimer: ReturnType<typeof setInterval> | null = null;
let probeTimer: ReturnType<typeof setInterval> | null = null;
let source: EventSource | null = null;
let refreshSoon: ReturnType<typeof setTimeout> | null = null;

/** Starts live updates: SSE if /api/v1/live answers with an event stream, otherwise polling. */
export async function startLive(): Promise<void> {
  stopLive();
  await refreshMeters();
  if (!(await tryLiveFeed())) startPolling();
}

/** Bumped by stopLive, so a reconnect scheduled before it does not come back to life after it. */
let liveGeneration = 0;

export function stopLive(): void {
  liveGeneration++;
  if (pollTimer) clearInterval(pollTimer);
  if (probeTimer) clearInterval(probeTimer);
  pollTimer = probeTimer = null;
  source?.close();
  source = null;
  state.live.mode = 'off';
}

function startPolling(): void {
  state.live.mode = 'poll';
  if (!pollTimer) pollTimer = setInterval(() => void refreshMeters(), POLL_SECONDS * 1000);
  // Look for the live feed again every minute: it may be deployed while the console is open.
  if (!probeTimer) {
    probeTimer = setInterval(async () => {
      if (await tryLiveFeed()) {
        if (pollTimer) clearInterval(pollTimer);
        if (probeTimer) clearInterval(probeTimer);
        pollTimer = probeTimer = null;
      }
    }, 60_000);
  }
  update();
}

async function tryLiveFeed(): Promise<boolean> {
  const token = state.session?.token;
  if (!token || typeof EventSource === 'undefined') return false;
  const ctl = new AbortController();
  let url: string;
  try {
    const res = await fetch('/api/v1/live', { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` }, signal: ctl.signal });
    const ok = res.ok && (res.headers.get('content-type') ?? '').includes('text/event-stream');
    ctl.abort();
    if (!ok) return false;
    // EventSource cannot send headers: a single-use ticket in the URL, never the token (a reconnect needs a new one).
    url = await withTicket('/api/v1/live');
  } catch {
    return false;
  }
  source = new EventSource(url);
  state.live.mode = 'sse';
  const onData = (ev: MessageEvent<string>) => {
    state.live.lastUpdate = Date.now();
    state.live.networkDown = false;
    let data: unknown;
    try {
      data = JSON.parse(ev.data);
    } catch {
      return;
    }
    const meters = extractMeters(data);
    if (meters.length) {
      state.fresh.clear();
      for (const m of meters) mergeMeter(m, newAlarmHandler);
      update();
    } else {
      // An event we cannot merge (a reading, a command, a top-up): fetch the fleet again, at most once a second.
      if (!refreshSoon) refreshSoon = setTimeout(() => { refreshSoon = null; void refreshMeters(); }, 1000);
    }
  };
  source.onmessage = onData;
  const onCommands = ((ev: MessageEvent<string>) => {
    try {
      const raw = JSON.parse(ev.data) as unknown;
      const cs = (Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : []) as Record<string, unknown>[];
      if (applyRelayFromCommands(cs)) update();
      for (const h of commandHandlers) h(cs);
    } catch {}
    if (!refreshSoon) refreshSoon = setTimeout(() => { refreshSoon = null; void refreshMeters(); }, 500);
  }) as EventListener;
  // `commands`: progress of commands; `finished`/`command`: one command that ended (servers that send it so).
  for (const type of ['commands', 'finished', 'command']) source.addEventListener(type, onCommands);
  for (const type of ['meter', 'meters', 'reading', 'telemetry', 'state', 'topup', 'topups', 'event', 'alarm']) {
    source.addEventListener(type, onData as EventListener);
  }
  source.onerror = () => {
    // A ticket is good once: instead of letting EventSource retry the spent URL, open the feed again with a new
    // ticket after a pause (or poll when the feed is gone).
    const gen = liveGeneration;
    source?.close();
    source = null;
    state.live.networkDown = true;
    update();
    setTimeout(() => {
      if (gen !== liveGeneration || source) return;
      void tryLiveFeed().then((ok) => { if (!ok && gen === liveGeneration) startPolling(); });
    }, 2000);
  };
  // The fleet was just fetched by startLive: only a re-opened feed (after a drop) fetches it again.
  let opened = false;
  source.onopen = () => {
    state.live.networkDown = false;
    if (opened) void refreshMeters();
    opened = true;
  };
  update();
  return true;
}

/**
 * A relay command the meter acknowledged changes the supply state shown at once, before the next `meters` event or
 * fleet fetch (which then confirm it). Returns whether a meter changed.
 */
export function applyRelayFromCommands(cs: Record<string, unknown>[]): boolean {
  let changed = false;
  for (const c of cs) {
    const m = typeof c.meterId === 'string' ? state.meters.get(c.meterId) : undefined;
    if (!m || c.status !== 'acknowledged') continue;
    const action = String(c.action ?? '');
    const result = String(c.result ?? '');
    const relay = result === 'open' || result === 'closed' || result === 'armed' ? result
      : action === 'disconnect' || action === 'open' ? 'open'
      : action === 'reconnect' || action === 'close' ? (m.relayNeedsButton ? 'armed' : 'closed') : null;
    if (relay && m.relay !== relay) {
      state.meters.set(m.id, { ...m, relay });
      changed = true;
    }
  }
  return changed;
}

function looksLikeMeter(x: unknown): x is Meter {
  return !!x && typeof x === 'object' && typeof (x as Meter).id === 'string' && ((x as Meter).service === 'electricity' || (x as Meter).service === 'water');
}

function extractMeters(data: unknown): Meter[] {
  if (looksLikeMeter(data)) return [data];
  if (Array.isArray(data)) return data.filter(looksLikeMeter);
  if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    if (looksLikeMeter(o.meter)) return [o.meter];
    if (Array.isArray(o.meters)) return o.meters.filter(looksLikeMeter);
  }
  return [];
}
