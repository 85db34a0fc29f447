// Public face of config/: settings, logging and port choice shared by every part of Raseed.
export { ConfigSchema, ConfigError, loadConfig, type Config, type ConfigInput, type LoadedConfig } from './schema.ts';
export { createLogger, silentLogger, REDACT_PATHS, type Logger } from './logger.ts';
export { choosePort, isPortFree, PortInUseError, type PortChoice } from './ports.ts';
