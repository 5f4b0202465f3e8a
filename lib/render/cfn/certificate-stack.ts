import { Stack, Tags } from 'aws-cdk-lib';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import type { Construct } from 'constructs';
import type { ArchitecturePlan, CertificatePlan, DomainPlan } from '../../plan';
import { hostedZoneOf } from './hosted-zone';
import { recordAcknowledgements } from './nag';

/** An ACM certificate for one name, validated by the DNS record CloudFormation writes into the blueprint's zone. */
export function dnsValidatedCertificate(scope: Construct, plan: CertificatePlan, domain: DomainPlan): Certificate {
  // https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html
  return new Certificate(scope, plan.id, { domainName: plan.domainName, validation: CertificateValidation.fromDns(hostedZoneOf(scope, domain)) });
}

/** Props of {@link CertificateStack}. */
export interface CertificateStackProps {
  readonly plan: ArchitecturePlan;
  readonly domain: DomainPlan;
  readonly certificate: CertificatePlan;
  readonly stack: NonNullable<DomainPlan['certificateStack']>;
  /**
   * The AWS account to deploy to, when the caller's app pins one (see `addBlueprint`'s `env`).
   * @default - the enclosing Stage's account, else none (an environment-agnostic stack)
   */
  readonly account?: string;
}

/**
 * CloudFront's certificate when the primary region is not us-east-1: CloudFront reads certificates from
 * us-east-1 only (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html),
 * and a CloudFormation stack creates resources in its own region only, so the certificate gets a stack of its own
 * there, which the primary stack depends on.
 *
 * The primary stack reads the ARN through CDK's `crossRegionReferences` (an SSM parameter this stack writes in the
 * primary region, read there by a dynamic reference): CDK orders the deployment by it, a changed certificate
 * reaches the distribution on the primary stack's next deploy (the reader's properties change with the value),
 * and the writer refuses to remove a certificate the primary stack still uses. A hand-written lookup would need
 * all three of these made by hand.
 */
export class CertificateStack extends Stack {
  public readonly certificate: Certificate;

  constructor(scope: Construct, props: CertificateStackProps) {
    const { plan, stack } = props;
    super(scope, stack.stackName, {
      stackName: stack.stackName,
      env: { account: props.account, region: stack.region },
      crossRegionReferences: true,
      description: `tierup ${plan.name} (${plan.environment}): CloudFront's certificate for ${props.domain.name}`,
    });
    Object.entries(plan.tags).forEach(([key, value]) => Tags.of(this).add(key, value));
    this.certificate = dnsValidatedCertificate(this, props.certificate, props.domain);
    recordAcknowledgements(this);
  }
}
