import { vpcCidrProblem } from '../cidr';
import type { BlueprintRule, RuleIssue } from './rule-context';

/** Tags tierup adds to every resource, counted against AWS's limit of 50. */
export const TIERUP_TAG_COUNT = 2;
const AWS_TAG_LIMIT = 50;

/** The VPC block is valid and NAT gateways fit the zones. */
export const networkIsValid: BlueprintRule = ({ spec }) => {
  const issues: RuleIssue[] = [];
  // With vpcId the block is the team's VPC's (any size AWS allows), checked with its subnets (existing-vpc-rules.ts).
  const problem = spec.network.vpcId ? undefined : vpcCidrProblem(spec.network.cidr);
  if (problem) {
    issues.push({ path: ['network', 'cidr'], message: `"${spec.network.cidr}" ${problem}`, fix: 'use a private block such as 10.0.0.0/16' });
  }
  const nat = spec.network.natGateways;
  if (nat !== undefined && nat > spec.network.maxAzs) {
    issues.push({
      path: ['network', 'natGateways'],
      message: `${nat} NAT gateways for ${spec.network.maxAzs} Availability Zones; there is one at most per zone`,
      fix: `set natGateways to at most ${spec.network.maxAzs}, or raise maxAzs`,
    });
  }
  return issues;
};

/** Tags fit AWS's limits and avoid reserved prefixes. */
export const tagsAreValid: BlueprintRule = ({ spec }) => {
  const keys = Object.keys(spec.tags);
  const limit = AWS_TAG_LIMIT - TIERUP_TAG_COUNT;
  const issues: RuleIssue[] = keys
    .filter((key) => key.toLowerCase().startsWith('aws:') || key.startsWith('tierup:'))
    .map((key) => ({ path: ['tags', key], atKey: true, message: `tag key "${key}" uses a reserved prefix`, fix: 'rename the tag; "aws:" and "tierup:" are reserved' }));
  if (keys.length > limit) {
    issues.push({
      path: ['tags'],
      message: `${keys.length} tags; AWS allows ${AWS_TAG_LIMIT} per resource and tierup adds ${TIERUP_TAG_COUNT}`,
      fix: `keep at most ${limit} tags`,
    });
  }
  return issues;
};
