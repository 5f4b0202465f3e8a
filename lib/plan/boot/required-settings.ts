import type { ArchitecturePlan } from '../architecture-plan';
import type { ToldCredentials } from './settings-script';
import type { AwsRegion } from '../../spec';

/** Which instances a boot script is for. */
export type BootTier =
  | { readonly kind: 'server' }
  | { readonly kind: 'fleet'; readonly service: string | null }
  | { readonly kind: 'worker'; readonly service: string | null; readonly queue: string };

/** The level-1 server's setting naming its data volume, published beside the other settings. */
export const DATA_VOLUME_ID_SETTING = 'server/data-volume-id';

/**
 * The settings (paths under the tier's prefix) that must exist before a tier's app starts: what the wiring
 * graph tells the tier in `region` and both engines publish alike (the cache's authentication settings differ
 * between them, docs/terraform.md, and are left out).
 */
export function requiredSettings(plan: ArchitecturePlan, tier: BootTier, region: AwsRegion): string[] {
  const key = tierKey(plan, tier);
  const wired = plan.wiring.tiers.find((candidate) => candidate.ref.key === key && candidate.ref.region === region);
  if (!wired) return [];
  const prefix = `${wired.settingsPrefix}/`;
  return wired.settings.filter((setting) => setting.only === null && setting.name.startsWith(prefix)).map((setting) => setting.name.slice(prefix.length));
}

/** The database users and passwords the wiring graph tells a tier in `region`, as paths under its prefix. */
export function toldCredentials(plan: ArchitecturePlan, tier: BootTier, region: AwsRegion): ToldCredentials[] {
  const key = tierKey(plan, tier);
  const wired = plan.wiring.tiers.find((candidate) => candidate.ref.key === key && candidate.ref.region === region);
  if (!wired) return [];
  const path = (name: string): string => name.slice(wired.settingsPrefix.length + 1);
  return wired.credentials.map((told) => ({ secretArn: path(told.secretArnSetting), username: path(told.username), password: path(told.password) }));
}

/** The tier's key in the wiring graph (its Terraform name in the plan). */
function tierKey(plan: ArchitecturePlan, tier: BootTier): string | undefined {
  if (tier.kind === 'server') return plan.server?.tfName;
  const service = tier.service === null ? null : plan.services.find((candidate) => candidate.name === tier.service);
  if (tier.kind === 'fleet') return service ? service.fleet.tfName : plan.fleet?.tfName;
  return (service ? service.queues : plan.queues).find((queue) => queue.name === tier.queue)?.worker?.tfName;
}
