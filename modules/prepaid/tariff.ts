// Tariffs as data, and the pure function that turns a payment into a breakdown and STS units.
// Money is integer minor units, units are tenths of a service unit (0.1 kWh, 0.1 m³) — the STS credit
// resolution. Every rounding step is stated here and in docs/prepaid.md; nothing uses binary floats.
import { sts } from '../../protocols/index.ts';
import { PrepaidError, exponentOf, formatMoney, formatTenths, isCurrency, mulDivHalfUp, parseMoney, type Currency } from './money.ts';

export type ServiceType = 'electricity' | 'water';

/** One block of an inclining block tariff: up to `upTo` service units a month (null: no upper bound) at `rate`. */
export interface TariffBlock {
  /** Cumulative monthly units where this block ends, decimal ("4000"); null for the last block. */
  upTo: string | null;
  /** Price per service unit (kWh or m³) in major currency units, decimal ("0.014"); up to exponent + 4 decimals. */
  rate: string;
}

export type EnergyCharge =
  | { type: 'flat'; rate: string }
  /** Blocks count units bought in the utility's calendar month (TIME_ZONE) and start again on the 1st. */
  | { type: 'blocks'; blocks: TariffBlock[] };

/** A tariff as a utility configures it. Immutable once used: a price change is a new `id`. */
export interface TariffDefinition {
  id: string;
  name: string;
  service: ServiceType;
  /** Customer class the tariff applies to (meters.tariff_class), or "*" for any. */
  customerClass: string;
  currency: Currency;
  charge: EnergyCharge;
  /** VAT in basis points (500 = 5 %) on energy and the fixed charge; prices above are net of VAT. */
  vatBp: number;
  /** Fixed monthly charge (net of VAT), decimal in major units; taken from the first top-up of each month. */
  fixedMonthly: string;
  /** Share of each top-up (basis points) that goes to the meter's arrears while there are any. */
  debtRecoveryBp: number;
  /** Smallest top-up accepted, decimal in major units. */
  minTopUp: string;
}

/** A tariff checked and with its decimals turned into exact integers. */
export interface CompiledTariff {
  def: TariffDefinition;
  exponent: number;
  /** Rates in minor units × 10^4 per service unit; block ends in tenths (null: unbounded). */
  blocks: { upToTenths: number | null; rate: bigint; rateText: string }[];
  fixedMonthly: number;
  minTopUp: number;
}

/** Rates carry 4 more decimals than the currency (0.0145 baisa per kWh is expressible). */
export const RATE_EXTRA_DECIMALS = 4;
const RATE_DEN = 10n ** BigInt(RATE_EXTRA_DECIMALS) * 10n; // rate is per unit, amounts are per tenth
const BP = 10_000;

function parseRate(rate: string, currency: Currency, what: string): bigint {
  const exp = exponentOf(currency) + RATE_EXTRA_DECIMALS;
  const m = /^(\d{1,9})(?:\.(\d+))?$/.exec(rate.trim());
  if (!m) throw new PrepaidError('no_tariff', `${what}: rate "${rate}" is not a decimal number`);
  const frac = m[2] ?? '';
  if (frac.length > exp) throw new PrepaidError('no_tariff', `${what}: rate "${rate}" has more than ${exp} decimals`);
  return BigInt(m[1]!) * 10n ** BigInt(exp) + BigInt(frac.padEnd(exp, '0') || '0');
}

function parseUnitsTenths(units: string, what: string): number {
  const m = /^(\d{1,9})(?:\.(\d))?$/.exec(units.trim());
  if (!m) throw new PrepaidError('no_tariff', `${what}: block end "${units}" must be a decimal with at most one decimal place`);
  return Number(m[1]) * 10 + Number(m[2] ?? '0');
}

