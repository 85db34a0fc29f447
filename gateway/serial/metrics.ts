// Prometheus metrics of the serial channels, in the gateway's shared registry.
import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../metrics.ts';

export const serialTransactions = new Counter({
  name: 'raseed_serial_transactions_total',
  help: 'IEC 62056-21 transactions on serial buses, by channel, kind (readout, command) and outcome (ok, timeout, protocol, link, refused, address)',
  labelNames: ['channel', 'kind', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const serialDuplicates = new Counter({
  name: 'raseed_serial_duplicate_readings_total',
  help: 'Readings read again with the same sequence number and clock (not handed on)',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});

export const serialPortOpen = new Gauge({
  name: 'raseed_serial_port_open',
  help: '1 while the channel\'s serial port is open',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});

export const serialPortLost = new Counter({
  name: 'raseed_serial_port_lost_total',
  help: 'Times a serial port closed, errored, vanished or went silent and was reopened',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});
