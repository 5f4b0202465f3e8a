import { acceptedOriginSecrets } from '../plan';
import type { ArchitecturePlan, DomainRecordPlan } from '../plan';
import { type CostLine, fixed } from './cost-model';
import { GLOBAL_RATES, HOURS_PER_MONTH } from './data/prices';
import { BILLING_ASSUMPTIONS, type UsageAssumptions } from './data/usage-defaults';

/**
 * What a domain and the origin proof add: the origin secrets, the (free) ACM certificates, and the Route 53
 * records, whose alias queries are free and whose plain records' queries are standard queries. The hosted
 * zone is the user's: it is listed at no charge, so a reader sees it was not forgotten.
 */
export function domainLines(plan: ArchitecturePlan, usage: UsageAssumptions): CostLine[] {
  const lines: CostLine[] = [];
  if (plan.cdn) {
    const { current, previous } = plan.cdn.originProof;
    const versions = acceptedOriginSecrets(plan.cdn.originProof).toSorted((a, b) => a.version - b.version);
    // A replica in another region is billed as a secret of its own (aws.amazon.com/secrets-manager/pricing).
    const copies = versions.reduce((count, secret) => count + 1 + secret.replicaRegions.length, 0);
    const replicas = current.replicaRegions.length ? `, each replicated to ${current.replicaRegions.join(', ')}` : '';
    lines.push(monthly('secrets-manager', `origin secrets ${versions.map((secret) => `v${secret.version}`).join(' + ')} (${previous ? 'previous + current + next' : 'current + next'})${replicas}`,
      'secret-months', GLOBAL_RATES.secretsManagerSecretMonth, copies));
  }
  const { domain } = plan;
  if (!domain) return lines;
  if (domain.viewerCertificate) {
    lines.push(monthly('acm', `${domain.viewerCertificate.id} ${domain.viewerCertificate.domainName} (public, us-east-1, for CloudFront)`,
      'certificates', GLOBAL_RATES.acmPublicCertificateMonth, 1));
  }
  const originCertificate = plan.loadBalancer?.listeners.find((listener) => listener.certificate !== null)?.certificate ?? null;
  if (originCertificate) {
    // Every region's load balancer (level 7's regional stacks too) holds its own copy of the origin certificate.
    for (const { region } of plan.regions) {
      lines.push(monthly('acm', `${region} ${originCertificate.id} ${originCertificate.domainName} (public, for the load balancer)`,
        'certificates', GLOBAL_RATES.acmPublicCertificateMonth, 1));
    }
  }
  lines.push(monthly('route53', `hosted zone ${domain.hostedZone} (yours, not counted; $${GLOBAL_RATES.route53HostedZoneMonth.toFixed(2)}/month if made for this app)`, 'zone-months', 0, 1));
  if (domain.viewerRecord) lines.push(recordLine(domain.viewerRecord, (usage.requestsPerMonth * BILLING_ASSUMPTIONS.viewerDnsQueriesPerRequest) / 1_000_000, 'viewers ask'));
  if (domain.originRecord) {
    const queries = (BILLING_ASSUMPTIONS.cloudFrontOriginResolvers * HOURS_PER_MONTH * 3600) / domain.originRecord.ttlSeconds / 1_000_000;
    lines.push(recordLine(domain.originRecord, queries, 'only CloudFront asks'));
  }
  return lines;
}

const TARGET_NAMES = { cdn: 'CloudFront', 'load-balancer': 'the load balancer', server: 'the server\'s Elastic IP', routed: 'the regions\' health-checked records' } as const;

/** Alias records to CloudFront and load balancers answer for free; the server's address is a plain A record. */
function recordLine(record: DomainRecordPlan, millionQueries: number, askedBy: string): CostLine {
  const alias = record.target !== 'server';
  const kind = alias ? 'alias, queries free' : `plain A, TTL ${record.ttlSeconds} s`;
  return {
    component: 'route53',
    resource: `${record.id} ${record.name} → ${TARGET_NAMES[record.target]} (${kind}; ${askedBy})`,
    unit: 'million queries',
    unitPrice: alias ? GLOBAL_RATES.route53AliasQuery : GLOBAL_RATES.route53StandardPerMillionQueries,
    quantity: fixed(Math.round(millionQueries * 100) / 100),
  };
}

function monthly(component: string, resource: string, unit: string, unitPrice: number, count: number): CostLine {
  return { component, resource, unit, unitPrice, quantity: fixed(count) };
}
