// The `raseed` command line: each subcommand runs one part, `start` runs them all.
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { ConfigError, PortInUseError, copyStore, createLogger, loadConfig, openAny, type ConfigInput } from '../platform/index.ts';
import { allMigrations, startStack, type StackOptions } from '../app/index.ts';
import { banner } from './banner.ts';
import { registerStsCommands } from './sts.ts';
import { registerMeterCommands } from './meters.ts';


const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface CommonFlags {
  httpPort?: string;
  mqttPort?: string;
  mqttUrl?: string;
  dataDir?: string;
  databaseUrl?: string;
  simMeters?: string;
  logLevel?: string;
}

function overrides(f: CommonFlags): ConfigInput {
  return {
    HTTP_PORT: f.httpPort, MQTT_PORT: f.mqttPort, MQTT_URL: f.mqttUrl, DATA_DIR: f.dataDir,
    DATABASE_URL: f.databaseUrl, SIM_METERS: f.simMeters, LOG_LEVEL: f.logLevel,
  };
}

function withCommonFlags(c: Command): Command {
  return c
    .addOption(new Option('--http-port <port>', 'HTTP port of the API and console (env HTTP_PORT, default 8080)'))
    .addOption(new Option('--mqtt-port <port>', 'port of the embedded MQTT broker (env MQTT_PORT, default 1883)'))
    .addOption(new Option('--mqtt-url <url>', 'use this external MQTT broker instead of the embedded one (env MQTT_URL)'))
    .addOption(new Option('--data-dir <dir>', 'data directory of the embedded store (env DATA_DIR, default ./data)'))
    .addOption(new Option('--database-url <url>', 'PostgreSQL instead of the embedded store (env DATABASE_URL)'))
    .addOption(new Option('--sim-meters <n>', 'simulated meters to run (env SIM_METERS, default 20; 0 for none)'))
    .addOption(new Option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env LOG_LEVEL)'));
}

async function run(flags: CommonFlags, parts: StackOptions['parts']): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, overrides(flags));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`raseed: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (!parts?.broker && (parts?.gateway || parts?.sim) && !config.MQTT_URL) {
    process.stderr.write('raseed: this command needs a broker to connect to: set MQTT_URL (or --mqtt-url), e.g. mqtt://127.0.0.1:1883\n');
    process.exit(2);
  }
  const logger = createLogger(config.LOG_LEVEL);
  const tty = Boolean(process.stderr.isTTY);
  let lastLine = '';
  const onProgress = (what: string, done: number, total: number) => {
    const line = `  ${what}: ${done}/${total}`;
    if (tty) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (line !== lastLine && (done === total || done % 500 === 0)) process.stderr.write(line + '\n');
    lastLine = line;
  };
  let stack;
  try {
    stack = await startStack({ config, logger, parts, onProgress });
  } catch (err) {
    if (err instanceof PortInUseError || (err instanceof Error && ['SharedSecretMismatchError', 'GatewayIdInUseError'].includes(err.name))) {
      process.stderr.write(`raseed: ${err.message}\n`);
      process.exit(2);
    }
    logger.fatal({ err }, 'raseed could not start');
    process.exit(1);
  }
  process.stdout.write(banner(stack, VERSION) + '\n');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      process.stderr.write('raseed: forced exit\n');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      process.stderr.write('raseed: shutdown took too long; exiting\n');
      process.exit(1);
    }, 10_000);
    force.unref();
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

export function buildProgram(): Command {
  const program = new Command('raseed')
    .description('Raseed: gateway and service for prepaid smart meters (STS tokens, MQTT, serial, InfluxDB)')
    .version(VERSION);

  withCommonFlags(program.command('start').description('run everything in one process: embedded broker, gateway, API and console, and a simulated fleet'))
    .action((f: CommonFlags) => run(f, { broker: true, gateway: true, api: true, sim: true }));
  withCommonFlags(program.command('broker').description('run only the embedded MQTT broker (per-meter credentials, topic ACLs)'))
    .action((f: CommonFlags) => run({ ...f, simMeters: '0' }, { broker: true, gateway: false, api: false, sim: false }));
  withCommonFlags(program.command('gateway').description('run only the gateway against the broker at MQTT_URL: ingest telemetry, deliver commands'))
    .action((f: CommonFlags) => run({ ...f, simMeters: '0' }, { broker: false, gateway: true, api: false, sim: false }));
  withCommonFlags(program.command('api').description('run only the HTTP API and console'))
    .action((f: CommonFlags) => run({ ...f, simMeters: '0' }, { broker: false, gateway: false, api: true, sim: false }));
  withCommonFlags(program.command('sim').description('run only a simulated fleet against the broker at MQTT_URL (meters are registered in the store)'))
    .action((f: CommonFlags) => run(f, { broker: false, gateway: false, api: false, sim: true }));
  registerStsCommands(program);
  registerMeterCommands(program);
  program.command('store').description('the SQL store').command('copy <from> <to>')
    .description('copy every row and sequence of one store into another, empty one (each a postgres:// URL or a store directory such as DATA_DIR/pg); stop Raseed first')
    .action(async (from: string, to: string) => {
      const a = await openAny(from);
      const b = await openAny(to);
      try {
        const copied = await copyStore(a, b, allMigrations());
        for (const [t, n] of Object.entries(copied)) process.stdout.write(`${t.padEnd(32)} ${n}\n`);
      } finally {
        await a.close();
        await b.close();
      }
    });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
