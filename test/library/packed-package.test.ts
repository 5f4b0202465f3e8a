import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The package as a user gets it: `npm pack` (the real `files`, `main`, `types` and `exports`), unpacked
// into a fresh project's node_modules/tierup, beside links to the dependencies this repository installed
// (offline, no registry). The two examples are compiled there with tsc and synthesized.

const repo = join(__dirname, '..', '..');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const stack = 'shop-production-us-east-1';
let work: string;
let project: string;
let packedFiles: string[];

/** Runs node with `args`; a failure carries the command's own output, so tsc's errors show in the test report. */
function run(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`node ${args.join(' ').slice(0, 200)} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

function json(file: string): Record<string, any> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
}

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'lib', 'index.d.ts'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) before this test');
  work = mkdtempSync(join(tmpdir(), 'tierup-pack-'));
  // The build has run (npm test builds first), so the pack skips `prepare`.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed[0].files.map((file) => file.path).toSorted();
  project = join(work, 'project');
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, 'tierup'), { recursive: true });
  for (const entry of readdirSync(join(repo, 'node_modules'))) {
    if (entry.startsWith('.') || entry === 'tierup') continue;
    symlinkSync(realpathSync(join(repo, 'node_modules', entry)), join(modules, entry));
  }
  execFileSync('tar', ['-xzf', join(work, packed[0].filename), '-C', join(modules, 'tierup'), '--strip-components=1']);
  for (const example of ['cdk-app', 'cdktf-app']) {
    cpSync(join(repo, 'examples', example), join(project, example), { recursive: true, filter: (source) => !/[/\\](node_modules|dist|cdk\.out|cdktf\.out)$/.test(source) });
  }
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the compiled entries with their declarations, and no sources or tests', () => {
    for (const entry of ['index', 'cdk', 'cdktf', 'testing/index']) {
      expect(packedFiles).toContain(`dist/lib/${entry}.js`);
      expect(packedFiles).toContain(`dist/lib/${entry}.d.ts`);
    }
    expect(packedFiles).toEqual(expect.arrayContaining(['dist/bin/tierup.js', 'package.json', 'schema/blueprint.schema.json']));
    expect(packedFiles.filter((file) => file.startsWith('dist/test/') || file.startsWith('lib/') || file.startsWith('test/') || /\.tsbuildinfo$/.test(file))).toEqual([]);
    // Exactly the compiled library and CLI, the JSON Schema, the README and package.json; and publishable.
    expect([...new Set(packedFiles.map((file) => file.split('/').slice(0, file.startsWith('dist/') ? 2 : 1).join('/')))].toSorted())
      .toEqual(['README.md', 'dist/bin', 'dist/lib', 'package.json', 'schema']);
    expect(json(join(repo, 'package.json')).private).toBeUndefined();
  });

  it('loads neither aws-cdk-lib nor cdktf from its top-level entry; each engine entry loads only its engine', () => {
    const loaded = (entry: string) => JSON.parse(run(['-e', `
      require(${JSON.stringify(entry)});
      const keys = Object.keys(require.cache);
      console.log(JSON.stringify({ cdk: keys.some((key) => key.includes('/aws-cdk-lib/')), cdktf: keys.some((key) => key.includes('/cdktf/lib/')) }));
    `], project)) as { cdk: boolean; cdktf: boolean };
    expect(loaded('tierup')).toEqual({ cdk: false, cdktf: false });
    expect(loaded('tierup/cdk')).toEqual({ cdk: true, cdktf: false });
    expect(loaded('tierup/cdktf')).toEqual({ cdk: false, cdktf: true });
  });

  it('types every entry under node16 resolution (exports), and the testing entry under node resolution (typesVersions)', () => {
    writeFileSync(join(project, 'consumer.ts'), [
      "import { planBlueprint, type ArchitecturePlan, type BlueprintResult } from 'tierup';",
      "import { addBlueprint as addCdk, type BlueprintStack as CdkStack } from 'tierup/cdk';",
      "import { addBlueprint as addTf, type BlueprintStack as TfStack } from 'tierup/cdktf';",
      "import { isDatabaseEncrypted, snapshotBlueprint } from 'tierup/testing';",
      'const result: BlueprintResult = planBlueprint("x.yaml");',
      'export const plan: ArchitecturePlan | null = result.ok ? result.plan : null;',
      'export const fields = (cdk: CdkStack, tf: TfStack) => [cdk.database?.instance.instanceIdentifier, tf.database?.instance.identifier];',
      'export const used = [addCdk, addTf, isDatabaseEncrypted, snapshotBlueprint];',
      '',
    ].join('\n'));
    run([tsc, '--noEmit', '--strict', '--skipLibCheck', '--types', 'node', '--module', 'node16', '--moduleResolution', 'node16', 'consumer.ts'], project);
    // The examples compile with node resolution (tierup, tierup/cdk, tierup/cdktf through typesVersions); so does the testing entry.
    writeFileSync(join(project, 'testing-consumer.ts'), "import { snapshotBlueprint } from 'tierup/testing';\nexport const snapshot = snapshotBlueprint;\n");
    run([tsc, '--noEmit', '--strict', '--skipLibCheck', '--types', 'node', '--module', 'commonjs', '--moduleResolution', 'node', 'testing-consumer.ts'], project);
  }, 120_000);

  it('builds and synthesizes the CDK example: tierup\'s stack with its override, the team\'s bucket and stack, and its Aspect', () => {
    const app = join(project, 'cdk-app');
    run([tsc, '-p', app], project);
    run(['dist/app.js'], app, { CDK_OUTDIR: join(app, 'cdk.out') });
    // The app pins its account: tierup's stack and the team's are both in it, and the team's queue is granted to the fleet.
    const manifest = json(join(app, 'cdk.out', 'manifest.json'));
    expect([stack, 'shop-jobs'].map((name) => manifest.artifacts[name].environment)).toEqual(['aws://111111111111/us-east-1', 'aws://111111111111/us-east-1']);
    const template = json(join(app, 'cdk.out', `${stack}.template.json`));
    const policies = Object.values(template.Resources as Record<string, { Type: string }>).filter((resource) => resource.Type === 'AWS::IAM::Policy');
    expect(JSON.stringify(policies)).toMatch(/"sqs:SendMessage".*"Fn::ImportValue":"shop-jobs:/);
    const resources = Object.values(template.Resources) as { Type: string; Properties: Record<string, unknown> }[];
    const primary = resources.find((resource) => resource.Type === 'AWS::RDS::DBInstance' && resource.Properties.SourceDBInstanceIdentifier === undefined);
    expect(primary?.Properties).toMatchObject({ BackupRetentionPeriod: 14, PreferredBackupWindow: '03:00-04:00' });
    expect(resources.filter((resource) => resource.Type === 'AWS::S3::Bucket').length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(template.Outputs)).toEqual(expect.arrayContaining(['Url', 'UploadsBucket']));
    const jobs = json(join(app, 'cdk.out', 'shop-jobs.template.json'));
    expect(Object.values(jobs.Resources).map((resource: any) => resource.Type)).toContain('AWS::SQS::Queue');
  }, 120_000);

  it('builds and synthesizes the cdktf example: tierup\'s resources with its override, the team\'s own, and its Aspect', () => {
    const app = join(project, 'cdktf-app');
    run([tsc, '-p', app], project);
    run(['dist/main.js'], app);
    const config = json(join(app, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'));
    expect(config.provider.aws.map((provider: { allowed_account_ids?: string[] }) => provider.allowed_account_ids)).toEqual(config.provider.aws.map(() => ['111111111111']));
    expect(config.resource.aws_db_instance.database).toMatchObject({ identifier: 'shop-prod-db', backup_window: '03:00-04:00' });
    const buckets = Object.entries(config.resource.aws_s3_bucket) as [string, { tags?: Record<string, string> }][];
    expect(buckets.length).toBeGreaterThanOrEqual(3);
    expect(buckets.filter(([, bucket]) => bucket.tags?.owner !== 'platform-team').map(([name]) => name)).toEqual([]);
    expect(Object.keys(config.resource.aws_sqs_queue)).toHaveLength(1);
    expect(Object.keys(config.output)).toEqual(expect.arrayContaining(['url', 'database_identifier']));
  }, 120_000);

  it('answers questions about a blueprint through tierup/testing', () => {
    const answers = JSON.parse(run(['-e', `
      const testing = require('tierup/testing');
      const outputs = testing.snapshotBlueprint('cdk-app/blueprint.yaml');
      console.log(JSON.stringify({ encrypted: testing.isDatabaseEncrypted(outputs), private: testing.isLoadBalancerPrivateToCdn(outputs) }));
    `], project)) as Record<string, boolean>;
    expect(answers).toEqual({ encrypted: true, private: true });
  }, 120_000);
});
