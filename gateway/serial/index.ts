// Serial meters (IEC 62056-21 over RS-485 or an optical probe): channels from configuration, poll scheduler,
// reconnection, command delivery through programming mode.
export { SerialChannelConfig, SerialChannelsConfig, SerialMeterConfig, SerialConfigError, parseSerialChannels, type SerialChannelInput } from './config.ts';
export { SerialChannel, SerialTransactionError, type SerialSink, type SerialChannelOptions, type MeterStats } from './channel.ts';
export { SerialLink, SerialLinkError, defaultBinding, type SerialBinding, type SerialLinkOptions } from './link.ts';
export { startSerialChannels, serialCommandTransport, serialSink, routeCommands, type SerialCommandTransport, type StartSerialChannelsOptions, type RunningSerialChannels } from './service.ts';
export { SerialFirmwareCommand, parseSerialCommand, type SerialCommand } from './commands.ts';
