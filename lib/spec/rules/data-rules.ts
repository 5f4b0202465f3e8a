import { GLOBAL_DATASTORE_MAX_REGIONS, GLOBAL_DATASTORE_PREFIXES, globalDatastoreSupportsNodeType } from '../global-datastore';
import type { BlueprintRule, RuleIssue } from './rule-context';

/** Shard boundaries and geo maps fit the strategy and the shard count. */
export const shardsAreConsistent: BlueprintRule = ({ spec }) => {
  const shards = spec.database?.shards;
  if (!shards) return [];
  const path = ['database', 'shards'];
  const issues: RuleIssue[] = [];
  if (shards.boundaries && shards.strategy !== 'range') {
    issues.push({ path: [...path, 'boundaries'], atKey: true, message: 'boundaries apply only to strategy "range"', fix: 'remove `boundaries` or set `strategy: range`' });
  }
  if (shards.geo && shards.strategy !== 'geo') {
    issues.push({ path: [...path, 'geo'], atKey: true, message: 'geo applies only to strategy "geo"', fix: 'remove `geo` or set `strategy: geo`' });
  }
  const boundaries = shards.boundaries;
  if (boundaries && boundaries.length !== shards.count - 1) {
    issues.push({ path: [...path, 'boundaries'], message: `${boundaries.length} boundaries for ${shards.count} shards`, fix: `give ${shards.count - 1} ascending lower bounds, one for each shard after shard 0` });
  }
  if (boundaries && boundaries.some((bound, i) => i > 0 && bound <= boundaries[i - 1])) {
    issues.push({ path: [...path, 'boundaries'], message: 'boundaries are not strictly ascending', fix: 'sort them and remove repeats' });
  }
  for (const [place, shard] of Object.entries(shards.geo ?? {})) {
    if (shard >= shards.count) {
      issues.push({ path: [...path, 'geo', place], message: `"${place}" maps to shard ${shard}, but there are ${shards.count} shards (0-${shards.count - 1})`, fix: `use a shard number below ${shards.count}` });
    }
  }
  return issues;
};

/** Each domain name lies inside its hosted zone, and at level 7 `domain` and `multiRegion` name the same one. */
export const domainIsInZone: BlueprintRule = ({ spec }) => {
  const issues: RuleIssue[] = [];
  const check = (name: string, zone: string, path: (string | number)[]): void => {
    if (name === zone || name.endsWith(`.${zone}`)) return;
    issues.push({ path, message: `${name} is not inside the hosted zone ${zone}`, fix: `use a name ending in .${zone}, or name the zone that holds ${name}` });
  };
  if (spec.domain) check(spec.domain.name, spec.domain.hostedZone, ['domain', 'name']);
  const routing = spec.multiRegion;
  if (routing) check(routing.domainName, routing.hostedZoneName, ['multiRegion', 'domainName']);
  if (spec.domain && routing && (spec.domain.name !== routing.domainName || spec.domain.hostedZone !== routing.hostedZoneName)) {
    issues.push({
      path: ['multiRegion', 'domainName'],
      message: `multiRegion names ${routing.domainName} in ${routing.hostedZoneName}, but domain names ${spec.domain.name} in ${spec.domain.hostedZone}; the application has one name`,
      fix: `set \`multiRegion.domainName: ${spec.domain.name}\` and \`multiRegion.hostedZoneName: ${spec.domain.hostedZone}\``,
    });
  }
  if (spec.domain?.hostedZoneId && routing?.hostedZoneId && spec.domain.hostedZoneId !== routing.hostedZoneId) {
    issues.push({
      path: ['multiRegion', 'hostedZoneId'],
      message: `multiRegion names the zone ${routing.hostedZoneId}, but domain names ${spec.domain.hostedZoneId}`,
      fix: 'give the id once (in domain), or the same id in both',
    });
  }
  return issues;
};

/**
 * ACM refuses a certificate whose first domain name is longer than 64 characters (it becomes the subject's
 * common name): https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate.html ("Domain names"). tierup
 * requests one for the name viewers use and, behind CloudFront, one for `origin.<name>`.
 */
export const certificateNamesFit: BlueprintRule = ({ spec, level }) => {
  const domain = spec.domain?.name ?? (level >= 7 ? spec.multiRegion?.domainName : undefined);
  if (!domain) return [];
  const behindCdn = spec.cdn?.enabled !== false || level >= 7;
  const longest = behindCdn ? `origin.${domain}` : domain;
  if (longest.length <= ACM_MAX_NAME) return [];
  return [{
    path: spec.domain ? ['domain', 'name'] : ['multiRegion', 'domainName'],
    message: `${longest} is ${longest.length} characters; ACM certificates take a name of at most ${ACM_MAX_NAME}${behindCdn ? ' (tierup requests one for origin.<name>, which CloudFront reaches)' : ''}`,
    fix: `use a name of at most ${behindCdn ? ACM_MAX_NAME - 'origin.'.length : ACM_MAX_NAME} characters`,
  }];
};

/** ACM's limit on a certificate's first domain name. */
const ACM_MAX_NAME = 64;

/**
 * `multiRegion.globalCache` needs what an ElastiCache global datastore accepts: a supported node type
 * (M5, M6g, M7g, R5, R6g, R6gd, R7g, C7gn, large and above; the t-family defaults are not), at most two
 * further regions, and a primary region whose datastore id prefix AWS publishes.
 */
export const globalCacheIsSupported: BlueprintRule = ({ spec }) => {
  // With the cache off, cacheOffStandsAlone says the one thing wrong.
  if (!spec.multiRegion?.globalCache || spec.cache?.enabled === false) return [];
  const issues: RuleIssue[] = [];
  const nodeType = spec.cache?.nodeType;
  if (!nodeType || !globalDatastoreSupportsNodeType(nodeType)) {
    issues.push({
      path: nodeType ? ['cache', 'nodeType'] : ['multiRegion', 'globalCache'],
      message: nodeType
        ? `${nodeType} cannot be part of an ElastiCache global datastore (multiRegion.globalCache); it needs an M5, M6g, M7g, R5, R6g, R6gd, R7g or C7gn node, large or bigger`
        : 'multiRegion.globalCache needs `cache.nodeType` of a global-datastore family (M5, M6g, M7g, R5, R6g, R6gd, R7g, C7gn, large or bigger); the default node type is a t-family node',
      fix: 'set `cache.nodeType: cache.r7g.large` (or another supported type), or set `multiRegion.globalCache: false`',
    });
  }
  if (spec.regions.length > GLOBAL_DATASTORE_MAX_REGIONS) {
    issues.push({
      path: ['multiRegion', 'globalCache'],
      message: `a global datastore spans at most ${GLOBAL_DATASTORE_MAX_REGIONS} regions (a primary and two secondaries), and this blueprint lists ${spec.regions.length}`,
      fix: `keep ${GLOBAL_DATASTORE_MAX_REGIONS} regions, or set \`multiRegion.globalCache: false\``,
    });
  }
  if (GLOBAL_DATASTORE_PREFIXES[spec.regions[0]] === undefined) {
    issues.push({
      path: ['multiRegion', 'globalCache'],
      message: `AWS publishes no global datastore id prefix for ${spec.regions[0]}, so the further regions' caches could not name the datastore`,
      fix: `make one of ${Object.keys(GLOBAL_DATASTORE_PREFIXES).join(', ')} the first region, or set \`multiRegion.globalCache: false\``,
    });
  }
  return issues;
};
