// Public face of meter-sim/: simulated prepaid meters, alone or as fleets.
export { SimMeter, FlowLimitCommand, type SimMeterOptions, type SimMeterState, type TokenDecoderPort, type TokenOutcome, type FriendlyHours } from './meter.ts';
export { MqttMeter, type MqttMeterOptions } from './mqtt-meter.ts';
export { planFleet, startFleet, ReadingWheel, createSimMeter, simPassword, meterNumber, AREAS, type PlannedMeter, type FleetOptions, type RunningFleet } from './fleet.ts';
export { residentialElectricity, residentialWater, seededRandom, seedFromId, type LoadProfile } from './load-profile.ts';
export * from './serial/index.ts';
export { SimBootloader, SELFTEST_FAIL_MARKER, type SimBootloaderOptions, type SlotState } from './firmware.ts';
