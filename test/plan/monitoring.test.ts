import {
  type AlarmPlan, type ArchitecturePlan, type RegionMonitoringPlan, classMemoryGib, createPlan, defaultMaxConnections, type MetricPlan, TARGET_HEADROOM,
} from '../../lib/plan';
import { alertsSpecSchema, parseBlueprint } from '../../lib/spec';
import { examplePlan } from '../analyze/plan-of';

const planOf = (text: string): ArchitecturePlan => createPlan(parseBlueprint(text, 'test.yaml').spec);
const alarm = (plan: ArchitecturePlan, name: string, region = plan.regions[0].region): AlarmPlan => {
  const found = plan.monitoring.regions.find((candidate) => candidate.region === region)?.alarms.find((candidate) => candidate.alarmName === name);
  if (!found) throw new Error(`no alarm ${name} in ${region}`);
  return found;
};
const metricsOf = (candidate: AlarmPlan): MetricPlan[] => (candidate.source.kind === 'metric' ? [candidate.source.metric] : Object.values(candidate.source.metrics));
const literals = (candidate: AlarmPlan, dimension: string): string[] => metricsOf(candidate).flatMap((metric) =>
  metric.dimensions.filter((d) => d.name === dimension && d.value.kind === 'literal').map((d) => (d.value as { value: string }).value));

