// IEC 62056-21 (mode C) codec: messages, incremental frame parser, OBIS data sets and the Raseed prepaid profile.
// Pure: no I/O. Every failure is an Iec62056Error.
export { Iec62056Error, type Iec62056ErrorCode } from './errors.ts';
export { bcc, IEC_CTRL } from './bcc.ts';
export * from './dataset.ts';
export * from './messages.ts';
export * from './parser.ts';
export * from './profile.ts';
export * from './firmware.ts';
