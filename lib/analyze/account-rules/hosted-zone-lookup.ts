import type { PlanAccountRule } from './account-rule';

/**
 * Without `domain.hostedZoneId`, the CloudFormation target finds the zone at deploy time with
 * ListHostedZonesByName, which lists zones in name order starting at the name: the first answer is a private
 * zone of the same name when one exists, or the next zone when the name has none, and certificate validation
 * then writes its records where no resolver looks and waits until it times out. Terraform reads the public zone
 * by name (`private_zone = false`) and fails at plan time when there is none, so it needs no id.
 */
export const hostedZoneLookup: PlanAccountRule = {
  id: 'hosted-zone-lookup',
  source: { title: 'ListHostedZonesByName (Amazon Route 53 API Reference)', url: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListHostedZonesByName.html' },
  check: (plan) => {
    const { domain } = plan;
    if (!domain || domain.hostedZoneId !== null) return [];
    // Level 7 names the zone in multiRegion (required there); a `domain` section beside it is optional.
    const fromMultiRegion = plan.multiRegion !== null;
    return [{
      rule: 'hosted-zone-lookup',
      severity: 'warning',
      message: `CloudFormation will look the zone ${domain.hostedZone} up by name when it deploys and take the first zone Route 53 lists from there: `
        + 'a private zone of that name, or the next zone if the account has none, would receive the certificate validation records and the deploy would wait until it times out',
      fix: fromMultiRegion
        ? `set \`multiRegion.hostedZoneId\` to the public zone's id (aws route53 list-hosted-zones-by-name --dns-name ${domain.hostedZone})`
        : `set \`domain.hostedZoneId\` to the public zone's id (aws route53 list-hosted-zones-by-name --dns-name ${domain.hostedZone})`,
      path: fromMultiRegion ? ['multiRegion', 'hostedZoneName'] : ['domain', 'hostedZone'],
    }];
  },
};
