// A cdktf app that holds tierup's level-4 stack beside its own resources, and applies an Aspect to both.
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { App, Aspects, type IAspect, TerraformOutput } from 'cdktf';
import type { IConstruct } from 'constructs';
import { formatProblem, planBlueprint } from 'tierup';
import { addBlueprint } from 'tierup/cdktf';

/** The team's policy, applied to every bucket in the stack: an owner tag. */
class OwnerTag implements IAspect {
  constructor(private readonly owner: string) {}

  visit(node: IConstruct): void {
    if (node instanceof S3Bucket) node.tags = { ...node.tagsInput, owner: this.owner };
  }
}

// Overrides are checked against the Terraform output only: this app never loads aws-cdk-lib.
const result = planBlueprint(`${__dirname}/../blueprint.yaml`, { engines: ['terraform'] });
if (!result.ok) {
  process.stderr.write(`${result.problems.map(formatProblem).join('\n')}\n`);
  process.exit(1);
}

const app = new App();
// Terraform refuses credentials of any other account (allowed_account_ids on every AWS provider).
const stack = addBlueprint(app, result.plan, { env: { account: '111111111111' } }); // your account id

// The team's own resources in tierup's stack, next to tierup's parts, which are typed fields.
const uploads = new S3Bucket(stack, 'uploads', { bucketPrefix: 'shop-uploads-' });
new S3BucketPublicAccessBlock(stack, 'uploads_public_access', {
  bucket: uploads.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
});
new SqsQueue(stack, 'reports', { namePrefix: 'shop-reports-', sqsManagedSseEnabled: true });
if (stack.database) new TerraformOutput(stack, 'database_identifier', { value: stack.database.instance.identifier });

Aspects.of(stack).add(new OwnerTag('platform-team'));
app.synth();
