import type { BlueprintRule, RuleIssue } from './rule-context';

/**
 * `cache.enabled: false` means no cache: a cache field beside it would configure nothing, and a global datastore
 * (`multiRegion.globalCache`) would have no cache to span. Each is an error rather than silently ignored.
 */
export const cacheOffStandsAlone: BlueprintRule = ({ spec, raw }) => {
  const written = raw.cache;
  if (typeof written !== 'object' || written === null || (written as Record<string, unknown>).enabled !== false) return [];
  const issues: RuleIssue[] = Object.keys(written).filter((field) => field !== 'enabled').map((field) => ({
    path: ['cache', field],
    atKey: true,
    message: `cache.${field} means nothing with \`cache.enabled: false\`: this blueprint has no cache`,
    fix: `remove \`cache.${field}\`, or remove \`enabled: false\` to keep the cache`,
  }));
  if (spec.multiRegion?.globalCache) {
    issues.push({
      path: ['multiRegion', 'globalCache'],
      message: 'multiRegion.globalCache spans the cache across the regions, and `cache.enabled: false` leaves no cache to span',
      fix: 'set `multiRegion.globalCache: false` (or remove it), or remove `cache.enabled: false`',
    });
  }
  return issues;
};
