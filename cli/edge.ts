// `raseed edge`: the edge agent on a data concentrator (docs/edge.md). Settings from the environment (EDGE_ID,
// EDGE_PASSWORD[_FILE], MQTT_URL, EDGE_HTTP_URL, EDGE_SPOOL_DIR, SERIAL_CHANNELS, ...) or these flags.
// On the concentrator itself, the standalone bundle (npm run build:edge) is smaller than the whole CLI.
import type { Command } from 'commander';
import { runEdge } from '../edge/index.ts';

export function registerEdgeCommand(program: Command): void {
  program.command('edge')
    .description('run the edge agent: read local serial meters, spool every reading, forward to the head end over MQTT as edge:<id>')
    .option('--edge-id <id>', 'edge id (env EDGE_ID)')
    .option('--mqtt-url <url>', 'head end broker (env MQTT_URL)')
    .option('--http-url <url>', 'head end API for remote configuration and clock (env EDGE_HTTP_URL)')
    .option('--spool-dir <dir>', 'durable spool directory (env EDGE_SPOOL_DIR, default ./data/edge-spool)')
    .option('--password-file <file>', 'file holding the edge password (env EDGE_PASSWORD_FILE or EDGE_PASSWORD)')
    .option('--log-level <level>', 'env LOG_LEVEL')
    .action(async (f: { edgeId?: string; mqttUrl?: string; httpUrl?: string; spoolDir?: string; passwordFile?: string; logLevel?: string }) => {
      await runEdge(process.env, {
        EDGE_ID: f.edgeId, MQTT_URL: f.mqttUrl, EDGE_HTTP_URL: f.httpUrl, EDGE_SPOOL_DIR: f.spoolDir, EDGE_PASSWORD_FILE: f.passwordFile, LOG_LEVEL: f.logLevel,
      });
    });
}
