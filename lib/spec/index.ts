export * from './blueprint-schema';
export * from './levels';
export * from './regions';
export * from './load-blueprint';
export * from './spec-error';
export * from './json-schema';
export * from './starter-blueprint';
export * from './global-datastore';
