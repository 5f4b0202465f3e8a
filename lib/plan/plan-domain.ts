import type { AwsRegion, BlueprintSpec, CdnSpec } from '../spec';
import type {
  CdnPlan, DomainPlan, ListenerPlan, LoadBalancerPlan, OriginProofPlan, OriginSecretPlan, ServerPlan,
} from './compute-plan';
import { APP_RULE_PRIORITY } from './listener-rule-priorities';

// The blueprint's own domain, the HTTPS it brings at every level, and the secret header that proves a request
// came through the blueprint's own CloudFront distribution.

/** What the domain section (or, at level 7, multiRegion's names) says, before planning. */
export interface DomainInput {
  readonly name: string;
  readonly hostedZone: string;
  readonly hostedZoneId: string | null;
}

/** The blueprint's domain: `domain`, else at level 7 `multiRegion.domainName` and `hostedZoneName`. */
export function domainInput(spec: BlueprintSpec): DomainInput | null {
  if (spec.domain) return { name: spec.domain.name, hostedZone: spec.domain.hostedZone, hostedZoneId: spec.domain.hostedZoneId ?? spec.multiRegion?.hostedZoneId ?? null };
  if (spec.level >= 7 && spec.multiRegion) return { name: spec.multiRegion.domainName, hostedZone: spec.multiRegion.hostedZoneName, hostedZoneId: spec.multiRegion.hostedZoneId ?? null };
  return null;
}

/** CloudFront is in front of the app from level 4, and from level 1 when the blueprint has a domain. */
export function cdnIsOn(level: number, cdn: CdnSpec, domain: DomainInput | null): boolean {
  return cdn.enabled && (level >= 4 || domain !== null);
}

/** Level 7: the name multiRegion's health-checked records carry, which the origin record aliases. */
export function routedName(originDomainName: string): string {
  return `routed.${originDomainName}`;
}

/** The name the origin answers to: `origin.<name>` behind CloudFront (level 7's `originDomainName` too), else `name`. */
export function originName(domain: DomainInput, cdnOn: boolean): string {
  return cdnOn ? `origin.${domain.name}` : domain.name;
}

/** Records, certificates and the us-east-1 certificate stack of a domain. */
export function planDomain(domain: DomainInput, options: { level: number; cdnOn: boolean; primaryRegion: AwsRegion; stackName: string }): DomainPlan {
  const { level, cdnOn } = options;
  const front = level >= 4 ? 'load-balancer' : 'server';
  // Level 7 without a CDN: the health-checked regional records answer for the origin name, and nothing for the viewer name.
  const viewerTarget = cdnOn ? 'cdn' : level >= 7 ? null : front;
  return {
    name: domain.name,
    hostedZone: domain.hostedZone,
    hostedZoneId: domain.hostedZoneId,
    originName: originName(domain, cdnOn || level >= 7),
    viewerCertificate: cdnOn ? { id: 'ViewerCertificate', tfName: 'viewer_certificate', domainName: domain.name } : null,
    certificateStack: cdnOn && options.primaryRegion !== 'us-east-1' ? { stackName: `${options.stackName}-certificate`, region: 'us-east-1' } : null,
    viewerRecord: viewerTarget ? { id: 'DomainRecord', tfName: 'domain_record', name: domain.name, target: viewerTarget, ttlSeconds: RECORD_TTL_SECONDS } : null,
    originRecord: cdnOn
      ? { id: 'OriginRecord', tfName: 'origin_record', name: originName(domain, true), target: level >= 7 ? 'routed' : front, ttlSeconds: RECORD_TTL_SECONDS }
      : null,
  };
}

/** A minute: after a climb points a plain record elsewhere, resolvers (CloudFront's too) follow within it. */
const RECORD_TTL_SECONDS = 60;

/**
 * The origin secret's versions: the one CloudFront sends and the one before it. Fixed names (app and
 * environment in them), so a further region's stack and the server find the value by name.
 */
export function planOriginProof(cdn: CdnSpec, parameterPrefix: string, furtherRegions: readonly AwsRegion[]): OriginProofPlan {
  const secret = (version: number): OriginSecretPlan => ({
    version,
    id: `OriginSecretV${version}`,
    tfName: `origin_secret_v${version}`,
    // `/tierup/shop/production` → `tierup/shop/production/origin-secret-v1`
    name: `${parameterPrefix.replace(/^\//, '')}/${ORIGIN_SECRET_NAME}${version}`,
    replicaRegions: furtherRegions,
  });
  const version = cdn.originSecretVersion;
  return { headerName: 'X-Origin-Verify', current: secret(version), previous: version > 1 ? secret(version - 1) : null, next: secret(version + 1) };
}