describe('the monitoring plan of every example level', () => {
  it.each([
    [1, ['server-requests', 'server-cpu', 'server-memory', 'server-data-disk'], 2],
    [2, ['server-requests', 'server-cpu', 'server-memory', 'database-cpu', 'database-storage', 'database-connections'], 5],
    [3, ['server-requests', 'server-cpu', 'server-memory', 'database-cpu', 'database-storage', 'database-connections', 'cache-engine-cpu', 'cache-memory', 'cache-miss-rate'], 7],
    [4, ['app-requests', 'app-requests-per-instance', 'app-fleet-size', 'app-memory', 'load-balancer-requests', 'database-cpu', 'database-storage',
      'database-connections', 'database-replica-lag', 'database-replica-cpu', 'database-proxy-connections', 'cache-engine-cpu', 'cache-memory', 'cache-miss-rate'], 13],
    [5, ['app-requests', 'app-requests-per-instance', 'app-fleet-size', 'app-memory', 'load-balancer-requests', 'database-cpu', 'database-storage',
      'database-connections', 'database-replica-lag', 'database-replica-cpu', 'database-proxy-connections', 'shards-cpu', 'shards-storage', 'shards-connections',
      'shards-replica-lag', 'shards-replica-cpu', 'shards-proxy-connections', 'cache-engine-cpu', 'cache-memory', 'cache-miss-rate', 'queue-emails-backlog'], 20],
  ] as const)('level %i: the primary region\'s capacity signals, in order, and its pages', (level, capacity, pages) => {
    const [region] = examplePlan(level).monitoring.regions;
    expect({
      capacity: region.alarms.filter((a) => a.kind === 'capacity').map((a) => a.alarmName.replace('shop-prod-', '')),
      pages: region.alarms.filter((a) => a.kind === 'page').length,
    }).toEqual({ capacity, pages });
  });

  it.each([
    [1, [['us-east-1', 'shop-production-us-east-1', false]], ['app', 'web-access', 'web-error'], 'shop-prod-climb'],
    [4, [['us-east-1', 'shop-production-us-east-1', false]], ['app', 'web-access', 'web-error'], 'shop-prod-climb'],
    [6, [['us-east-1', 'shop-production-us-east-1', false]], ['app', 'web-access', 'web-error', 'worker', 'app', 'app'], 'shop-prod-climb'],
    [7, [['us-east-1', 'shop-production-us-east-1', false], ['eu-west-1', 'shop-production-eu-west-1', false], ['us-east-1', 'shop-production-monitoring-us-east-1', true]], ['app', 'web-access', 'web-error', 'worker', 'app', 'app'], 'shop-prod-climb'],
  ] as const)('level %i: its regions, stacks, the primary\'s log groups and climb signal', (level, regions, logs, climb) => {
    const { monitoring } = examplePlan(level);
    expect(monitoring.regions.map((region) => [region.region, region.stackName, region.globalServicesOnly])).toEqual(regions);
    expect(monitoring.regions[0].logGroups.map((group) => group.content)).toEqual(logs);
    expect(monitoring.regions[0].climb?.alarmName).toBe(climb);
    expect(monitoring.globalDashboard === null).toBe(level < 7);
  });

  it('keeps the web server\'s log groups from level 1 up, so climbing never deletes one', () => {
    const names = (level: number) => examplePlan(level).monitoring.regions[0].logGroups.map((group) => group.tfName);
    for (const level of [2, 3, 4, 5, 6, 7]) expect(names(level)).toEqual(expect.arrayContaining(names(level - 1)));
  });

  it('sets shop-4\'s thresholds from its figures', () => {
    const plan = examplePlan(4);
    expect([
      'shop-prod-app-requests', 'shop-prod-app-requests-per-instance', 'shop-prod-app-fleet-size', 'shop-prod-database-connections',
      'shop-prod-database-replica-lag', 'shop-prod-cache-miss-rate', 'shop-prod-app-error-rate', 'shop-prod-database-free-storage',
    ].map((name) => [name, alarm(plan, name).threshold, alarm(plan, name).ceiling])).toEqual([
      // 200 rps × 10 instances × 60 s = 120,000 a minute; ÷ 1.3.
      ['shop-prod-app-requests', 92_307.69, 120_000],
      // RequestCountPerTarget is a per-minute sum: 200 rps × 60.
      ['shop-prod-app-requests-per-instance', 9230.77, 12_000],
      ['shop-prod-app-fleet-size', 76.92, 100],
      // db.t4g.medium: 4 GiB × 90% ÷ 9,531,392 = 405 connections.
      ['shop-prod-database-connections', 311.54, 405],
      ['shop-prod-database-replica-lag', 0.77, 1],
      // cache-aside: the model assumes 85% hits, so 15% misses.
      ['shop-prod-cache-miss-rate', 11.54, 15],
      ['shop-prod-app-error-rate', 1, undefined],
      ['shop-prod-database-free-storage', 10_737_418_240, undefined],
    ]);
  });

  it('moves the thresholds with rpsPerInstance: the capacity model is the alarms\' source', () => {
    const at = (rps: number) => planOf(`name: shop\nlevel: 4\napp: { rpsPerInstance: ${rps}, scaling: { max: 10 } }\n`);
    const low = at(100);
    const high = at(250);
    expect(alarm(low, 'shop-prod-app-requests').threshold).toBe(46_153.85);
    expect(alarm(high, 'shop-prod-app-requests').threshold).toBe(115_384.62);
    expect(alarm(high, 'shop-prod-app-requests-per-instance').threshold).toBe(11_538.46);
    expect(alarm(high, 'shop-prod-app-requests').thresholdSource).toMatch(/rpsPerInstance 250 × scaling\.max 10/);
    // The single server too: level 1 leaves the app half of it.
    const server = planOf('name: shop\nlevel: 1\napp: { rpsPerInstance: 300 }\n');
    expect(alarm(server, 'shop-prod-server-requests')).toMatchObject({ ceiling: 150 * 60, threshold: 6923.08 });
    // Half of a 1-rps server is still a ceiling: 30 requests a minute, not the 0 rps `capacity` prints floored.
    const tiny = planOf('name: shop\nlevel: 1\napp: { rpsPerInstance: 1 }\n');
    expect(alarm(tiny, 'shop-prod-server-requests')).toMatchObject({ ceiling: 30, threshold: 23.08 });
    expect(alarm(tiny, 'shop-prod-server-cpu').description).toContain('`tierup advise --rps 1 ');
  });

  it('keeps the blueprint\'s headroom: alarms fire at ceiling ÷ (1 + headroom)', () => {
    const plan = planOf('name: shop\nlevel: 4\nalerts: { headroom: 0.5 }\napp: { rpsPerInstance: 200, scaling: { max: 10 } }\n');
    expect(plan.monitoring.alerts.headroom).toBe(0.5);
    expect(alarm(plan, 'shop-prod-app-requests').threshold).toBe(80_000);
    expect(alarm(plan, 'shop-prod-database-cpu').threshold).toBe(66.67);
    expect(plan.monitoring.regions[0].climb?.description).toMatch(/at 67% of a ceiling/);
  });

  it('defaults the headroom to advise\'s', () => {
    expect(alertsSpecSchema.parse({}).headroom).toBe(TARGET_HEADROOM);
    expect(examplePlan(4).monitoring.alerts.headroom).toBe(TARGET_HEADROOM);
  });

  it('watches ElastiCache per node (<replication group>-001…), each node\'s metrics in the group\'s alarms', () => {
    const plan = examplePlan(3);
    expect(literals(alarm(plan, 'shop-prod-cache-engine-cpu'), 'CacheClusterId')).toEqual(['shop-prod-cache-001', 'shop-prod-cache-002']);
    expect(alarm(plan, 'shop-prod-cache-miss-rate').source).toMatchObject({ kind: 'math', expression: '100 * SUM([m3, m4]) / (SUM([m1, m2]) + SUM([m3, m4]))' });
  });

  it('counts requests per minute, as ALB publishes them, and takes the RDS class\'s max_connections', () => {
    const plan = examplePlan(4);
    expect(metricsOf(alarm(plan, 'shop-prod-app-requests-per-instance'))).toEqual([expect.objectContaining({
      namespace: 'AWS/ApplicationELB', metricName: 'RequestCountPerTarget', statistic: 'Sum', periodSeconds: 60,
    })]);
    expect(metricsOf(alarm(plan, 'shop-prod-app-requests'))[0].dimensions.map((d) => [d.name, d.value.kind === 'reference' && d.value.outputName]))
      .toEqual([['LoadBalancer', 'WatchLoadBalancerFullName'], ['TargetGroup', 'WatchAppTargetGroupFullName']]);
  });

  it('says what happened, what it means at this level and what to do, with the advise command', () => {
    const plan = examplePlan(4);
    const requests = alarm(plan, 'shop-prod-app-requests');
    expect(requests.description).toMatch(/^shop \(production\), level 4 \(fleet\): the app's fleet served more than 92,307\.69 requests a minute \(1,538\.46 rps\) for 15 minutes\. /);
    expect(requests.description).toMatch(/77% of its ceiling of 2,000 rps/);
    expect(requests.description).toMatch(/raise app\.scaling\.max \(10 now\).*level 5 \(sharded\).*`tierup advise --rps 2000 --read-ratio 0.9 --data-gb 100`\.$/);
    expect(plan.monitoring.regions[0].climb?.description).toMatch(/level 4 \(fleet\) is at 77% of a ceiling \(bottleneck: app\).*Next: level 5 \(sharded\).*tierup advise --rps 2000/);
  });
});

describe('the log groups\' key', () => {
  it.each([1, 4, 7])('level %i: every log group is encrypted with its region\'s key, which CloudWatch Logs of that region may use for the blueprint\'s groups', (level) => {
    const plan = examplePlan(level);
    const logsStatement = (region: RegionMonitoringPlan) => region.key.policy.statements.filter((statement) => statement.sid === 'LogsEncrypt');
    expect(plan.monitoring.regions.map((region) => ({
      region: region.region, logs: logsStatement(region),
      keys: [...new Set(region.logGroups.map((group) => group.keyId))], names: region.logGroups.every((group) => group.name.startsWith('/tierup/shop/production/')),
    }))).toEqual(plan.monitoring.regions.map((region) => (region.globalServicesOnly
      ? { region: region.region, logs: [], keys: [], names: true }
      : {
          region: region.region, keys: [region.key.id], names: true,
          logs: [{
            sid: 'LogsEncrypt', effect: 'Allow', principal: { kind: 'service', services: [`logs.${region.region}.amazonaws.com`] },
            actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], resource: '*',
            conditions: [{ operator: 'ArnLike', key: 'kms:EncryptionContext:aws:logs:arn', value: { kind: 'arn', service: 'logs', region: region.region, resource: 'log-group:/tierup/shop/production/*' } }],
          }],
        })));
  });
});

