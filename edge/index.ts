// Public face of edge/: the `raseed edge` agent that runs beside serial meters on a data concentrator.
export { EdgeAgent, type EdgeAgentOptions, type EdgeStats } from './agent.ts';
export { loadEdgeSettings, EdgeEnv, EdgeConfigError, type EdgeSettings } from './config.ts';
export { runEdge } from './run.ts';
