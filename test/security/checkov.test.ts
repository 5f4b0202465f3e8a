import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acknowledgementOf, type CheckovResult, type CheckovScan, findCheckov, scanCheckov } from '../../lib/analyze/security/checkov';
import { CHECKOV_ACKNOWLEDGEMENTS, type CheckovEngine } from '../../lib/plan';
import type { TfConfig } from '../../lib/render/tf';
import { checkovCheckIds, generatedAtLevel, writeCheckovInputs } from './checkov-inputs';
import { EXAMPLE_FILES, planOf } from './examples';

/**
 * Acknowledgements made in one engine only for a check checkov has in both, because checkov's two checks of one
 * id differ (or the resource exists in one engine only), with the reason; the parity test allows these and no
 * other difference. (A check checkov has for one engine only needs no entry.)
 */
const PARITY_EXCEPTIONS: Readonly<Record<string, string>> = {
  queueSqsManagedKeys: 'CKV_AWS_27: checkov\'s CloudFormation check counts only KmsMasterKeyId as encryption, its Terraform check also sqs_managed_sse_enabled; the queues are the same (SQS-managed keys)',
  replicaStorageEncrypted: 'CKV_AWS_16: checkov\'s Terraform check does not test read replicas (replicate_source_db), its CloudFormation check does; replicas inherit their primary\'s encryption in both',
  cdkProviderFunctions: 'CKV_AWS_115-117: Lambda functions exist in CloudFormation only (aws-cdk-lib\'s custom-resource providers); Terraform reads the same values with data sources',
  cloudFrontPrefixListRule: 'CKV_AWS_260: checkov\'s Terraform check reads an ingress rule without cidr_ipv4 (a prefix-list rule) as open; its CloudFormation check reads the same rule correctly',
};

