export * from './capacity-figures';
export * from './database-connections';
export * from './model-capacity';
