import { join } from 'node:path';
import {
  agentLogSources, agentMetrics, agentMetricSeries, agentPlan, type ArchitecturePlan, type BootTier, bootTierOf, cloudWatchAgentConfig,
  createPlan,
} from '../../lib/plan';
import { type LogContent, logGroupFor } from '../../lib/plan/monitoring/log-groups';
import { LEVELS, type Level, loadBlueprint, parseBlueprint, starterBlueprint } from '../../lib/spec';

// What the CloudWatch agent on each tier collects and where it sends it (lib/plan/boot/cloudwatch-agent-config.ts),
// and the log groups it looks up in the monitoring plan (lib/plan/monitoring/log-groups.ts).

const starter = (level: Level) => createPlan(parseBlueprint(starterBlueprint({ name: 'shop', level }), 'starter.yaml').spec);
const example = (name: string) => createPlan(loadBlueprint(join(__dirname, '../../blueprints', `${name}.yaml`)).spec);
const planOf = (yaml: string) => createPlan(parseBlueprint(yaml, 'test.yaml').spec);

/** The plan without the log groups of `contents`, as if the monitoring plan had none. */
function withoutLogGroups(plan: ArchitecturePlan, contents: readonly LogContent[]): ArchitecturePlan {
  const regions = plan.monitoring.regions.map((region) => ({ ...region, logGroups: region.logGroups.filter((group) => !contents.includes(group.content)) }));
  return { ...plan, monitoring: { ...plan.monitoring, regions } };
}

const server: BootTier = { kind: 'server' };
const fleet: BootTier = { kind: 'fleet', service: null };

describe('the CloudWatch agent\'s metrics', () => {
  it.each([
    ['level 1, postgres', starter(1), ['/', '/var/lib/pgsql']],
    ['level 1, mysql', planOf('name: shop\nlevel: 1\ndatabase: { engine: mysql }\n'), ['/', '/var/lib/mysql']],
    ['level 2', starter(2), ['/']],
    ['level 3', starter(3), ['/']],
  ] as const)('%s: the server reports memory and the disks it keeps data on, by instance and mount point', (_name, plan, paths) => {
    const metrics = agentMetrics(plan, server);
    expect(metrics).toEqual({ namespace: 'CWAgent', appendDimensions: ['InstanceId'], diskPaths: paths, aggregationDimensions: [['InstanceId', 'path']] });
    expect(agentMetricSeries(metrics)).toEqual([
      { metricName: 'mem_used_percent', dimensions: ['InstanceId'], path: null },
      ...paths.map((path) => ({ metricName: 'disk_used_percent', dimensions: ['InstanceId', 'path'], path })),
    ]);
  });

  it.each([
    ['the app\'s fleet', fleet],
    ['a service\'s fleet', { kind: 'fleet', service: 'orders' } as const],
    ['workers', { kind: 'worker', service: null, queue: 'emails' } as const],
  ])('%s: per Auto Scaling group, the root volume only', (_name, tier) => {
    const metrics = agentMetrics(example('shop-6-microservices'), tier);
    expect(metrics).toEqual({
      namespace: 'CWAgent', appendDimensions: ['InstanceId', 'AutoScalingGroupName'], diskPaths: ['/'],
      aggregationDimensions: [['AutoScalingGroupName'], ['AutoScalingGroupName', 'path']],
    });
    expect(agentMetricSeries(metrics)).toEqual([
      { metricName: 'mem_used_percent', dimensions: ['AutoScalingGroupName'], path: null },
      { metricName: 'disk_used_percent', dimensions: ['AutoScalingGroupName', 'path'], path: '/' },
    ]);
  });
});

describe('the CloudWatch agent\'s logs', () => {
  it.each([
    ['level 1 server without a domain: nginx on port 80, its access and error logs too', starter(1), server, [
      ['app', '/var/log/tierup/app.log', 'server/{instance_id}'],
      ['web-access', '/var/log/nginx/access.log', 'server/{instance_id}'],
      ['web-error', '/var/log/nginx/error.log', 'server/{instance_id}'],
    ]],
    ['level 2 server with a domain: nginx\'s access and error logs too', example('store-2-domain'), server, [
      ['app', '/var/log/tierup/app.log', 'server/{instance_id}'],
      ['web-access', '/var/log/nginx/access.log', 'server/{instance_id}'],
      ['web-error', '/var/log/nginx/error.log', 'server/{instance_id}'],
    ]],
    ['the app\'s fleet', example('shop-4-fleet'), fleet, [['app', '/var/log/tierup/app.log', 'app/{instance_id}']]],
    ['a service\'s fleet', example('shop-6-microservices'), { kind: 'fleet', service: 'orders' }, [['app', '/var/log/tierup/app.log', 'orders/{instance_id}']]],
    ['the app\'s workers', example('shop-5-sharded'), { kind: 'worker', service: null, queue: 'emails' }, [['worker', '/var/log/tierup/app.log', 'emails/{instance_id}']]],
  ] as const)('%s', (_name, plan, tier, expected) => {
    expect(agentLogSources(plan, tier).map((source) => [source.content, source.file, source.streamName])).toEqual(expected);
  });

  it('ships only to the log groups the monitoring plan has in the region, by their planned names', () => {
    const plan = example('store-2-domain');
    expect(agentPlan(plan, server, 'us-east-1').logs.map((log) => [log.content, log.logGroupName])).toEqual([
      ['app', '/tierup/store/production/app'], ['web-access', '/tierup/store/production/web/access'], ['web-error', '/tierup/store/production/web/error'],
    ]);
    expect(agentPlan(withoutLogGroups(plan, ['web-access', 'web-error']), server, 'us-east-1').logs.map((log) => [log.content, log.logGroupName]))
      .toEqual([['app', '/tierup/store/production/app']]);
    const renamed = { ...plan, monitoring: { ...plan.monitoring, regions: plan.monitoring.regions.map((region) => ({
      ...region, logGroups: region.logGroups.map((group) => ({ ...group, name: `/elsewhere/${group.content}` })),
    })) } };
    expect(agentPlan(renamed, server, 'us-east-1').logs.map((log) => log.logGroupName)).toEqual(['/elsewhere/app', '/elsewhere/web-access', '/elsewhere/web-error']);
  });

  it('ships a further region\'s instances to that region\'s groups', () => {
    const plan = example('shop-7-multi-region');
    const further = plan.regions[1].region;
    expect(agentPlan(plan, fleet, further)).toMatchObject({ region: further, logs: [{ logGroupName: logGroupFor(plan.monitoring, further, 'app')?.name }] });
    expect(logGroupFor(plan.monitoring, further, 'app')?.region).toBe(further);
  });
});

