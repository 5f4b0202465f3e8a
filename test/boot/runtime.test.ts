import { createPlan, planRuntime, runtimeWarnings } from '../../lib/plan';
import { parseBlueprint, SpecError } from '../../lib/spec';
import { runCli } from '../cli/run-cli';
import { examplePlan } from './fixtures';

function parse(yaml: string) {
  return parseBlueprint(yaml, 'test.yaml');
}

function errorOf(yaml: string): string {
  try {
    parse(yaml);
  } catch (error) {
    if (error instanceof SpecError) return error.message;
    throw error;
  }
  throw new Error('the blueprint was accepted');
}

describe('the application fields', () => {
  it('resolve to the probe, a container or a machine image', () => {
    expect(planRuntime({}, 'x86_64')).toEqual({
      app: 'probe', image: null, bootScript: null, grants: [],
      machineImage: { kind: 'amazon-linux-2023', parameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64' },
    });
    expect(planRuntime({ ami: '/images/shop/latest' }, 'arm64')).toMatchObject({ app: 'machine-image', machineImage: { kind: 'parameter', parameter: '/images/shop/latest' } });
    expect(planRuntime({ ami: 'ami-0123456789abcdef0' }, 'arm64')).toMatchObject({ app: 'machine-image', machineImage: { kind: 'id', id: 'ami-0123456789abcdef0' } });
    expect(planRuntime({ image: 'public.ecr.aws/nginx/nginx:1.27' }, 'x86_64')).toMatchObject({ app: 'container', grants: [], image: { registry: 'public.ecr.aws', ecr: null } });
  });

  it('grant a private ECR image exactly its pull permissions on its own repository', () => {
    expect(planRuntime({ image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/shop@sha256:' + 'a'.repeat(64) }, 'x86_64').grants).toEqual([
      { actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
      { actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], resources: ['arn:aws:ecr:eu-west-1:123456789012:repository/team/shop'] },
    ]);
  });

  it('are accepted on app, services and workers', () => {
    const { spec } = parse([
      'name: shop', 'level: 6',
      'app: { image: "public.ecr.aws/nginx/nginx:1.27", bootScript: "echo hi" }',
      'queues: [{ name: jobs, worker: { ami: /images/worker } }]',
      'services: [{ name: orders, pathPattern: "/orders/*", image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:7" }]',
    ].join('\n'));
    const plan = createPlan(spec);
    expect(plan.fleet?.runtime.app).toBe('container');
    expect(plan.queues[0].worker?.runtime.app).toBe('machine-image');
    expect(plan.queues[0].worker?.backlogScaling).toBe(true);
    expect(plan.services[0].fleet.runtime.image?.ecr?.repositoryArn).toBe('arn:aws:ecr:us-east-1:123456789012:repository/orders');
  });

  it('reject what cannot boot', () => {
    expect(errorOf('name: shop\nlevel: 1\napp: { ami: ubuntu-22 }')).toMatch(/AMI id like ami-0123456789abcdef0 or an SSM parameter path/);
    expect(errorOf('name: shop\nlevel: 1\napp: { image: "Shop:latest" }')).toMatch(/container image like/);
    expect(errorOf(`name: shop\nlevel: 1\napp: { bootScript: "${'x'.repeat(1025)}" }`)).toMatch(/longer than 1024 characters/);
  });

  it('let level 1 choose the server\'s engine with database.engine, and only that', () => {
    expect(createPlan(parse('name: shop\nlevel: 1\ndatabase: { engine: mysql }').spec).server?.localDatabase?.engine).toBe('mysql');
    expect(createPlan(parse('name: shop\nlevel: 1').spec).server?.localDatabase?.engine).toBe('postgres');
    expect(errorOf('name: shop\nlevel: 1\ndatabase: { engine: mysql, instanceClass: db.t4g.micro }')).toMatch(/database.instanceClass \(RDS\) needs level 2/);
  });
});

describe('runtime warnings', () => {
  it('warn about workers that run the probe, and nothing else', () => {
    expect(runtimeWarnings(examplePlan('shop-5-sharded'))).toEqual([expect.stringMatching(/^queue emails: its workers name no image or ami/)]);
    expect(runtimeWarnings(examplePlan('shop-5-sharded', (spec) => {
      const worker = spec.queues?.[0].worker;
      if (worker) worker.image = 'public.ecr.aws/docker/library/busybox:1.37';
    }))).toEqual([]);
    expect(runtimeWarnings(examplePlan('shop-4-fleet'))).toEqual([]);
  });

  it.each([
    ['the server', 'name: shop\nlevel: 1\napp: { instanceType: t4g.small, image: "public.ecr.aws/x/shop:1" }', /^app: t4g\.small is a Graviton \(arm64\) type, so public\.ecr\.aws\/x\/shop:1 must be built for linux\/arm64/],
    ['a fleet', 'name: shop\nlevel: 4\napp: { instanceType: m7g.large, image: "public.ecr.aws/x/shop:1" }', /^app: m7g\.large is a Graviton/],
    ['a service', 'name: shop\nlevel: 6\nservices: [{ name: orders, pathPattern: "/orders/*", instanceType: c7g.large, image: "public.ecr.aws/x/orders:1" }]', /^service orders: c7g\.large is a Graviton/],
    ['a worker', 'name: shop\nlevel: 5\nqueues: [{ name: jobs, worker: { instanceType: t4g.small, image: "public.ecr.aws/x/jobs:1" } }]', /^queue jobs worker: t4g\.small is a Graviton/],
  ])('warn that an image on a Graviton type must be built for arm64 (%s)', (_tier, yaml, warning) => {
    expect(runtimeWarnings(createPlan(parse(yaml).spec))).toEqual([expect.stringMatching(warning)]);
    expect(runtimeWarnings(createPlan(parse(yaml.replace(/(t4g|m7g|c7g)\./, 't3.')).spec))).toEqual([]);
  });

  it('are printed by tierup validate, which still succeeds', () => {
    const run = runCli(['validate', 'blueprints/shop-5-sharded.yaml']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {4}warning {2}queue emails: .*backlog/m);
  });
});
