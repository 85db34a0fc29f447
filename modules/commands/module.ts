// The commands module: the operators' view of the one command lifecycle (gateway/commands.ts), for
// every kind the modules registered: a meter's command history and one command by reference.
import type { ModuleInstance, RaseedModule, StackContext } from '../../core/index.ts';
import { commandRoutes } from './routes.ts';

export const commandsModule: RaseedModule = {
  name: 'commands',
  async start(ctx: StackContext): Promise<ModuleInstance> {
    return { plugins: [commandRoutes(ctx.commands)] };
  },
};