/** Validates a tariff definition and compiles it. Throws PrepaidError('no_tariff') naming the problem. */
export function compileTariff(def: TariffDefinition): CompiledTariff {
  const what = `tariff ${def.id}`;
  if (!isCurrency(def.currency)) throw new PrepaidError('no_tariff', `${what}: unknown currency ${String(def.currency)}`);
  if (!Number.isInteger(def.vatBp) || def.vatBp < 0 || def.vatBp > 5000) throw new PrepaidError('no_tariff', `${what}: vatBp must be 0..5000`);
  if (!Number.isInteger(def.debtRecoveryBp) || def.debtRecoveryBp < 0 || def.debtRecoveryBp > BP) throw new PrepaidError('no_tariff', `${what}: debtRecoveryBp must be 0..10000`);
  const raw = def.charge.type === 'flat' ? [{ upTo: null, rate: def.charge.rate }] : def.charge.blocks;
  if (!raw.length) throw new PrepaidError('no_tariff', `${what}: no blocks`);
  let prev = 0;
  const blocks = raw.map((b, i) => {
    const last = i === raw.length - 1;
    const upToTenths = b.upTo === null ? null : parseUnitsTenths(b.upTo, what);
    if (last !== (upToTenths === null)) throw new PrepaidError('no_tariff', `${what}: only the last block is unbounded (upTo: null)`);
    if (upToTenths !== null && upToTenths <= prev) throw new PrepaidError('no_tariff', `${what}: block ends must increase`);
    if (upToTenths !== null) prev = upToTenths;
    const rate = parseRate(b.rate, def.currency, what);
    if (last && rate === 0n) throw new PrepaidError('no_tariff', `${what}: the last block cannot be free`);
    return { upToTenths, rate, rateText: b.rate };
  });
  return { def, exponent: exponentOf(def.currency), blocks, fixedMonthly: parseMoney(def.fixedMonthly, def.currency), minTopUp: parseMoney(def.minTopUp, def.currency) };
}

export interface BreakdownInput {
  tariff: CompiledTariff;
  /** What the subscriber pays, minor units. */
  amount: number;
  /** Outstanding arrears of the meter's account, minor units. */
  arrears: number;
  /** Whether this month's fixed charge is still to be paid. */
  fixedDue: boolean;
  /** Units (tenths) bought earlier this month: where in the blocks this top-up starts. */
  blockStartTenths: number;
}

export interface BlockUse {
  /** Block boundaries in tenths (to: null for the open block). */
  from: number;
  to: number | null;
  rate: string;
  tenths: number;
  /** Money allocated to this block (minor units); the blocks add up to energyNet exactly. */
  amount: number;
}

export interface Breakdown {
  tariffId: string;
  currency: Currency;
  amount: number;
  debt: number;
  fixedNet: number;
  fixedVat: number;
  energyGross: number;
  energyNet: number;
  energyVat: number;
  blockStartTenths: number;
  /** Units on the token, tenths of kWh / m³. */
  unitsTenths: number;
  blocks: BlockUse[];
}

/**
 * Splits a payment and converts its energy part into units. Order and rounding:
 * 1. debt = min(arrears, floor(amount × share));
 * 2. the fixed monthly charge (net + VAT, VAT rounded half up) if still due this month;
 * 3. the rest is VAT-inclusive energy: VAT = round half up(gross × vat / (1 + vat)), net = gross − VAT;
 * 4. net money buys units block by block at exact rational prices; the last block's units are rounded
 *    up to the next 0.1 unit (customer's favour), then up to the next amount the STS token can carry.
 */
