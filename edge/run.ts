// Runs the edge agent from settings (environment and overrides) until SIGINT/SIGTERM: used by `raseed edge` and by
// the standalone bundle (edge/main.ts → dist/raseed-edge.mjs, `npm run build:edge`) that a concentrator runs.
import { createLogger } from '../platform/index.ts';
import { EdgeAgent } from './agent.ts';
import { EdgeConfigError, loadEdgeSettings } from './config.ts';

export async function runEdge(env: Record<string, string | undefined>, overrides: Record<string, string | undefined> = {}): Promise<void> {
  let settings;
  try {
    settings = loadEdgeSettings(env, overrides);
  } catch (err) {
    if (err instanceof EdgeConfigError) {
      process.stderr.write(`raseed edge: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(settings.logLevel);
  const agent = new EdgeAgent({ ...settings, logger });
  await agent.start();
  logger.info({ edge: settings.edgeId, meters: agent.meterIds().length, spool: settings.spoolDir }, 'raseed edge running');
  const shutdown = async (sig: string) => {
    logger.info({ sig }, 'raseed edge stopping');
    await agent.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
