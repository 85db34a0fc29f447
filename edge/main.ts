// Entry of the standalone edge bundle (`npm run build:edge` → dist/raseed-edge.mjs): settings from the environment.
import { runEdge } from './run.ts';

await runEdge(process.env);
