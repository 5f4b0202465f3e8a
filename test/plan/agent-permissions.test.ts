import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { agentPermissions, agentPlan, type ArchitecturePlan, bootTierOf, createPlan } from '../../lib/plan';
import { loadBlueprint } from '../../lib/spec';

// The CloudWatch agent's grants in the wiring graph (lib/plan/wiring/agent-permissions.ts): exactly what its
// configuration uses, on every compute tier.

const root = join(__dirname, '../..');
const examples: [string, ArchitecturePlan][] = readdirSync(join(root, 'blueprints')).filter((file) => file.endsWith('.yaml')).toSorted()
  .map((file) => [file, createPlan(loadBlueprint(join(root, 'blueprints', file)).spec)]);
const example = (name: string) => createPlan(loadBlueprint(join(root, 'blueprints', `${name}.yaml`)).spec);

/** The plan without any log group, as if the monitoring plan had none: the agent then ships nothing and may write nothing. */
function withoutLogGroups(plan: ArchitecturePlan): ArchitecturePlan {
  return { ...plan, monitoring: { ...plan.monitoring, regions: plan.monitoring.regions.map((region) => ({ ...region, logGroups: [] })) } };
}

describe('the CloudWatch agent\'s grants', () => {
  it('a level 4 fleet: its streams in the app group, metrics in CWAgent only, the instance tags', () => {
    const plan = example('shop-4-fleet');
    const fleet = plan.wiring.tiers.find((tier) => tier.ref.kind === 'fleet');
    const agent = fleet?.permissions.filter((permission) => ['write-logs', 'put-metrics', 'read-instance-tags'].includes(permission.access));
    expect(agent).toEqual([
      {
        access: 'write-logs', resource: { kind: 'log-group', key: '/tierup/shop/production/app', region: 'us-east-1' },
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], copyOf: null, only: null, conditions: [],
      },
      {
        access: 'put-metrics', resource: { kind: 'cloudwatch', key: 'cloudwatch', region: 'us-east-1' }, actions: ['cloudwatch:PutMetricData'], copyOf: null, only: null,
        conditions: [{ operator: 'StringEquals', key: 'cloudwatch:namespace', values: ['CWAgent'] }],
      },
      { access: 'read-instance-tags', resource: { kind: 'ec2', key: 'ec2', region: 'us-east-1' }, actions: ['ec2:DescribeTags'], copyOf: null, only: null, conditions: [] },
    ]);
  });

  it('the level 1-3 server reads no tags: it appends its instance id only', () => {
    const plan = example('shop-2-separate-db');
    const [server] = plan.wiring.tiers;
    expect(server.ref.kind).toBe('server');
    expect(server.permissions.map((permission) => permission.access)).toEqual(expect.arrayContaining(['write-logs', 'put-metrics']));
    expect(server.permissions.map((permission) => permission.access)).not.toContain('read-instance-tags');
  });

  it.each(examples)('%s: every compute tier may write exactly the log groups its agent ships to, in its own region', (_file, plan) => {
    for (const [candidate, noGroups] of [[plan, false], [withoutLogGroups(plan), true]] as const) {
      for (const tier of candidate.wiring.tiers) {
        const boot = bootTierOf(candidate, tier.ref);
        expect(boot).not.toBeNull();
        // The plan's own graph as createPlan made it; with more groups planned, what the graph would grant.
        const granted = (noGroups ? agentPermissions(candidate, tier) : tier.permissions).filter((permission) => permission.access === 'write-logs')
          .map((permission) => `${permission.resource.key}@${permission.resource.region}`);
        const shipped = boot ? agentPlan(candidate, boot, tier.ref.region).logs.map((log) => `${log.logGroupName}@${tier.ref.region}`) : [];
        expect(granted).toEqual([...new Set(shipped)]);
        if (!noGroups) expect(granted.length).toBeGreaterThan(0);
        else expect(granted).toEqual([]);
      }
    }
  });

  it('follows the groups the monitoring plan has: workers write their queue\'s worker group, and nothing without one', () => {
    const plan = example('shop-5-sharded');
    const worker = (candidate: ArchitecturePlan) => candidate.wiring.tiers.find((tier) => tier.ref.kind === 'worker');
    const logs = (candidate: ArchitecturePlan) => agentPermissions(candidate, worker(candidate)!).filter((permission) => permission.access === 'write-logs').map((permission) => permission.resource.key);
    expect(logs(plan)).toEqual(['/tierup/shop/production/queues/emails/worker']);
    expect(logs(withoutLogGroups(plan))).toEqual([]);
  });
});
