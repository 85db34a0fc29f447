import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SimMeter, type TokenDecoderPort } from './meter.ts';
import type { LoadProfile } from './load-profile.ts';
import type { MeterEvent } from '../protocols/index.ts';
import { TelemetryReading } from '../protocols/index.ts';

const flat = (w: number): LoadProfile => ({ demandAt: () => w });
const T0 = Date.UTC(2026, 5, 1, 6, 0, 0); // 10:00 in Muscat, a Monday
const HOUR = 3_600_000;

function meter(o: Partial<ConstructorParameters<typeof SimMeter>[0]> = {}) {
  const m = new SimMeter({ id: '40000000014', service: 'electricity', profile: flat(1000), credit: 2500, now: T0, ...o });
  const events: MeterEvent[] = [];
  m.onEvent((e) => events.push(e));
  return { m, events };
}

describe('simulated prepaid meter', () => {
  it('consumption drains credit exactly and the relay opens at zero', () => {
    const { m, events } = meter();
    m.tick(T0 + HOUR); // 1 kW for an hour: 1000 Wh
    expect(m.state.register).toBe(1000);
    expect(m.state.credit).toBe(1500);
    m.tick(T0 + 3 * HOUR);
    expect(m.state.credit).toBeLessThanOrEqual(0);
    expect(m.state.relay).toBe('open');
    expect(events.some((e) => e.type === 'relay' && e.state === 'open' && e.cause === 'credit_exhausted')).toBe(true);
    const reg = m.state.register;
    m.tick(T0 + 5 * HOUR);
    expect(m.state.register).toBe(reg); // nothing flows with the relay open
  });

  it('integer registers lose nothing however the time is sliced', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 120_000 }), { minLength: 1, maxLength: 200 }), (steps) => {
      const { m } = meter({ credit: 10_000_000, profile: flat(1234) });
      let t = T0;
      for (const s of steps) m.tick((t += s));
      const exactMilliWh = (1234 * (t - T0)) / 3600;
      expect(m.state.register).toBe(Math.floor(exactMilliWh / 1000 + 1e-9));
      expect(m.state.register + m.state.credit).toBe(10_000_000);
    }));
  });

  it('readings validate against the wire schema and their sequence rises by one', () => {
    const { m } = meter();
    const a = m.reading(T0 + 1000), b = m.reading(T0 + 2000);
    expect(TelemetryReading.safeParse(a).success).toBe(true);
    expect(b.seq).toBe(a.seq + 1);
  });

  it('water meters never close the valve for lack of credit', () => {
    const { m } = meter({ service: 'water', profile: flat(100), credit: 10 });
    m.tick(T0 + 10 * HOUR);
    expect(m.state.credit).toBeLessThan(0);
    expect(m.state.relay).toBe('closed');
  });

  it('friendly hours keep supply on at zero credit', () => {
    // 17:00-07:00 local (UTC+4); T0 + 8 h = 18:00 local
    const { m } = meter({ credit: 100, friendlyHours: { startHour: 17, endHour: 7, utcOffsetMinutes: 240 } });
    m.tick(T0 + 8 * HOUR);
    expect(m.state.credit).toBeLessThan(0);
    expect(m.state.relay).toBe('closed');
  });

  it('emergency credit can be taken once, only when credit is low', () => {
    const { m } = meter({ credit: 5000, lowCreditThreshold: 1000, emergencyCredit: 3000 });
    expect(m.takeEmergencyCredit(T0)).toBe(false);
    m.tick(T0 + 4.5 * HOUR);
    expect(m.state.lowCredit).toBe(true);
    expect(m.takeEmergencyCredit(T0 + 4.5 * HOUR)).toBe(true);
    expect(m.state.emergencyActive).toBe(true);
    expect(m.takeEmergencyCredit(T0 + 4.5 * HOUR)).toBe(false);
  });

  it('a remote disconnect holds even when credit arrives; a reconnect may wait for the button', () => {
    const decoder: TokenDecoderPort = { enter: () => ({ result: 'accept', tokenClass: 0, subclass: 0, credit: 5000 }) };
    const { m } = meter({ decoder, relayNeedsButton: true });
    const ack = m.handleCommand({ v: 1, ref: 'C-1', type: 'relay', action: 'disconnect' }, T0);
    expect(ack).toMatchObject({ status: 'ok', result: 'open' });
    m.enterToken('12345678901234567890', T0 + 1000);
    expect(m.state.relay).toBe('open');
    expect(m.handleCommand({ v: 1, ref: 'C-2', type: 'relay', action: 'reconnect' }, T0 + 2000)).toMatchObject({ status: 'ok', result: 'armed' });
    expect(m.state.relay).toBe('armed');
    expect(m.pressButton(T0 + 3000)).toBe(true);
    expect(m.state.relay).toBe('closed');
  });

  it('a redelivered command is applied once and answered with the same ack', () => {
    const { m, events } = meter();
    const cmd = { v: 1 as const, ref: 'C-9', type: 'relay' as const, action: 'disconnect' as const };
    const a = m.handleCommand(cmd, T0);
    m.handleCommand({ v: 1, ref: 'C-10', type: 'relay', action: 'reconnect' }, T0 + 1);
    const b = m.handleCommand(cmd, T0 + 2);
    expect(b).toEqual(a);
    expect(m.state.relay).toBe('closed');
    expect(events.filter((e) => e.type === 'relay')).toHaveLength(2);
  });

  it('a stuck relay fails the command and reports its real state', () => {
    const { m } = meter();
    m.setRelayStuck(true);
    expect(m.handleCommand({ v: 1, ref: 'C-3', type: 'relay', action: 'disconnect' }, T0)).toMatchObject({ status: 'failed', result: 'relay_stuck' });
    expect(m.state.relay).toBe('closed');
  });

  it('an expired command is refused', () => {
    const { m } = meter();
    expect(m.handleCommand({ v: 1, ref: 'C-4', type: 'relay', action: 'disconnect', expiresAt: T0 - 1 }, T0)).toMatchObject({ status: 'rejected', result: 'expired' });
    expect(m.state.relay).toBe('closed');
  });
});

