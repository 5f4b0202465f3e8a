import { Stack, Token } from 'aws-cdk-lib';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { acknowledgeLookup } from './nag';
import type { AwsRegion } from '../../spec';

/** The AWS-managed prefix list of CloudFront's origin-facing addresses. */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';

/**
 * Its id per region. CloudFormation cannot look a prefix list up by name, and the ids differ per
 * region while staying fixed within one. Source: `aws ec2 describe-managed-prefix-lists --filters
 * Name=prefix-list-name,Values=com.amazonaws.global.cloudfront.origin-facing` in each region, as
 * published in AWS's blog post "Limit access to your origins using the AWS-managed prefix list for
 * Amazon CloudFront" and widely reused in public templates.
 */
export const CLOUDFRONT_PREFIX_LIST_IDS: Partial<Record<AwsRegion, string>> = {
  'us-east-1': 'pl-3b927c52',
  'us-east-2': 'pl-b6a144df',
  'us-west-1': 'pl-4ea04527',
  'us-west-2': 'pl-82a045eb',
  'eu-west-1': 'pl-4fa04526',
  'eu-west-2': 'pl-93a247fa',
  'eu-central-1': 'pl-a3a144ca',
  'ap-southeast-1': 'pl-31a34658',
  'ap-southeast-2': 'pl-b8a742d1',
  'ap-northeast-1': 'pl-58a04531',
};

/**
 * The prefix list id for the stack's region: from the table when the region is in it; otherwise
 * looked up at deploy time by a custom resource calling DescribeManagedPrefixLists. The lookup
 * costs a Lambda function but never guesses an id: a wrong id would either fail the deployment or,
 * worse, open the load balancer to the wrong addresses.
 */
export function cloudFrontPrefixListId(scope: Construct, region: AwsRegion): string {
  const known = CLOUDFRONT_PREFIX_LIST_IDS[region];
  if (known !== undefined) {
    return known;
  }
  const lookup = new AwsCustomResource(scope, 'CloudFrontPrefixListLookup', {
    onUpdate: {
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: [CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST] }] },
      physicalResourceId: PhysicalResourceId.of(`${CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST}@${Stack.of(scope).region}`),
      outputPaths: ['PrefixLists.0.PrefixListId'],
    },
    // DescribeManagedPrefixLists has no resource-level permissions.
    policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
    installLatestAwsSdk: false,
  });
  acknowledgeLookup(lookup);
  return Token.asString(lookup.getResponseField('PrefixLists.0.PrefixListId'));
}
