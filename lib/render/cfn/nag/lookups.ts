import { Stack } from 'aws-cdk-lib';
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import { acknowledge, type NagAcknowledgementName } from './acknowledgements';

/**
 * Acknowledges what a lookup brings (a prefix list's by default, or `name`'s reason): its single-action policy on `*` and the managed
 * logging policy of the provider function that aws-cdk-lib shares between every AwsCustomResource of
 * a stack (its construct id is fixed by `PROVIDER_FUNCTION_UUID`).
 */
export function acknowledgeLookup(lookup: AwsCustomResource, name: NagAcknowledgementName = 'lookupListsAnyResource'): void {
  acknowledge(lookup, name, 'Resource::*');
  const provider = Stack.of(lookup).node.findChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
  acknowledge(provider, 'lookupProviderLogs', 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
}
