import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Testing } from 'cdktf';
import { planBlueprint } from '../../lib';
import { addBlueprint } from '../../lib/render/cfn/add-blueprint';
import { addBlueprint as addTfBlueprint } from '../../lib/render/tf/add-blueprint';
import type { ArchitecturePlan } from '../../lib/plan';

// The library in a real CDK app: the team's stacks pin `env` (account and region), and grant tierup's fleet role
// access to their own resources; aws-cdk-lib refuses that between a pinned stack and an environment-agnostic one.

const ACCOUNT = '111111111111';
// Synthesized assemblies go here, and leave with the test.
const outdir = mkdtempSync(join(tmpdir(), 'tierup-account-pinned-'));
let apps = 0;
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const env = { account: ACCOUNT, region: 'us-east-1' };

function planOf(file: string): ArchitecturePlan {
  const result = planBlueprint(join(__dirname, '..', '..', 'blueprints', file), { engines: ['cloudformation'] });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plan;
}

/** The README's library example, in an app whose stacks pin the account: the team's bucket, granted to tierup's fleet. */
function teamApp(scope: (app: App) => Stage | App, options: Parameters<typeof addBlueprint>[2], teamEnv: typeof env | undefined = env) {
  // aws-cdk-lib's own template validation is checked elsewhere (test/security); here it would cost 20 s a synth.
  const app = new App({ outdir: join(outdir, String(apps++)), builtinCloudFormationValidation: false });
  const where = scope(app);
  const { stack } = addBlueprint(where, planOf('shop-4-fleet.yaml'), options);
  const team = new Stack(where, 'shop-uploads', { env: teamEnv });
  new Bucket(team, 'Uploads', { enforceSSL: true }).grantReadWrite(stack.fleet!.role);
  return { app, stack, team };
}

describe('addBlueprint in an account-pinned CDK app', () => {
  it('without env, the grant fails as it did (CannotUseCrossEnvironment): the case the option is for', () => {
    const { app } = teamApp((root) => root, undefined);
    expect(() => app.synth()).toThrow(/CannotUseCrossEnvironment|cross-environment/);
  });

  it('with the app\'s env, tierup\'s stack is in the account and the team\'s grant synthesizes into the fleet role\'s policy', () => {
    const { app, stack } = teamApp((root) => root, { env });
    const assembly = app.synth();
    expect(assembly.getStackByName(stack.stackName).environment).toMatchObject({ account: ACCOUNT, region: 'us-east-1' });
    expect(stack.account).toBe(ACCOUNT);
    const template = assembly.getStackByName(stack.stackName).template as { Resources: Record<string, { Type: string }> };
    const policies = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::IAM::Policy');
    expect(JSON.stringify(policies)).toMatch(/"s3:PutObject".*"Fn::ImportValue":"shop-uploads:/);
  });

  it('in a Stage that pins the environment, tierup\'s stacks take its account with no option', () => {
    const { app, stack } = teamApp((root) => new Stage(root, 'Production', { env }), undefined, undefined);
    expect(stack.account).toBe(ACCOUNT);
    expect(() => app.synth()).not.toThrow();
  });

  it('gives level 7\'s regional stacks the account, each in its own region', () => {
    const { stack, regionalStacks } = addBlueprint(new App(), planOf('shop-7-multi-region.yaml'), { env: { account: ACCOUNT } });
    expect([stack, ...regionalStacks].map((each) => [each.account, each.region])).toEqual([[ACCOUNT, 'us-east-1'], [ACCOUNT, 'eu-west-1']]);
  });

  it.each([
    [{ region: 'eu-west-1' }, /^addBlueprint: env\.region is eu-west-1, but blueprint "shop" puts its primary stack in us-east-1 \(the first of its regions: us-east-1\); pass env: \{ account, region: 'us-east-1' \}/],
    [{ account: '1111' }, /^addBlueprint: env\.account "1111" is not an AWS account id; pass the 12-digit account id/],
  ])('refuses %j, saying why and what to pass', (bad, message) => {
    const app = new App();
    expect(() => addBlueprint(app, planOf('shop-4-fleet.yaml'), { env: bad })).toThrow(message);
    expect(() => addTfBlueprint(Testing.app(), planOf('shop-4-fleet.yaml'), { env: bad })).toThrow(message);
    expect(app.node.children).toEqual([]);
  });
});

describe('addBlueprint (cdktf) with the account', () => {
  it('pins every AWS provider of the configuration to it, level 7\'s regional ones included', () => {
    const stack = addTfBlueprint(Testing.app(), planOf('shop-7-multi-region.yaml'), { env: { account: ACCOUNT } });
    const providers = (JSON.parse(Testing.synth(stack)) as { provider: { aws: { allowed_account_ids?: string[]; alias?: string }[] } }).provider.aws;
    expect(providers.length).toBeGreaterThan(1);
    expect(providers.map((provider) => provider.allowed_account_ids)).toEqual(providers.map(() => [ACCOUNT]));
  });

  it('leaves the providers unpinned without one', () => {
    const providers = (JSON.parse(Testing.synth(addTfBlueprint(Testing.app(), planOf('shop-4-fleet.yaml')))) as { provider: { aws: Record<string, unknown>[] } }).provider.aws;
    expect(providers.every((provider) => provider.allowed_account_ids === undefined)).toBe(true);
  });
});
