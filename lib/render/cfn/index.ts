export * from './blueprint-stack';
export * from './network';
export * from './removal-policy';
export * from './synthesize';
export * from './validate';
