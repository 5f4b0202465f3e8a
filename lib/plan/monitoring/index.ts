export * from './monitoring-plan';
export * from './plan-monitoring';
