import { acceptedOriginSecrets } from '../../plan';
import type { ArchitecturePlan, DomainPlan, OriginSecretPlan } from '../../plan';
import type { Migration } from './migration-steps';

// What to do around a deploy that adds a domain, climbs 3 → 4 behind one, or rotates the origin secret.

/** A domain record tierup creates fails to deploy when the zone already has one by that name; how to clear the way. */
export function existingRecordStep(domain: DomainPlan): string {
  return `If ${domain.hostedZone} already holds a record named ${domain.name} (yours, pointing at the old address), the deploy fails: ` +
    'Route 53 will not let the stack create a record that exists. Delete it just before the deploy (CloudFormation cannot take over an existing record), ' +
    'or with Terraform import it into the resource `terraform plan` shows for it (terraform import aws_route53_record.<name> <zone id>_<record name>_<type>). ' +
    'Between the deletion and the deploy creating tierup\'s record, new visitors get no answer, and resolvers may keep that empty answer for the zone\'s negative-caching time ' +
    '(the SOA record\'s TTL, 900 s by default in Route 53): delete it in a quiet window, right before the deploy.';
}

/** The us-east-1 and regional certificates' DNS validation: the first deploy with them waits for it. */
function validationStep(domain: DomainPlan, certificates: readonly string[]): string {
  return `The first deploy waits until ACM has validated ${certificates.join(' and ')} through CNAME records it writes in ${domain.hostedZone} ` +
    '(usually a few minutes; it stalls for as long as the zone is not the one the world resolves, so check that its NS records are the registrar\'s). ' +
    'https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html';
}

/**
 * Level 3 → 4 on a domain the blueprint already had: the names viewers use stay; the one record that pointed at
 * the server (`originName` behind CloudFront, else `name` itself) is repointed by the deploy itself.
 */
