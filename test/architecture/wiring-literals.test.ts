import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The plan decides the wiring (STYLE.md "Layers", DESIGN.md §5.8): no renderer file writes an IAM action, a
// security-group port or an app-settings path of its own. Each of these scans the source for one kind of literal.

const ROOT = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []);
}

/** The code of a file without its comments, line by line. */
function codeLines(file: string): { line: number; text: string }[] {
  return readFileSync(join(ROOT, file), 'utf8').split('\n').map((text, index) => ({ line: index + 1, text }))
    .filter(({ text }) => !/^\s*(\/\/|\*|\/\*\*)/.test(text));
}

/**
 * IAM actions a renderer may write: none is a tier's permission (those come from the graph's ACCESS_ACTIONS).
 * Each is AWS services' own access, which the graph does not model, and is listed with its reason.
 */
const IAM_EXCEPTIONS: Readonly<Record<string, { readonly actions: readonly string[]; readonly reason: string }>> = {
  'lib/render/cfn/cdn.ts': { actions: ['s3:GetReplicationConfiguration', 's3:ListBucket', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging', 's3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], reason: 'the role S3 replication assumes' },
  'lib/render/tf/static-assets-replication.ts': { actions: ['s3:GetReplicationConfiguration', 's3:ListBucket', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging', 's3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags', 's3:*'], reason: 'the role S3 replication assumes; the bucket\'s TLS-only deny' },
  'lib/render/tf/database.ts': { actions: ['secretsmanager:GetSecretValue'], reason: 'the role RDS Proxy assumes to read the master secret (aws-cdk-lib writes it for the CloudFormation target)' },
  'lib/render/tf/queue-worker.ts': { actions: ['sqs:*'], reason: 'the queues\' TLS-only deny (aws-cdk-lib\'s enforceSSL)' },
  'lib/render/tf/events.ts': { actions: ['sns:Publish'], reason: 'the topic\'s TLS-only deny (aws-cdk-lib\'s enforceSSL)' },
  'lib/render/tf/access-logs.ts': { actions: ['s3:PutObject', 's3:*'], reason: 'log delivery by ELB and S3 into the access-log bucket; its TLS-only deny' },
  'lib/render/tf/cdn.ts': { actions: ['s3:*', 's3:GetObject'], reason: 'CloudFront\'s origin access control read; the TLS-only deny' },
  'lib/render/tf/policy-documents.ts': { actions: ['sts:AssumeRole'], reason: 'the trust policy of a service role' },
  'lib/render/tf/network.ts': { actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], reason: 'the role VPC flow logs assume (aws-cdk-lib writes it for the CloudFormation target)' },
};

const renderFiles = sourceFiles('lib/render');

describe('renderers write no wiring of their own', () => {
  it('write no IAM action but the listed service-role and resource-policy ones', () => {
    const found = renderFiles.flatMap((file) => codeLines(file).flatMap(({ line, text }) =>
      [...text.matchAll(/['"`]([a-z0-9-]+:[A-Z*][A-Za-z*]*)['"`]/g)].map((match) => match[1])
        .filter((action) => !action.startsWith('aws:') && !(IAM_EXCEPTIONS[file]?.actions.includes(action)))
        .map((action) => `${file}:${line} ${action}`)));
    expect(found).toEqual([]);
  });

  it('lists only exceptions that are still there', () => {
    const stale = Object.entries(IAM_EXCEPTIONS).flatMap(([file, { actions }]) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return actions.filter((action) => !text.includes(`'${action}'`)).map((action) => `${file} ${action}`);
    });
    expect(stale).toEqual([]);
  });

  it('write no security-group port: ports come from the plan (its edges, PUBLIC_PORTS, the stores\' ports)', () => {
    const found = renderFiles.flatMap((file) => codeLines(file).filter(({ text }) =>
      /Port\.tcp\(\s*\d|(fromPort|toPort)\s*:\s*\d|allow(From|To|Source)\([^)]*,\s*\d+\s*\)|addIngressRule\([^)]*\b\d{2,5}\b/.test(text)).map(({ line, text }) => `${file}:${line} ${text.trim()}`));
    expect(found).toEqual([]);
  });

  it('write no app-settings path: names come from the wiring graph\'s settings', () => {
    const found = renderFiles.flatMap((file) => codeLines(file).filter(({ text }) =>
      /['"`][^'"`\n]*\b(database|cache|shards|queues|events|services)\/[^'"`\n]*['"`]|\/(endpoint|secret-arn|reader-endpoints?|proxy-endpoint|writer|readers|url|arn|role)['"`]/.test(text))
      .map(({ line, text }) => `${file}:${line} ${text.trim()}`));
    expect(found).toEqual([]);
  });

  it('create SSM parameters in one place per engine, which publishes the graph\'s settings', () => {
    const creators = renderFiles.filter((file) => /new (StringParameter|SsmParameter)\(/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(creators).toEqual(['lib/render/cfn/app-config.ts', 'lib/render/tf/app-config.ts']);
  });

  it('would catch one: the scans match the literals they look for', () => {
    expect(/['"`]([a-z0-9-]+:[A-Z*][A-Za-z*]*)['"`]/.test("actions: ['sqs:SendMessage']")).toBe(true);
    expect(/Port\.tcp\(\s*\d/.test('Port.tcp(5432)')).toBe(true);
    expect(/\/(endpoint|secret-arn)['"`]/.test("`${path}/endpoint`")).toBe(true);
  });
});