describe('us-east-1\'s global services', () => {
  it('watches CloudFront from a us-east-1 stack of its own when no region of the blueprint is us-east-1', () => {
    const plan = createPlan(parseBlueprint('name: store\nlevel: 4\nregions: [eu-west-1]\n', 'store.yaml').spec);
    const [home, global] = plan.monitoring.regions;
    expect([home.region, global.region, global.stackName, global.globalServicesOnly]).toEqual(['eu-west-1', 'us-east-1', 'store-production-monitoring-us-east-1', true]);
    expect(global.topics.map((topic) => [topic.purpose, topic.region, topic.tfName])).toEqual([['alerts', 'us-east-1', 'global_services_alerts_topic']]);
    expect(global.alarms.map((a) => [a.alarmName, a.topic])).toEqual([['store-prod-cdn-error-rate-us-east-1', 'alerts']]);
    expect(global.climb).toBeNull();
    const [distribution] = metricsOf(global.alarms[0])[0].dimensions;
    expect(distribution.value).toEqual({
      kind: 'reference', resource: { kind: 'cdn', key: 'cdn', region: 'eu-west-1' }, attribute: 'distribution-id', outputName: 'WatchCdnDistributionId',
    });
    expect(home.alarms.some((a) => a.tier === 'cdn')).toBe(false);
  });

  it('watches each routed region\'s health check in us-east-1, where Route 53 publishes it, from the stack deployed after every region\'s', () => {
    const plan = examplePlan(7);
    expect(plan.monitoring.regions.filter((region) => !region.globalServicesOnly).flatMap((region) => region.alarms).filter((a) => a.signal === 'health')).toEqual([]);
    const health = plan.monitoring.regions.find((region) => region.globalServicesOnly)!.alarms.filter((a) => a.signal === 'health');
    expect(health.map((a) => [a.alarmName, a.region, metricsOf(a)[0].dimensions[0].value])).toEqual([
      ['shop-prod-region-us-east-1-health', 'us-east-1', expect.objectContaining({ resource: { kind: 'health-check', key: 'health_check', region: 'us-east-1' }, outputName: 'WatchHealthCheckId' })],
      ['shop-prod-region-eu-west-1-health', 'us-east-1', expect.objectContaining({ resource: { kind: 'health-check', key: 'health_check', region: 'eu-west-1' }, outputName: 'WatchHealthCheckIdEuWest1' })],
    ]);
  });

  it('needs no extra stack below level 7 when the primary region is us-east-1: its stack watches its own distribution', () => {
    const plan = examplePlan(4);
    expect(plan.monitoring.regions.map((region) => region.globalServicesOnly)).toEqual([false]);
    expect(plan.monitoring.regions[0].alarms.filter((a) => a.tier === 'cdn').map((a) => a.alarmName)).toEqual(['shop-prod-cdn-error-rate']);
  });

  it('at level 7, names the extra stack\'s key, topic and dashboard apart from the us-east-1 region\'s, and holds the global dashboard there', () => {
    const plan = examplePlan(7);
    const [primary, , global] = plan.monitoring.regions;
    expect([primary.region, global.region, global.stackName]).toEqual(['us-east-1', 'us-east-1', 'shop-production-monitoring-us-east-1']);
    expect([global.key.alias, global.key.tfName, global.topics[0].topicName, global.dashboard.dashboardName]).toEqual(['alias/shop-prod-global-alerts', 'global_services_alerts_key', 'shop-prod-global-alerts', 'shop-prod-global-services']);
    expect([primary.key.alias, primary.topics[0].topicName, primary.dashboard.dashboardName]).toEqual(['alias/shop-prod-alerts', 'shop-prod-alerts', 'shop-prod-us-east-1']);
    expect(plan.monitoring.globalDashboard?.stackName).toBe(global.stackName);
  });
});

