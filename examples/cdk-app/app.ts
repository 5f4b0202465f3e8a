// A CDK app that holds tierup's level-4 stack beside its own constructs, and applies an Aspect to both.
import { App, Aspects, CfnOutput, Duration, type IAspect, Stack } from 'aws-cdk-lib';
import { CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { formatProblem, planBlueprint } from 'tierup';
import { addBlueprint } from 'tierup/cdk';

/** The team's policy, applied to every database in the app: at least 14 days of automated backups. */
class MinimumBackups implements IAspect {
  constructor(private readonly days: number) {}

  visit(node: IConstruct): void {
    if (node instanceof CfnDBInstance && node.sourceDbInstanceIdentifier === undefined) {
      node.backupRetentionPeriod = Math.max(Number(node.backupRetentionPeriod ?? 0), this.days);
    }
  }
}

// Overrides are checked against the CloudFormation output only: this app never loads cdktf.
const result = planBlueprint(`${__dirname}/../blueprint.yaml`, { engines: ['cloudformation'] });
if (!result.ok) {
  process.stderr.write(`${result.problems.map(formatProblem).join('\n')}\n`);
  process.exit(1);
}

// The team's app pins its account, as real apps do; tierup's stacks join it there (its region is the blueprint's).
const env = { account: '111111111111', region: result.plan.regions[0].region }; // your account id
const app = new App();
const { stack } = addBlueprint(app, result.plan, { env });

// The team's own resource inside tierup's stack, wired to tierup's parts through their typed fields.
const uploads = new Bucket(stack, 'Uploads', {
  encryption: BucketEncryption.S3_MANAGED,
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
});
if (stack.fleet) uploads.grantReadWrite(stack.fleet.role);
new CfnOutput(stack, 'UploadsBucket', { value: uploads.bucketName });

// And a stack of its own, in the same app and account, whose queue tierup's fleet may send to.
const jobs = new Stack(app, 'shop-jobs', { env });
const reports = new Queue(jobs, 'Reports', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(4) });
if (stack.fleet) reports.grantSendMessages(stack.fleet.role);

Aspects.of(app).add(new MinimumBackups(14));
app.synth();
