// Entry of the standalone edge bundle (`npm run build:edge` → dist/raseed-edge.mjs): settings from the environment.
// The bundle leaves MQTT over WebSocket out (scripts/build-edge.mjs): say so at once rather than at the first connect.
import { runEdge } from './run.ts';

if (/^wss?:/i.test(process.env.MQTT_URL ?? '')) {
  process.stderr.write('raseed edge: MQTT_URL: the edge bundle speaks mqtt:// and mqtts:// (WebSocket only through `raseed edge`)\n');
  process.exit(2);
}
await runEdge(process.env);
