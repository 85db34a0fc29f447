// Public face of modules/commands/: command views (used by other modules' routes) and the module.
export { CommandView, commandView, commandRoutes, type CommandReader } from './routes.ts';
export { commandsModule } from './module.ts';