describe('water flow limit (the policy module flow_limit command)', () => {
  it('a water meter caps its flow at the limit while limited, acks it once per reference, and restores full flow', () => {
    const { m } = meter({ service: 'water', profile: flat(500), credit: 100_000 });
    const ack = m.handleCommand({ v: 1, ref: 'C-1', type: 'flow_limit', action: 'limit', litresPerHour: 40 }, T0);
    expect(ack).toMatchObject({ status: 'ok', result: 'limited' });
    m.tick(T0 + HOUR);
    expect(m.state.register).toBe(40); // 500 L/h asked, 40 L/h let through
    expect(m.reading(T0 + 2 * HOUR).flowLph).toBe(40);
    expect(m.state.register).toBe(80);
    // A redelivered limit is applied once; the same ack comes back.
    expect(m.handleCommand({ v: 1, ref: 'C-1', type: 'flow_limit', action: 'limit', litresPerHour: 40 }, T0 + 2 * HOUR)).toEqual(ack);
    expect(m.handleCommand({ v: 1, ref: 'C-2', type: 'flow_limit', action: 'restore' }, T0 + 2 * HOUR)).toMatchObject({ status: 'ok', result: 'unlimited' });
    m.tick(T0 + 3 * HOUR);
    expect(m.state.register).toBe(580);
    // Water never closes its valve for lack of credit, limited or not.
    expect(m.state.relay).toBe('closed');
  });

  it('an electricity meter rejects a flow limit as unsupported and changes nothing', () => {
    const { m } = meter();
    expect(m.handleCommand({ v: 1, ref: 'C-3', type: 'flow_limit', action: 'limit', litresPerHour: 40 }, T0)).toMatchObject({ status: 'rejected', result: 'unsupported' });
    m.tick(T0 + HOUR);
    expect(m.state.register).toBe(1000);
  });
});
