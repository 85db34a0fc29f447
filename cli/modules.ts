// The feature modules `raseed start` runs, in start order. Each lives in its own folder and
// plugs in API routes, simulator hooks and shutdown through the RaseedModule interface.
import type { RaseedModule } from './stack.ts';
import { prepaidModule } from '../prepaid/index.ts';
import { policyModule } from '../policy/module.ts';

export const DEFAULT_MODULES: RaseedModule[] = [prepaidModule, policyModule];