/** Every version an origin accepts: the one CloudFront sends first, then the next, then the previous. */
export function acceptedOriginSecrets(proof: OriginProofPlan): OriginSecretPlan[] {
  return [proof.current, proof.next, ...(proof.previous ? [proof.previous] : [])];
}

/** The last part of an origin secret's name, before its version. */
const ORIGIN_SECRET_NAME = 'origin-secret-v';

/** Whether a Secrets Manager name is an origin secret's: a proof value, not data (it is deleted when it leaves). */
export function isOriginSecretName(name: unknown): boolean {
  return typeof name === 'string' && new RegExp(`^tierup/[^/]+/[^/]+/${ORIGIN_SECRET_NAME}\\d+$`).test(name);
}

/** The CDN's origin settings: HTTPS to the origin name with a domain, its aliases, the origin secret. */
export function cdnOrigin(domain: DomainInput | null, originProof: OriginProofPlan, cdn: CdnSpec): Pick<CdnPlan, 'originProof' | 'requireOriginSecret' | 'originProtocol' | 'aliases'> {
  return { originProof, requireOriginSecret: cdn.requireOriginSecret, originProtocol: domain ? 'https' : 'http', aliases: domain ? [domain.name] : [] };
}

/** How viewers reach the single server of levels 1-3. */
export function serverFront(domain: DomainPlan | null, cdn: CdnPlan | null): Pick<ServerPlan, 'viewers' | 'publicPorts' | 'tls' | 'originProof'> {
  // Without a domain nothing holds a certificate: the server serves plain HTTP on 80 alone, and 443 opens with a domain.
  if (!domain) return { viewers: 'internet', publicPorts: [80], tls: null, originProof: null };
  const name = domain.originName;
  const tls = { domainName: name, hostedZone: domain.hostedZone, challengeRecordName: `_acme-challenge.${name}`, redirectHttp: cdn === null };
  return cdn
    ? { viewers: 'cloudfront', publicPorts: [443], tls, originProof: cdn.requireOriginSecret ? cdn.originProof : null }
    : { viewers: 'internet', publicPorts: [80, 443], tls, originProof: null };
}

/**
 * The load balancer's listeners: HTTP without a domain; with one, HTTPS with ACM's certificate for the
 * origin name, plus an HTTP listener that redirects when viewers come straight to it. Behind CloudFront only
 * the serving port is admitted: each rule naming CloudFront's origin-facing prefix list counts 55 of the
 * group's 60 (https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html).
 */
export function loadBalancerFront(domain: DomainPlan | null, cdn: CdnPlan | null, healthCheck: { readonly path: string } | null):
  Pick<LoadBalancerPlan, 'listeners' | 'originProof' | 'appRulePriority' | 'healthCheckRule'> {
  const listeners: ListenerPlan[] = domain
    ? [
        { id: 'Https', tfName: 'https', port: 443, protocol: 'HTTPS', action: 'serve', certificate: { id: 'OriginCertificate', tfName: 'origin_certificate', domainName: domain.originName } },
        ...(cdn ? [] : [{ id: 'Http', tfName: 'http', port: 80, protocol: 'HTTP', action: 'redirect-to-https', certificate: null } as const]),
      ]
    : [{ id: 'Http', tfName: 'http', port: 80, protocol: 'HTTP', action: 'serve', certificate: null }];
  const originProof = cdn?.requireOriginSecret ? cdn.originProof : null;
  return {
    listeners,
    originProof,
    appRulePriority: APP_RULE_PRIORITY,
    healthCheckRule: originProof && healthCheck ? { path: healthCheck.path, priority: HEALTH_CHECK_RULE_PRIORITY } : null,
  };
}

/** Before every service's rule (1000 and up). */
const HEALTH_CHECK_RULE_PRIORITY = 10;

/** The serving listener of a load balancer. */
export function servingListener(plan: Pick<LoadBalancerPlan, 'listeners'>): ListenerPlan {
  return plan.listeners.find((listener) => listener.action === 'serve')!;
}