export function climbOnTheDomain(before: ArchitecturePlan, after: ArchitecturePlan): Migration | null {
  const domain = after.domain;
  if (!before.server || !after.fleet || !domain || !before.domain || (before.cdn === null) !== (after.cdn === null)) return null;
  const behindCdn = after.cdn !== null;
  const moving = behindCdn ? domain.originRecord : domain.viewerRecord;
  const previous = behindCdn ? before.domain.originRecord : before.domain.viewerRecord;
  if (!moving || !previous) return null;
  const certificate = after.loadBalancer?.listeners.find((listener) => listener.certificate !== null)?.certificate ?? null;
  return {
    title: 'Move traffic from the single server to the fleet (level 3 → 4)',
    steps: [
      'Before the deploy, keep sessions outside the instances (the cache), since any instance may now serve any request.',
      behindCdn
        ? `Nothing to do in DNS: viewers have reached CloudFront at ${domain.name} since the domain was added, and keep doing so. Only ${moving.name}, which only CloudFront looks up, moves, and the deploy moves it.`
        : `Nothing to do in DNS: the deploy itself moves ${moving.name}, the record tierup created, from the server's Elastic IP to the load balancer.`,
      `CloudFormation: deploy level 4. The deploy creates the fleet and the load balancer${certificate ? ` (HTTPS on 443 with ACM's certificate for ${certificate.domainName})` : ''}, ` +
        `waits until the fleet's instances pass the health check on ${after.fleet.healthCheckPath}, then points ${moving.name} at the load balancer ` +
        `(an alias in place of the server's A record, whose TTL is ${previous.ttlSeconds} s), and removes the server and its Elastic IP last, in the update's cleanup phase.`,
      // Terraform destroys what left the configuration in parallel with creating the rest, so a plain apply could
      // take the server away before the fleet serves; a targeted apply creates what the record depends on first.
      `Terraform: apply in two steps, or the server may be destroyed while the fleet is still starting: \`terraform apply -target=aws_route53_record.${moving.tfName}\` ` +
        `creates the load balancer${certificate ? ', its certificate' : ''} and the fleet (the record waits for the fleet's instances to pass the health check) and moves the record, destroying nothing; ` +
        `wait ${previous.ttlSeconds} s (the record's TTL), then \`terraform apply\` removes the server and its Elastic IP.`,
      ...(certificate ? [validationStep(domain, [certificate.domainName])] : []),
      `${behindCdn ? 'CloudFront follows' : 'Resolvers follow'} the record within its ${previous.ttlSeconds}-second TTL. ${behindCdn ? 'Edges' : 'Viewers'} that looked ${moving.name} up in the minute before it moved may still try the server's address until their answer expires, ` +
        `so the server must outlive that minute. Terraform's two steps guarantee it; CloudFormation's cleanup phase usually comes within that minute, ` +
        `so a few requests may fail${behindCdn ? ' (CloudFront answers 502)' : ''} then: deploy in a quiet window.`,
      'Watch during the deploy: the target group\'s healthy targets (aws elbv2 describe-target-health)' + (behindCdn ? ', CloudFront\'s 5xxErrorRate metric' : '') +
        `, and \`dig +short ${moving.name}\` (the load balancer's addresses once it has moved). ` +
        'If the instances never turn healthy, the deploy stops before the record moves and the server keeps serving: CloudFormation rolls back; Terraform stops with an error, so fix the cause and apply again.',
      `Afterwards check https://${domain.name}/ (the stack output Url in CloudFormation, \`terraform output url\` in Terraform).` +
        (after.cdn ? ' The origin secret is the same one, now checked by the load balancer\'s rules instead of the server.' : ''),
      before.cdn?.staticAssets ? 'Static assets stay where they are: the static-assets bucket at /static/*.' : after.cdn?.staticAssets
        ? 'Upload static files to the static-assets bucket (CloudFormation stack output StaticAssetsBucket; `aws_s3_bucket.static_assets` in Terraform) under static/ and serve them at /static/* with versioned names.'
        : 'Serve static files from the fleet.',
    ],
  };
}

/** A blueprint already deployed gets a domain (or, at level 7, the domain multiRegion names): certificates, records, HTTPS to the origin. */
export function addTheDomain(before: ArchitecturePlan, after: ArchitecturePlan): Migration | null {
  const domain = after.domain;
  if (!domain || before.domain) return null;
  const originCertificate = after.loadBalancer?.listeners.find((listener) => listener.certificate !== null)?.certificate ?? null;
  const regions = after.regions.map((region) => region.region).join(', ');
  const certificates = [
    ...(domain.viewerCertificate ? [`${domain.viewerCertificate.domainName} (us-east-1, for CloudFront)`] : []),
    ...(originCertificate ? [`${originCertificate.domainName} (${regions}, for the load balancer${after.regions.length > 1 ? 's' : ''})`] : []),
  ];
  const front = after.server
    ? after.cdn
      ? [
          `CloudFront comes in front of the server: the deploy creates the distribution for ${domain.name} (with the static-assets bucket), the record ${domain.name} → CloudFront, and ${domain.originName} → the server's Elastic IP. ` +
            `The server gets its own certificate for ${domain.originName} from Let's Encrypt (a DNS-01 challenge in ${domain.hostedZone}) and serves HTTPS on 443.`,
          `From this deploy the server admits only CloudFront, on 443, and refuses requests without the origin secret header (${after.cdn.originProof.headerName}): ` +
            `whoever used the Elastic IP or http:// directly must move to https://${domain.name}/.`,
        ]
      : [`The server gets its own certificate for ${domain.name} from Let's Encrypt (a DNS-01 challenge in ${domain.hostedZone}), serves HTTPS on 443 and redirects port 80; the record ${domain.name} → its Elastic IP is created.`]
    : after.cdn
      ? [
          `The load balancer's listener moves from HTTP on 80 to HTTPS on 443 with ACM's certificate for ${domain.originName}, and CloudFront reaches it over HTTPS at ${domain.originName}; ${domain.name} gets CloudFront's us-east-1 certificate and an alias record.`,
          'CloudFront\'s edges pick up the new origin over several minutes, and some still call port 80 meanwhile, which the load balancer stops admitting in this deploy: ' +
            'expect some failed requests (502 or 504) at those edges for a few minutes, in either engine. Deploy in a quiet window.',
        ]
      : [`The load balancer serves HTTPS on 443 with ACM's certificate for ${domain.name} and redirects HTTP on 80 to it; the record ${domain.name} → the load balancer is created.`];
  return {
    title: `Serve the app at https://${domain.name}/`,
    steps: [
      existingRecordStep(domain),
      ...front,
      ...(certificates.length ? [validationStep(domain, certificates)] : []),
      `After the deploy, check https://${domain.name}/ (the stack output Url in CloudFormation, \`terraform output url\` in Terraform).`,
    ],
  };
}

/**
 * `cdn.originSecretVersion` raised by one: CloudFront sends the version every origin has accepted since the last
 * rotation (created a rotation early), the one after it is created, and the one before the old is deleted.
 */
export function rotateTheOriginSecret(before: ArchitecturePlan, after: ArchitecturePlan): Migration | null {
  const from = before.cdn?.originProof.current;
  const to = after.cdn?.originProof.current;
  if (!from || !to || to.version !== from.version + 1) return null;
  const retired = before.cdn?.originProof.previous ?? null;
  const created = after.cdn!.originProof.next;
  return {
    title: `Rotate the origin secret (v${from.version} → v${to.version})`,
    steps: [
      `Deploy: CloudFront starts sending v${to.version} in ${after.cdn!.originProof.headerName}, a value every origin has accepted since the last deploy, ` +
        `and keeps accepting v${from.version}, so no request is refused while CloudFront's edges pick up the change (several minutes), in whatever order the stacks deploy. ` +
        `${created.name} (v${created.version}) is created for the next rotation.` +
        (retired ? ` ${retired.name} (v${retired.version}) is deleted: nothing sends it any more, and it holds no data, so the diff does not count it as lost.` : ''),
      `Rotate again only after the distribution shows Deployed (aws cloudfront get-distribution --id <id> --query Distribution.Status): the next rotation stops accepting v${from.version}.`,
      'Terraform keeps the secret values in its state: keep the state encrypted and readable only by whoever deploys.',
    ],
  };
}

/** Warnings a plan change deserves whatever the diff says: origin secret versions skipped or lowered. */
export function originProofWarnings(before: ArchitecturePlan, after: ArchitecturePlan): string[] {
  const from = before.cdn?.originProof.current;
  const to = after.cdn?.originProof.current;
  if (!from || !to || to.version === from.version || to.version === from.version + 1) return [];
  if (to.version > from.version) {
    return [`cdn.originSecretVersion jumps from ${from.version} to ${to.version}: the origin will accept only v${to.version - 1}, v${to.version} and v${to.version + 1}, ` +
      `but CloudFront keeps sending v${from.version} until each edge has the change (minutes), so requests are refused (403) meanwhile; raise it by one per deploy, waiting for the distribution to show Deployed in between`];
  }
  return [`cdn.originSecretVersion goes down from ${from.version} to ${to.version}: that is not a rollback; versions below ${from.version - 1} were deleted and are created anew with new values, ` +
    `and CloudFront sends the new v${to.version} before every edge has it, so requests may be refused (403) for minutes; raise the version instead`];
}

/** Warnings when a domain leaves the blueprint or changes name: the old name's records and certificates are deleted. */
export function domainWarnings(before: ArchitecturePlan, after: ArchitecturePlan): string[] {
  const was = before.domain;
  if (!was || (after.domain && after.domain.name === was.name)) return [];
  const front = after.domain ? `https://${after.domain.name}/, with new certificates and records` : (after.cdn ? 'CloudFront\'s own name' : 'the Elastic IP or the load balancer\'s own name, over HTTP');
  return [`the domain ${was.name} leaves the blueprint: the deploy deletes its records and certificates, so https://${was.name}/ stops answering and viewers must move to ${front}`];
}

/** Names of the origin secrets of a plan: rotating deletes them by design, so they are not user data. */
export function originSecretNames(plan: ArchitecturePlan): string[] {
  const proof = plan.cdn?.originProof;
  return proof ? acceptedOriginSecrets(proof).map((secret: OriginSecretPlan) => secret.name) : [];
}
