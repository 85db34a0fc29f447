// Public face of protocols/: pure codecs and schemas, no I/O.
export * from './topics.ts';
export * from './telemetry.ts';
export { luhnCheckDigit } from './sts/meter-number.ts';
export * from './reference.ts';
export * as sts from './sts/index.ts';
export * as iec62056 from './iec62056/index.ts';
// IEC 62056-21 names are distinct (Iec62056…, OBIS, encode…): also exported flat for the serial drivers.
export * from './iec62056/index.ts';
export * from './firmware.ts';
