#!/usr/bin/env node
// Entry point of the `raseed` CLI: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/index.ts');
await main(process.argv);