describe('who is told', () => {
  it('subscribes the e-mail addresses to both topics of every region and Slack to every topic', () => {
    const plan = planOf([
      'name: shop', 'level: 7', 'regions: [eu-west-1, eu-central-1]',
      'alerts: { emails: [a@example.com, b@example.com], slack: { workspaceId: T012AB3CDEF, channelId: C0123ABCDEF }, topicArn: "arn:aws:sns:eu-west-1:123456789012:ops" }',
      'multiRegion: { domainName: shop.example.com, hostedZoneName: example.com }',
    ].join('\n'));
    const { alerts, regions } = plan.monitoring;
    expect(regions.map((region) => [region.region, region.topics.map((topic) => topic.purpose)])).toEqual([
      ['eu-west-1', ['alerts', 'capacity']], ['eu-central-1', ['alerts', 'capacity']], ['us-east-1', ['alerts']],
    ]);
    for (const topic of regions.flatMap((region) => region.topics)) {
      expect(topic.subscriptions.map((subscription) => [subscription.protocol, subscription.endpoint])).toEqual([['email', 'a@example.com'], ['email', 'b@example.com']]);
    }
    expect(alerts.slack).toMatchObject({ workspaceId: 'T012AB3CDEF', channelId: 'C0123ABCDEF', region: 'us-east-1', configurationName: 'shop-prod-alerts' });
    expect(alerts.slack?.topics.map((topic) => ({ region: topic.region, topicName: topic.topicName }))).toEqual([
      { region: 'eu-west-1', topicName: 'shop-prod-alerts' }, { region: 'eu-west-1', topicName: 'shop-prod-capacity' },
      { region: 'eu-central-1', topicName: 'shop-prod-alerts' }, { region: 'eu-central-1', topicName: 'shop-prod-capacity' },
      { region: 'us-east-1', topicName: 'shop-prod-global-alerts' },
    ]);
    expect(alerts.existingTopicArn).toBe('arn:aws:sns:eu-west-1:123456789012:ops');
    // CloudFront and the health checks of both routed regions live in the extra us-east-1 stack.
    expect(regions[2].alarms.map((a) => a.signal)).toEqual(['error-rate', 'health', 'health']);
  });

  it('tells nobody without `alerts`, yet plans the topics and alarms', () => {
    const { monitoring } = planOf('name: shop\nlevel: 2\n');
    expect(monitoring.alerts).toEqual({ emails: [], slack: null, existingTopicArn: null, headroom: TARGET_HEADROOM });
    expect(monitoring.regions[0].topics.map((topic) => topic.subscriptions)).toEqual([[], []]);
  });
});

describe('RDS default max_connections', () => {
  it.each([
    ['db.t4g.micro', 'postgres', 1, 101],
    ['db.t4g.medium', 'postgres', 4, 405],
    ['db.t4g.medium', 'mysql', 4, 307],
    ['db.m6g.large', 'postgres', 8, 811],
    ['db.r6g.2xlarge', 'postgres', 64, 5000],
    ['db.r6g.2xlarge', 'mysql', 64, 4915],
    ['db.x2g.large', 'postgres', null, null],
  ] as const)('%s (%s): %s GiB, %s connections', (instanceClass, engine, gib, connections) => {
    expect(classMemoryGib(instanceClass)).toBe(gib);
    expect(defaultMaxConnections({ engine, instanceClass })).toBe(connections);
  });
});
