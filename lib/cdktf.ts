// `tierup/cdktf`: tierup's Terraform constructs for a caller's own cdktf app. Loads cdktf, never aws-cdk-lib.
export * from './render/tf';
export * from './render/tf/access-logs';
export * from './render/tf/add-blueprint';
export * from './render/tf/static-assets-replication';
