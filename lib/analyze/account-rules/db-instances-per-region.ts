import type { ArchitecturePlan, DatabasePlan } from '../../plan';
import { type PlanAccountRule, raiseQuota } from './account-rule';

/** RDS's default quota of DB instances per account and region (primaries and read replicas alike). */
export const DB_INSTANCES_PER_REGION = 40;

/** Every primary of a blueprint: the app's, the shards', the services'. */
export function primaries(plan: ArchitecturePlan): DatabasePlan[] {
  return [
    ...(plan.database ? [plan.database] : []),
    ...(plan.shards?.shards.map((shard) => shard.database) ?? []),
    ...plan.services.flatMap((service) => (service.database ? [service.database] : [])),
  ];
}

/** A blueprint alone stays within 40 DB instances per region (other blueprints in the account count too). */
export const dbInstancesPerRegion: PlanAccountRule = {
  id: 'db-instances-per-region',
  source: { title: 'Quotas and constraints for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html' },
  check: (plan) => {
    const perRegion = new Map<string, number>();
    const add = (region: string, count: number) => perRegion.set(region, (perRegion.get(region) ?? 0) + count);
    for (const primary of primaries(plan)) {
      add(plan.regions[0].region, 1 + primary.replicas.length);
      for (const replica of primary.regionalReplicas) add(replica.region, 1);
    }
    return [...perRegion].filter(([, count]) => count > DB_INSTANCES_PER_REGION).map(([region, count]) => ({
      rule: 'db-instances-per-region',
      severity: 'warning' as const,
      message: `${count} DB instances in ${region} (primaries, shards, services' databases and replicas) exceed RDS's default quota of ${DB_INSTANCES_PER_REGION} DB instances per region`,
      fix: `lower \`readReplicas\` or \`shards.count\`, ${raiseQuota('Amazon RDS', 'DB instances')}`,
      path: plan.shards ? ['database', 'shards', 'count'] : ['database', 'readReplicas'],
    }));
  },
};