export function computeBreakdown(i: BreakdownInput): Breakdown {
  const t = i.tariff;
  const cur = t.def.currency;
  if (!Number.isSafeInteger(i.amount) || i.amount <= 0) throw new PrepaidError('bad_amount', 'amount must be positive');
  if (i.amount < t.minTopUp) throw new PrepaidError('amount_too_small', `the smallest top-up is ${formatMoney(t.minTopUp, cur)} ${cur}`, { minimum: formatMoney(t.minTopUp, cur) });
  const debt = Math.min(Math.max(0, i.arrears), Number((BigInt(i.amount) * BigInt(t.def.debtRecoveryBp)) / BigInt(BP)));
  const fixedNet = i.fixedDue ? t.fixedMonthly : 0;
  const fixedVat = mulDivHalfUp(fixedNet, t.def.vatBp, BP);
  const energyGross = i.amount - debt - fixedNet - fixedVat;
  if (energyGross <= 0) {
    const min = minimumAmount(i);
    throw new PrepaidError('amount_too_small', `this top-up must be at least ${formatMoney(min, cur)} ${cur} to cover this month's fixed charge${debt ? ' and the debt share' : ''}`, { minimum: formatMoney(min, cur) });
  }
  const energyVat = mulDivHalfUp(energyGross, t.def.vatBp, BP + t.def.vatBp);
  const energyNet = energyGross - energyVat;
  const { tenths, blocks } = unitsFor(t, energyNet, i.blockStartTenths);
  return {
    tariffId: t.def.id, currency: cur, amount: i.amount, debt, fixedNet, fixedVat, energyGross, energyNet, energyVat,
    blockStartTenths: i.blockStartTenths, unitsTenths: tenths, blocks,
  };
}

