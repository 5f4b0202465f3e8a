// `tierup/cdk`: tierup's CloudFormation constructs for a caller's own aws-cdk-lib app. Loads aws-cdk-lib, never cdktf.
export * from './render/cfn';
export * from './render/cfn/add-blueprint';
export * from './render/cfn/events';
export * from './render/cfn/global-routing';
export * from './render/cfn/queue-worker';
export * from './render/cfn/regional-stack';
export * from './render/cfn/services';
export * from './render/cfn/shards';
