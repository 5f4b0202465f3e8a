export * from './account-rule';
export * from './account-rules';
export * from './engine-version-lifecycle';
export * from './physical-names';
export * from './domain-names';
