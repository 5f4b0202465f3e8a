import { createPlan, watchFindings } from '../../lib/plan';
import { parseBlueprint } from '../../lib/spec';

const findingsOf = (text: string) => watchFindings(createPlan(parseBlueprint(text, 'test.yaml').spec));
const alerts = 'alerts: { emails: [ops@example.com] }\n';

describe('validate\'s warnings about watching and scaling', () => {
  it('warns when a production blueprint tells nobody, and says how to add alerts', () => {
    const [finding, ...rest] = findingsOf('name: shop\nlevel: 1\n');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'alerts-missing', severity: 'warning', path: ['alerts'] });
    expect(finding.message).toMatch(/production blueprint tells nobody .* its 6 alarms notify topics without subscribers/);
    expect(finding.fix).toMatch(/add `alerts: \{ emails: \[ops@example\.com\] \}`/);
  });

  it.each([
    ['emails', alerts],
    ['a Slack channel', 'alerts: { slack: { workspaceId: T012AB3CDEF, channelId: C0123ABCDEF } }\n'],
    ['an existing topic', 'alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:ops" }\n'],
    ['staging', 'environment: staging\n'],
  ])('is quiet with %s', (_what, extra) => {
    expect(findingsOf(`name: shop\nlevel: 1\n${extra}`)).toEqual([]);
  });

  it('warns on shop-4\'s old request target: 1000 a minute holds instances at 17 rps of 200, the fleet tops out near 167 rps', () => {
    const [finding, ...rest] = findingsOf(`name: shop\nlevel: 4\n${alerts}app: { rpsPerInstance: 200, scaling: { max: 10, requestsPerTarget: 1000 } }\n`);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'requests-per-target-contradicts-model', path: ['app', 'scaling', 'requestsPerTarget'] });
    expect(finding.message).toBe('app.scaling.requestsPerTarget 1,000 a minute is 16.67 rps per instance, but rpsPerInstance says an instance serves 200: ' +
      'request tracking adds instances once each takes 8% of what it serves, so the fleet reaches its max of 10 near 167 rps while `capacity` promises 2,000 rps');
    expect(finding.fix).toMatch(/set requestsPerTarget to 12,000 \(rpsPerInstance 200 × 60/);
  });

  it.each([
    [6000, []],
    [12_000, []],
    [14_400, []],
    [5999, ['requests-per-target-contradicts-model']],
    [14_401, ['requests-per-target-contradicts-model']],
  ])('requestsPerTarget %i for 200 rps: %j', (target, rules) => {
    expect(findingsOf(`name: shop\nlevel: 4\n${alerts}app: { rpsPerInstance: 200, scaling: { requestsPerTarget: ${target} } }\n`).map((finding) => finding.rule)).toEqual(rules);
  });

  it('warns when instances would take more than they serve before the fleet grows', () => {
    const [finding] = findingsOf(`name: shop\nlevel: 4\n${alerts}app: { rpsPerInstance: 50, scaling: { requestsPerTarget: 6000 } }\n`);
    expect(finding.message).toMatch(/6,000 a minute is 100 rps per instance, but rpsPerInstance says an instance serves 50: instances take 200% of what they serve/);
  });

  it('checks services\' request targets, naming the service', () => {
    const findings = findingsOf(`name: shop\nlevel: 6\n${alerts}services: [{ name: api, pathPattern: "/api/*", scaling: { requestsPerTarget: 100 } }]\n`);
    expect(findings.map((finding) => [finding.rule, finding.path])).toEqual([['requests-per-target-contradicts-model', ['services']]]);
    expect(findings[0].message).toMatch(/^service api's scaling\.requestsPerTarget 100 a minute/);
  });

  it('warns when a worker\'s target backlog could outlive the queue\'s retention', () => {
    const quiet = findingsOf(`name: shop\nlevel: 5\n${alerts}queues: [{ name: jobs, worker: { backlogPerInstance: 100 } }]\n`);
    expect(quiet).toEqual([]);
    const [finding] = findingsOf(`name: shop\nlevel: 5\n${alerts}queues: [{ name: jobs, visibilityTimeoutSeconds: 600, worker: { backlogPerInstance: 1000 } }]\n`);
    expect(finding).toMatchObject({ rule: 'backlog-outlives-retention', path: ['queues'] });
    expect(finding.message).toMatch(/backlogPerInstance 1,000 × visibilityTimeoutSeconds 600 is 6\.94 days .* beyond the 4 days SQS keeps a message/);
    expect(finding.fix).toMatch(/at most 576/);
  });

  it('keeps the climb signal within 100 alarms and says which region has more', () => {
    const services = Array.from({ length: 6 }, (_, index) => `  - { name: s${index}, pathPattern: "/s${index}/*", database: { readReplicas: 1, proxy: true }, ` +
      'cache: { replicas: 1 }, queues: [{ name: jobs, worker: { image: "public.ecr.aws/x/y:1" } }] }').join('\n');
    const plan = createPlan(parseBlueprint(`name: shop\nlevel: 6\n${alerts}database: { readReplicas: 1, proxy: true }\nservices:\n${services}\n`, 'test.yaml').spec);
    const [region] = plan.monitoring.regions;
    const capacity = region.alarms.filter((alarm) => alarm.kind === 'capacity').length;
    expect(capacity).toBeGreaterThan(100);
    expect(region.climb?.members).toHaveLength(100);
    const findings = watchFindings(plan).filter((finding) => finding.rule === 'climb-signal-partial');
    expect(findings.map((finding) => finding.message)).toEqual([
      `us-east-1 has ${capacity} capacity alarms and a composite alarm names at most 100: its climb signal shop-prod-climb leaves ${capacity - 100} out (they still notify the capacity topic themselves)`,
    ]);
  });
});