/** The smallest amount whose energy part is positive for this state (for a helpful error). */
function minimumAmount(i: BreakdownInput): number {
  let lo = Math.max(1, i.tariff.minTopUp), hi = 1;
  const ok = (a: number): boolean => {
    const debt = Math.min(Math.max(0, i.arrears), Number((BigInt(a) * BigInt(i.tariff.def.debtRecoveryBp)) / BigInt(BP)));
    const f = i.fixedDue ? i.tariff.fixedMonthly + mulDivHalfUp(i.tariff.fixedMonthly, i.tariff.def.vatBp, BP) : 0;
    return a - debt - f > 0;
  };
  hi = lo;
  while (!ok(hi)) hi *= 2;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The tenths an STS credit token can carry at or above t (the transfer amount has coarser steps above 1,638.3). */
export function encodableTenths(t: number): number {
  return Number(sts.decodeTransferAmount(sts.encodeTransferAmount(BigInt(t))));
}

/**
 * Units bought with `net` minor units starting at `start` tenths into the month's blocks. Whole blocks
 * cost their exact rational price (carried, never rounded); the block where the money ends gives
 * ceil(money left / price of a tenth) tenths. Money per block: floor of the exact cost for whole blocks,
 * the rest for the last one, so the parts add up to `net`.
 */
export function unitsFor(t: CompiledTariff, net: number, start: number): { tenths: number; blocks: BlockUse[] } {
  if (!Number.isSafeInteger(net) || net < 0) throw new PrepaidError('bad_amount', 'energy amount must be a non-negative integer');
  let money = BigInt(net) * RATE_DEN; // minor units × 10^5: the unit in which a tenth costs `rate`
  let pos = start;
  let total = 0;
  let allocated = 0;
  const uses: BlockUse[] = [];
  let from = 0;
  for (const b of t.blocks) {
    const blockFrom = from;
    from = b.upToTenths ?? from;
    if (b.upToTenths !== null && pos >= b.upToTenths) continue;
    if (money <= 0n) break;
    const cap = b.upToTenths === null ? null : b.upToTenths - pos;
    const capCost = cap === null ? null : BigInt(cap) * b.rate;
    if (cap !== null && capCost !== null && money >= capCost) {
      money -= capCost;
      const amt = Number(capCost / RATE_DEN);
      uses.push({ from: blockFrom, to: b.upToTenths, rate: b.rateText, tenths: cap, amount: amt });
      allocated += amt;
      total += cap;
      pos += cap;
      continue;
    }
    const n = Number((money + b.rate - 1n) / b.rate);
    money = 0n;
    uses.push({ from: blockFrom, to: b.upToTenths, rate: b.rateText, tenths: n, amount: net - allocated });
    allocated = net;
    total += n;
    pos += n;
    break;
  }
  if (uses.length && allocated !== net) uses[uses.length - 1]!.amount += net - allocated;
  const enc = total > 0 ? encodableTenths(total) : 0;
  if (enc !== total && uses.length) uses[uses.length - 1]!.tenths += enc - total;
  return { tenths: enc, blocks: uses };
}

/** Readable form of a breakdown (API responses, receipts). */
export function breakdownView(b: Breakdown, unit: 'kWh' | 'm3') {
  const m = (v: number) => formatMoney(v, b.currency);
  return {
    tariff: b.tariffId,
    currency: b.currency,
    amount: m(b.amount),
    debtRecovered: m(b.debt),
    fixedCharge: m(b.fixedNet),
    fixedChargeVat: m(b.fixedVat),
    energy: m(b.energyNet),
    energyVat: m(b.energyVat),
    vat: m(b.fixedVat + b.energyVat),
    units: formatTenths(b.unitsTenths),
    unit,
    monthToDateBefore: formatTenths(b.blockStartTenths),
    blocks: b.blocks.map((u) => ({
      from: formatTenths(u.from), to: u.to === null ? null : formatTenths(u.to), rate: u.rate, units: formatTenths(u.tenths), amount: m(u.amount),
    })),
  };
}
export type BreakdownView = ReturnType<typeof breakdownView>;

// ---- Tariff sets and the shipped defaults.

/** The tariffs of one utility, looked up by service, customer class and currency; every id ever used stays resolvable. */
export class TariffSet {
  readonly #byId = new Map<string, CompiledTariff>();
  readonly #active: CompiledTariff[] = [];

  constructor(active: TariffDefinition[], retired: TariffDefinition[] = []) {
    for (const d of [...active, ...retired]) {
      if (this.#byId.has(d.id)) throw new PrepaidError('no_tariff', `duplicate tariff id ${d.id}`);
      this.#byId.set(d.id, compileTariff(d));
    }
    for (const d of active) this.#active.push(this.#byId.get(d.id)!);
  }

  byId(id: string): CompiledTariff | undefined {
    return this.#byId.get(id);
  }

  list(): TariffDefinition[] {
    return this.#active.map((t) => t.def);
  }

  /** The tariff for a meter: exact class first, then a "*" tariff of the same service and currency. */
  find(service: ServiceType, customerClass: string, currency: Currency): CompiledTariff {
    const same = this.#active.filter((t) => t.def.service === service && t.def.currency === currency);
    const hit = same.find((t) => t.def.customerClass === customerClass) ?? same.find((t) => t.def.customerClass === '*');
    if (!hit) throw new PrepaidError('no_tariff', `no ${currency} tariff for ${service} meters of class "${customerClass}"`);
    return hit;
  }
}

/**
 * The shipped default tariffs (Oman, OMR): residential electricity slabs 0–4,000 / 4,001–6,000 / above
 * 6,000 kWh a month, flat commercial electricity, flat water. Prices are illustrative defaults for the
 * demo and tests; a utility replaces them with its regulator's schedule (DATA_DIR/tariffs.json).
 */
export const DEFAULT_TARIFFS: TariffDefinition[] = [
  {
    id: 'OM-E-RES-2026', name: 'Residential electricity (slabs)', service: 'electricity', customerClass: 'residential', currency: 'OMR',
    charge: { type: 'blocks', blocks: [{ upTo: '4000', rate: '0.014' }, { upTo: '6000', rate: '0.018' }, { upTo: null, rate: '0.022' }] },
    vatBp: 500, fixedMonthly: '0.500', debtRecoveryBp: 2500, minTopUp: '1.000',
  },
  {
    id: 'OM-E-COM-2026', name: 'Commercial electricity (flat)', service: 'electricity', customerClass: '*', currency: 'OMR',
    charge: { type: 'flat', rate: '0.020' }, vatBp: 500, fixedMonthly: '1.000', debtRecoveryBp: 2500, minTopUp: '1.000',
  },
  {
    id: 'OM-W-RES-2026', name: 'Residential water (flat, per m³)', service: 'water', customerClass: '*', currency: 'OMR',
    charge: { type: 'flat', rate: '0.2906' }, vatBp: 500, fixedMonthly: '0.200', debtRecoveryBp: 2500, minTopUp: '1.000',
  },
];
