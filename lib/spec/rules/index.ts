export * from './blueprint-rules';
export * from './rule-context';
export { TIERUP_TAG_COUNT } from './network-rules';
