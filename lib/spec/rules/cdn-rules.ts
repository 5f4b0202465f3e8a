import type { BlueprintRule } from './rule-context';

/** The path CloudFront sends to the static-assets bucket when `cdn.staticAssets` is on (the plan's CdnPlan uses it too). */
export const CDN_STATIC_ASSETS_PATH = '/static/*';

/**
 * A service path the CDN's own behaviours take never reaches the load balancer: CloudFront sends
 * `/static/*` to S3 before the ALB's listener rules see it. Both sides are prefix patterns, so they
 * collide when one's fixed prefix starts the other's.
 */
export const servicePathsAreNotShadowedByTheCdn: BlueprintRule = ({ spec, level }) => {
  const cdnOn = level >= 4 && spec.cdn?.enabled !== false;
  if (!cdnOn || spec.cdn?.staticAssets === false) return [];
  return (spec.services ?? []).flatMap((service, index) =>
    overlaps(service.pathPattern, CDN_STATIC_ASSETS_PATH)
      ? [{
          path: ['services', index, 'pathPattern'],
          message: `path pattern "${service.pathPattern}" of service "${service.name}" is taken by the CDN: CloudFront serves ${CDN_STATIC_ASSETS_PATH} from the static-assets bucket, so these requests never reach the service`,
          fix: `route the service elsewhere (e.g. "/${service.name}/*"), or set \`cdn.staticAssets: false\``,
        }]
      : [],
  );
};

/** Whether some path matches both patterns (`*` and `?` are wildcards; everything before the first one is a fixed prefix). */
function overlaps(a: string, b: string): boolean {
  const prefixA = fixedPrefix(a);
  const prefixB = fixedPrefix(b);
  const exactA = prefixA === a;
  const exactB = prefixB === b;
  if (exactA && exactB) return a === b;
  if (exactA) return a.startsWith(prefixB);
  if (exactB) return b.startsWith(prefixA);
  return prefixA.startsWith(prefixB) || prefixB.startsWith(prefixA);
}

function fixedPrefix(pattern: string): string {
  const wildcard = pattern.search(/[*?]/);
  return wildcard < 0 ? pattern : pattern.slice(0, wildcard);
}
