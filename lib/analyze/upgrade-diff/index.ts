export * from './change';
export * from './diff-cfn';
export * from './diff-tf';
export * from './domain-migrations';
export * from './migration-steps';
export * from './stateful-types';
export * from './upgrade-diff';
export * from './format-diff';
