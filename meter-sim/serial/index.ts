// Simulated serial (IEC 62056-21) meters: the bus protocol, a server on any serial path, and a socat pty pair.
export { IecBusResponder, type SerialMeterModel, type SimSerialMeter, type SerialFault, type ReadoutRecord, type BusResponderOptions } from './responder.ts';
export { SerialMeterServer, type SerialMeterServerOptions, type SerialBinding } from './server.ts';
export { PtyPair, PtyError, socatAvailable, type PtyPairOptions } from './pty.ts';
export { startSerialMeterSim, type SerialMeterSimOptions, type RunningSerialMeterSim, type SimChannelConfig } from './sim.ts';
export { startSerialSimFleet, type SerialSimFleetOptions, type RunningSerialSimFleet } from './fleet.ts';
