import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acknowledgementOf, type CheckovResult, type CheckovScan, findCheckov, scanCheckov } from '../../lib/analyze/security/checkov';
import { CHECKOV_ACKNOWLEDGEMENTS, type CheckovEngine } from '../../lib/plan';
import { CHECKOV_LABELS, cfnResourcesOf, checkovCheckIds, tfResourcesOf, writeCfnInputs, writeEditedCfnInputs, writeTfInputs } from './checkov-inputs';

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

const isS3 = (type: string): boolean => /^(AWS::S3::|aws_s3_)/.test(type);
/** The examples the weakened copies start from: shop-4 has both buckets (access logs, static assets), shop-5 queues. */
const BUCKETS = 'shop-4-fleet';
const QUEUES = 'shop-5-sharded';

describe('checkov over every example, both engines', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tierup-checkov-'));
  const cfnDir = join(scratch, 'cloudformation');
  const tfDir = join(scratch, 'terraform');
  let scans: Record<CheckovEngine, CheckovScan>;

  beforeAll(async () => {
    const executable = findCheckov();
    if (executable === null) throw new Error('checkov is not installed: run `bash scripts/test-prerequisites.sh` (npm test runs it first), which makes .venv-checkov');
    mkdirSync(cfnDir, { recursive: true });
    mkdirSync(tfDir, { recursive: true });
    // One checkov process per engine over a folder of every blueprint's files (each process costs seconds to start).
    // CloudFormation's scan is the longer one: its templates are written first, and Terraform's while it runs.
    const plans = new Map(CHECKOV_LABELS.map(({ label, plan }) => [label, plan()]));
    const assemblies = new Map([...plans].map(([label, plan]) => [label, writeCfnInputs(label, plan, join(scratch, 'cdk'), cfnDir)]));
    // Deliberately weakened copies of examples, scanned in the same runs: the failures must show there, and only there.
    // Each holds only the resources it weakens, the only ones the checks that must fail read.
    writeEditedCfnInputs('weakened-bucket', assemblies.get(BUCKETS)!, cfnDir, (template) => {
      const weakened = cfnResourcesOf(template, isS3);
      for (const resource of Object.values(weakened?.Resources ?? {})) delete resource.Properties?.PublicAccessBlockConfiguration;
      return weakened;
    });
    const cloudformation = scanCheckov(executable, 'cloudformation', cfnDir);
    const configs = new Map([...plans].map(([label, plan]) => [label, writeTfInputs(label, plan, tfDir)]));
    writeTfInputs('weakened-bucket', plans.get(BUCKETS)!, tfDir, (config) => tfResourcesOf(config, (type) => isS3(type) && type !== 'aws_s3_bucket_public_access_block'), configs.get(BUCKETS));
    writeTfInputs('weakened-queue', plans.get(QUEUES)!, tfDir, (config) => {
      const weakened = tfResourcesOf(config, (type) => type.startsWith('aws_sqs_'));
      for (const queue of Object.values(weakened.resource?.aws_sqs_queue ?? {})) queue.sqs_managed_sse_enabled = false;
      return weakened;
    }, configs.get(QUEUES));
    const terraform = scanCheckov(executable, 'terraform', tfDir);
    scans = { cloudformation: await cloudformation, terraform: await terraform };
  }, 600_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const labelOf = (result: CheckovResult): string => result.file.replace(/^\//, '').split(/--|\//)[0];
  const results = (engine: CheckovEngine, label?: string): CheckovResult[] =>
    scans[engine].results.filter((result) => (label === undefined ? !labelOf(result).startsWith('weakened-') : labelOf(result) === label));

  it('names each blueprint\'s files apart (the team-VPC fixtures share the ladder\'s file names)', () => {
    const labels = CHECKOV_LABELS.map(({ label }) => label);
    expect(labels.filter((label, index) => labels.indexOf(label) !== index)).toEqual([]);
  });

  it.each(['cloudformation', 'terraform'] as const)('%s: reads every file and finds the resources', (engine) => {
    expect(scans[engine].parsingErrors).toEqual([]);
    expect(new Set(results(engine).map(labelOf))).toEqual(new Set(CHECKOV_LABELS.map(({ label }) => label)));
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

  it.each(CHECKOV_LABELS.map(({ label }) => label))('%s: the same checks fail or are acknowledged (and why) in both engines', (label) => {
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