describe('the CloudWatch agent\'s configuration file', () => {
  it('is the JSON the agent reads: its namespace and dimensions, memory and disks, files to log groups', () => {
    const plan = starter(1);
    const config = JSON.parse(cloudWatchAgentConfig(agentPlan(plan, server, 'us-east-1')));
    expect(config).toEqual({
      agent: { metrics_collection_interval: 60, region: 'us-east-1' },
      metrics: {
        namespace: 'CWAgent',
        append_dimensions: { InstanceId: '${aws:InstanceId}' },
        aggregation_dimensions: [['InstanceId', 'path']],
        metrics_collected: {
          mem: { measurement: ['mem_used_percent'] },
          disk: { resources: ['/', '/var/lib/pgsql'], measurement: ['used_percent'], drop_device: true },
        },
      },
      logs: { logs_collected: { files: { collect_list: [
        { file_path: '/var/log/tierup/app.log', log_group_name: '/tierup/shop/production/app', log_stream_name: 'server/{instance_id}' },
        { file_path: '/var/log/nginx/access.log', log_group_name: '/tierup/shop/production/web/access', log_stream_name: 'server/{instance_id}' },
        { file_path: '/var/log/nginx/error.log', log_group_name: '/tierup/shop/production/web/error', log_stream_name: 'server/{instance_id}' },
      ] } } },
    });
  });

  it('appends the Auto Scaling group on fleets, and has no logs section when no group is planned', () => {
    const plan = example('shop-5-sharded');
    const worker: BootTier = { kind: 'worker', service: null, queue: 'emails' };
    const shipped = JSON.parse(cloudWatchAgentConfig(agentPlan(plan, worker, 'us-east-1')));
    expect(shipped.metrics.append_dimensions).toEqual({ InstanceId: '${aws:InstanceId}', AutoScalingGroupName: '${aws:AutoScalingGroupName}' });
    expect(shipped.logs.logs_collected.files.collect_list).toEqual([
      { file_path: '/var/log/tierup/app.log', log_group_name: '/tierup/shop/production/queues/emails/worker', log_stream_name: 'emails/{instance_id}' },
    ]);
    expect(JSON.parse(cloudWatchAgentConfig(agentPlan(withoutLogGroups(plan, ['worker']), worker, 'us-east-1'))).logs).toBeUndefined();
  });
});

describe('the log groups', () => {
  it.each([
    ['the app\'s fleet', { kind: 'fleet', service: null }, '/tierup/shop/production/app'],
    ['a service\'s fleet', { kind: 'fleet', service: 'orders' }, '/tierup/shop/production/services/orders/app'],
    ['the app\'s workers', { kind: 'worker', service: null, queue: 'emails' }, '/tierup/shop/production/queues/emails/worker'],
  ] as const)('%s ships to its own group, not another owner\'s of the same content', (_name, tier, group) => {
    const plan = example('shop-6-microservices');
    expect(agentPlan(plan, tier, 'us-east-1').logs.map((log) => log.logGroupName)).toEqual([group]);
  });

  it.each(LEVELS)('level %i: every tier of every region finds its app or worker group', (level) => {
    const plan = starter(level);
    for (const tier of plan.wiring.tiers) {
      const boot = bootTierOf(plan, tier.ref);
      expect(boot && agentPlan(plan, boot, tier.ref.region).logs.length).toBeGreaterThan(0);
    }
  });
});

describe('bootTierOf', () => {
  it('finds the boot tier of every compute tier of the wiring graph, and none for other nodes', () => {
    const plan = example('shop-6-microservices');
    expect(plan.wiring.tiers.map((tier) => bootTierOf(plan, tier.ref))).toEqual([
      { kind: 'fleet', service: null },
      { kind: 'worker', service: null, queue: 'emails' },
      { kind: 'fleet', service: 'orders' },
      { kind: 'fleet', service: 'search' },
    ]);
    expect(bootTierOf(plan, { kind: 'database', key: 'database' })).toBeNull();
    expect(bootTierOf(starter(2), { kind: 'server', key: 'server' })).toEqual({ kind: 'server' });
  });
});