const LABELS = [
  ...EXAMPLE_FILES.map((file) => ({ label: file.replace(/^.*\//, '').replace(/\.yaml$/, ''), plan: () => planOf(file), example: true })),
  ...[1, 2, 3, 4, 5, 6, 7].map((level) => ({ label: `generated-${level}`, plan: () => generatedAtLevel(level), example: false })),
];

describe('checkov over every example and generated blueprints of every level, both engines', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tierup-checkov-'));
  const cfnDir = join(scratch, 'cloudformation');
  const tfDir = join(scratch, 'terraform');
  let scans: Record<CheckovEngine, CheckovScan>;

  beforeAll(async () => {
    const executable = findCheckov();
    if (executable === null) throw new Error('checkov is not installed: run `bash scripts/test-prerequisites.sh` (npm test runs it first), which makes .venv-checkov');
    mkdirSync(cfnDir, { recursive: true });
    mkdirSync(tfDir, { recursive: true });
    for (const { label, plan } of LABELS) writeCheckovInputs(label, plan(), join(scratch, 'cdk'), cfnDir, tfDir);
    // Deliberately weakened copies, scanned in the same two runs: the failures must show there, and only there.
    writeCheckovInputs('weakened-bucket', planOf('blueprints/shop-4-fleet.yaml'), join(scratch, 'cdk'), cfnDir, tfDir, {
      cfn: (_file, template) => {
        for (const resource of Object.values(template.Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>)) {
          if (resource.Type === 'AWS::S3::Bucket') delete resource.Properties?.PublicAccessBlockConfiguration;
        }
      },
      tf: (config) => withoutType(config, 'aws_s3_bucket_public_access_block'),
    });
    writeCheckovInputs('weakened-queue', planOf('blueprints/shop-5-sharded.yaml'), join(scratch, 'cdk'), cfnDir, tfDir, {
      tf: (config) => {
        for (const queue of Object.values((config.resource?.aws_sqs_queue ?? {}) as Record<string, Record<string, unknown>>)) queue.sqs_managed_sse_enabled = false;
        return config;
      },
    });
    // One process per engine, both at once: each checkov process costs seconds of start-up.
    const [cloudformation, terraform] = await Promise.all([scanCheckov(executable, 'cloudformation', cfnDir), scanCheckov(executable, 'terraform', tfDir)]);
    scans = { cloudformation, terraform };
  }, 600_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const labelOf = (result: CheckovResult): string => result.file.replace(/^\//, '').split(/--|\//)[0];
  const results = (engine: CheckovEngine, label?: string): CheckovResult[] =>
    scans[engine].results.filter((result) => (label === undefined ? !labelOf(result).startsWith('weakened-') : labelOf(result) === label));

  it.each(['cloudformation', 'terraform'] as const)('%s: reads every file and finds the resources', (engine) => {
    expect(scans[engine].parsingErrors).toEqual([]);
    expect(new Set(results(engine).map(labelOf))).toEqual(new Set(LABELS.map(({ label }) => label)));
  });

  it.each(['cloudformation', 'terraform'] as const)('%s: reports no failure tierup has not fixed or acknowledged', (engine) => {
    expect(unacknowledged(results(engine))).toEqual([]);
  });

  it('writes only skips that name an acknowledgement, and uses every acknowledgement in each engine it names', () => {
    const all = [...results('cloudformation'), ...results('terraform')].filter((result) => result.status === 'skipped');
    expect(all.filter((result) => acknowledgementOf(result) === null).map((result) => `${result.engine} ${result.check} ${result.resource}`)).toEqual([]);
    const used = new Set(all.map((result) => `${result.engine} ${acknowledgementOf(result)} ${result.check}`));
    const unused = Object.entries(CHECKOV_ACKNOWLEDGEMENTS).flatMap(([name, entry]) => entry.engines.flatMap((engine) => entry.checks
      .map((check) => `${engine} ${name} ${check}`))).filter((key) => !used.has(key));
    expect(unused).toEqual([]);
  });

  it('acknowledges only checks checkov has for the engines an acknowledgement names', () => {
    const ids = checkovCheckIds();
    const missing = Object.entries(CHECKOV_ACKNOWLEDGEMENTS).flatMap(([name, entry]) => entry.engines
      .flatMap((engine) => entry.checks.filter((check) => !ids[engine].has(check)).map((check) => `${name}: ${engine} has no ${check}`)));
    expect(missing).toEqual([]);
  });

  it.each(LABELS.filter(({ example }) => example).map(({ label }) => label))('%s: the same checks fail or are acknowledged (and why) in both engines', (label) => {
    const ids = checkovCheckIds();
    // Passes are not compared: one check id reads differently modelled resources in each engine (an inline
    // security-group rule, a launch template), so which resources pass differs while nothing fails.
    const outcomes = (engine: CheckovEngine): Map<string, Set<string>> => {
      const byCheck = new Map<string, Set<string>>();
      for (const result of results(engine, label).filter((each) => each.status !== 'passed')) {
        const outcome = result.status === 'skipped' ? `acknowledged ${acknowledgementOf(result)}` : result.status;
        if (result.status === 'skipped' && (acknowledgementOf(result) ?? '') in PARITY_EXCEPTIONS) continue;
        byCheck.set(result.check, new Set([...(byCheck.get(result.check) ?? []), outcome]));
      }
      return byCheck;
    };
    const cfn = outcomes('cloudformation');
    const tf = outcomes('terraform');
    const differences = [...new Set([...cfn.keys(), ...tf.keys()])].toSorted()
      .filter((check) => ids.cloudformation.has(check) && ids.terraform.has(check))
      .flatMap((check) => {
        const a = [...(cfn.get(check) ?? ['passed'])].toSorted().join(', ');
        const b = [...(tf.get(check) ?? ['passed'])].toSorted().join(', ');
        return a === b ? [] : [`${check}: cloudformation ${a}; terraform ${b}`];
      });
    expect(differences).toEqual([]);
  });

  it('lists as parity exceptions only one-engine acknowledgements of checks both engines have', () => {
    const ids = checkovCheckIds();
    const oneEngine = Object.entries(CHECKOV_ACKNOWLEDGEMENTS)
      .filter(([, entry]) => entry.engines.length === 1 && entry.checks.some((check) => ids.cloudformation.has(check) && ids.terraform.has(check)))
      .map(([name]) => name).toSorted();
    expect(Object.keys(PARITY_EXCEPTIONS).toSorted()).toEqual(oneEngine);
  });

  it('fails a deliberately public bucket in both engines and an unencrypted queue in Terraform', () => {
    const failed = (engine: CheckovEngine, label: string): string[] => [...new Set(unacknowledged(results(engine, label)).map((line) => line.split(' ')[0]))].toSorted();
    expect(failed('cloudformation', 'weakened-bucket')).toEqual(expect.arrayContaining(['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56']));
    expect(failed('terraform', 'weakened-bucket')).toEqual(expect.arrayContaining(['CKV2_AWS_6']));
    expect(failed('terraform', 'weakened-queue')).toEqual(['CKV_AWS_27']);
  });

  it('lists every acknowledgement in docs/security.md with its checks', () => {
    const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');
    const missing = Object.entries(CHECKOV_ACKNOWLEDGEMENTS).flatMap(([name, entry]) => entry.checks
      .filter((check) => !new RegExp(`\\|[^\\n]*${check}\\b[^\\n]*\\|[^\\n]*\`${name}\``).test(docs)).map((check) => `${name} ${check}`));
    expect(missing).toEqual([]);
  });
});

/** Failed checks as `<check> <file> <resource>`: what the test suite refuses. */
function unacknowledged(results: readonly CheckovResult[]): string[] {
  return results.filter((result) => result.status === 'failed').map((result) => `${result.check} ${result.file} ${result.resource}`).toSorted();
}

function withoutType(config: TfConfig, type: string): TfConfig {
  const resource = { ...(config.resource ?? {}) };
  delete resource[type];
  return { ...config, resource };
}
