export * from './account-rule';
export * from './account-rules';
export * from './physical-names';
export * from './domain-names';
