export * from './wiring-graph';
export * from './access-actions';
export * from './wiring-settings';
export * from './plan-wiring';
export * from './wiring-queries';
export * from './agent-permissions';
