export * from './architecture-plan';
export * from './create-plan';
export * from './environment-defaults';
export * from './naming';
export * from './shard-ring';
export * from './app-boot-script';
export * from './instance-architecture';
