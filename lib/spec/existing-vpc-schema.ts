import { z } from 'zod';

// The team's own VPC (`network.vpcId`): ids and zones written in the blueprint, so that neither engine looks
// anything up in AWS while it synthesizes. Whether the level has what it needs from them is checked by
// lib/spec/rules/existing-vpc-rules.ts.

/** AWS resource ids: a prefix and 8 or 17 hexadecimal digits (EC2's short and long id formats). */
const awsId = (prefix: string, example: string) => z
  .string()
  .regex(new RegExp(`^${prefix}-[0-9a-f]{8,17}$`), { message: `must be an id like ${example}` });

/** A VPC id. */
export const vpcIdSchema = awsId('vpc', 'vpc-0123456789abcdef0');

/** One of the team's subnets. */
export const existingSubnetSpecSchema = z.strictObject({
  id: awsId('subnet', 'subnet-0123456789abcdef0').meta({ description: 'The subnet id, e.g. subnet-0123456789abcdef0. Required.' }),
  zone: z.string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, { message: 'must be an Availability Zone name like us-east-1a' })
    .meta({ description: 'Its Availability Zone by name, e.g. us-east-1a (not a zone id like use1-az1). Required.' }),
  cidr: z.string().optional().meta({ description: 'Its IPv4 block, e.g. 10.20.0.0/24: validate then checks it has room for what tierup places there. Default: not checked.' }),
});
export type ExistingSubnetSpec = z.infer<typeof existingSubnetSpecSchema>;

/** The team's subnets by tier: one per zone, in the same zones for every tier the level uses. */
export const existingSubnetsSpecSchema = z.strictObject({
  public: z.array(existingSubnetSpecSchema).max(6).default([]).meta({ description: 'Subnets routing 0.0.0.0/0 to an internet gateway: the server (levels 1-3), the load balancer (level 4 and up). Default: [].' }),
  private: z.array(existingSubnetSpecSchema).max(6).default([]).meta({ description: 'Subnets with a way out (a NAT gateway or similar; see privateEgress): the fleets and workers (level 4 and up). Default: [].' }),
  isolated: z.array(existingSubnetSpecSchema).max(6).default([]).meta({ description: 'Subnets for the data tier: databases, caches, the password rotation function and the Secrets Manager endpoint (level 2 and up). Default: [].' }),
});
export type ExistingSubnetsSpec = z.infer<typeof existingSubnetsSpecSchema>;

/** The fields that describe one existing VPC, shared by the primary region's and each further region's. */
const existingVpcFields = {
  subnets: existingSubnetsSpecSchema.prefault({}).meta({ description: 'The VPC\'s subnets tierup uses, by tier (public, private, isolated), each { id, zone, cidr }. Default: none.' }),
  privateEgress: z.boolean().optional().meta({ description: 'Your word that the private subnets reach the internet (a NAT gateway, NAT instance or firewall on their route tables): tierup cannot read routes without AWS credentials. Required true from level 4 with vpcId. Default: not asserted.' }),
};

/** The team's VPC in a further region (level 7). */
export const regionalVpcSpecSchema = z.strictObject({
  vpcId: vpcIdSchema.meta({ description: 'The VPC id in that region, e.g. vpc-0123456789abcdef0. Required.' }),
  cidr: z.string().optional().meta({ description: 'The VPC\'s IPv4 block; required when tierup creates the Secrets Manager endpoint (its security group admits HTTPS from it). Default: none.' }),
  ...existingVpcFields,
});
export type RegionalVpcSpec = z.infer<typeof regionalVpcSpecSchema>;

/** The `network` fields that take the team's VPC instead of creating one. */
export const existingNetworkFields = {
  vpcId: vpcIdSchema.optional().meta({ description: 'Your existing VPC, e.g. vpc-0123456789abcdef0: tierup then creates no VPC, subnet, route table, NAT gateway or flow log, only its own resources in your subnets. Default: tierup creates the VPC.' }),
  ...existingVpcFields,
  secretsManagerEndpoint: z.enum(['create', 'existing']).optional().meta({ description: 'With vpcId, from level 2: "create" makes tierup add a Secrets Manager interface endpoint with private DNS in the isolated subnets (the password rotation function has no other way to Secrets Manager), "existing" says your VPC already has one the isolated subnets reach. Default: none (required from level 2 with vpcId).' }),
  regions: z.record(z.string(), regionalVpcSpecSchema).optional().meta({ description: 'Level 7 with vpcId: your VPC in each further region, keyed by region, e.g. { eu-west-1: { vpcId, cidr, subnets, privateEgress } }. Default: none.' }),
};
