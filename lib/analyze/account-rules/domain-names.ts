import type { NamedConfig, NamedTemplate, NameClaim } from './physical-names';

// The DNS names a blueprint claims: CloudFront aliases, unique across every AWS account, and the Route 53
// records it creates, unique in their hosted zone. A plan rule cannot see other accounts or the zone's
// existing records, but two blueprints side by side must never claim the same one: the second deploy fails.
//
// - An alternate domain name may belong to one distribution only, in all of AWS (CNAMEAlreadyExists):
//   https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html
// - A zone holds one record set per name, type and set identifier; creating one that exists fails:
//   https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html
//
// The apex (`domain.name` equal to `domain.hostedZone`) needs no special case: alias A and AAAA records are
// allowed at a zone apex, where a CNAME is not, and they do not clash with the apex's NS and SOA records.
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html

/**
 * Claims are keyed by the record's name, type and set identifier alone: a fully qualified name has one public
 * zone that answers for it, so a record name needs no zone beside it to be compared (one blueprint may name the
 * zone and another give its id).
 */
const ZONE_KEY = '';

/** A DNS name as Route 53 compares it: lower case, without the final dot. */
export function normalizeDnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** The aliases and records a CloudFormation template claims; names that are not literals are left out. */
export function cfnDomainClaims(stack: string, template: NamedTemplate): NameClaim[] {
  return Object.entries(template.Resources).flatMap(([resource, { Type: type, Properties: properties = {} }]): NameClaim[] => {
    const claim = (name: string, scope: 'global' | 'zone'): NameClaim => ({ engine: 'cloudformation', stack, resource, type, name, scope, region: ZONE_KEY });
    if (type === 'AWS::CloudFront::Distribution') {
      const aliases = (properties.DistributionConfig as { Aliases?: unknown } | undefined)?.Aliases;
      return literals(aliases).map((alias) => claim(normalizeDnsName(alias), 'global'));
    }
    if (type === 'AWS::Route53::RecordSet') {
      const name = properties.Name;
      return typeof name === 'string' && typeof properties.Type === 'string'
        ? [claim(recordKey(name, properties.Type, properties.SetIdentifier), 'zone')]
        : [];
    }
    return [];
  });
}

/** The aliases and records a Terraform configuration claims; interpolated names are left out. */
export function tfDomainClaims(stack: string, config: NamedConfig): NameClaim[] {
  const claims = (type: string, toNames: (body: Record<string, unknown>) => { name: string; scope: 'global' | 'zone' }[]): NameClaim[] =>
    Object.entries(config.resource?.[type] ?? {}).flatMap(([tfName, body]) => toNames(body).map(({ name, scope }) => ({
      engine: 'terraform' as const, stack, resource: `${type}.${tfName}`, type, name, scope, region: ZONE_KEY,
    })));
  return [
    ...claims('aws_cloudfront_distribution', (body) => literals(body.aliases).map((alias) => ({ name: normalizeDnsName(alias), scope: 'global' as const }))),
    ...claims('aws_route53_record', (body) => (isLiteral(body.name) && isLiteral(body.type)
      ? [{ name: recordKey(body.name, body.type, body.set_identifier), scope: 'zone' as const }]
      : [])),
  ];
}

/** `origin.shop.example.com A` (and ` #eu-west-1` for one of several routed records of that name). */
function recordKey(name: string, type: string, setIdentifier: unknown): string {
  return `${normalizeDnsName(name)} ${type}${isLiteral(setIdentifier) ? ` #${setIdentifier}` : ''}`;
}

function literals(value: unknown): string[] {
  return Array.isArray(value) ? value.filter(isLiteral) : [];
}

/** A plain string: neither a CloudFormation intrinsic nor a Terraform interpolation. */
function isLiteral(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('${');
}
