import { RemovalPolicy } from 'aws-cdk-lib';
import type { RemovalPolicy as PlannedRemovalPolicy } from '../../plan';

/** The plan's removal policies as aws-cdk-lib's enum. */
export const REMOVAL_POLICIES = {
  retain: RemovalPolicy.RETAIN,
  snapshot: RemovalPolicy.SNAPSHOT,
  destroy: RemovalPolicy.DESTROY,
} as const satisfies Record<PlannedRemovalPolicy, RemovalPolicy>;
