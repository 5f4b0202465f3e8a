// tierup's library entry. It loads neither aws-cdk-lib nor cdktf: render with `tierup/cdk` or
// `tierup/cdktf`, test with `tierup/testing`.
export * from './spec';
export * from './plan';
export * from './library/plan-blueprint';
export { describePlan } from './cli/describe-plan';
