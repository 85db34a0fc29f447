// Public face of core/: the module contract between the composition root (app/) and the modules.
export type { StackContext, RaseedModule, ModuleInstance, ModuleDirectory } from './module.ts';
