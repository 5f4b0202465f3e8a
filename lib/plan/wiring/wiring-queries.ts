import type { AwsRegion } from '../../spec';
import type { NetworkEdge, SettingPlan, SettingPublisher, WiringPlan, WiringRef, WiringTier } from './wiring-graph';

// Small lookups the renderers and analyses share, so none of them re-derives the graph.

/** A ref as one string, `kind:key@region`. */
export function refKey(ref: WiringRef): string {
  return `${ref.kind}:${ref.key}@${ref.region}`;
}

/** The edges into a node. */
export function edgesTo(wiring: WiringPlan, kind: WiringRef['kind'], key: string, region: AwsRegion): NetworkEdge[] {
  return wiring.edges.filter((edge) => edge.to.kind === kind && edge.to.key === key && edge.to.region === region);
}

/** The edges out of a node. */
export function edgesFrom(wiring: WiringPlan, kind: WiringRef['kind'], key: string, region: AwsRegion): NetworkEdge[] {
  return wiring.edges.filter((edge) => edge.from.kind === kind && edge.from.key === key && edge.from.region === region);
}

/** A tier of a region by its key. */
export function tierOf(wiring: WiringPlan, key: string, region: AwsRegion): WiringTier | undefined {
  return wiring.tiers.find((tier) => tier.ref.key === key && tier.ref.region === region);
}

/** The tiers of a region. */
export function regionTiers(wiring: WiringPlan, region: AwsRegion): WiringTier[] {
  return wiring.tiers.filter((tier) => tier.ref.region === region);
}

/** The settings a publisher publishes in a region, for one engine. */
export function publishedSettings(
  wiring: WiringPlan, region: AwsRegion, engine: 'cloudformation' | 'terraform', matches: (publisher: SettingPublisher) => boolean,
): SettingPlan[] {
  return wiring.settings.filter((setting) => setting.region === region && (setting.only === null || setting.only === engine) && matches(setting.publisher));
}

/** The settings one engine tells a tier (what its boot script reads), by full parameter name. */
export function toldNames(tier: WiringTier, engine: 'cloudformation' | 'terraform'): string[] {
  return tier.settings.filter((setting) => setting.only === null || setting.only === engine).map((setting) => setting.name);
}

/** The kinds of planned resource a tier's boot waits for when its settings name them. */
const STORE_KINDS: ReadonlySet<WiringRef['kind']> = new Set(['database', 'proxy', 'regional-replica', 'cache']);

/**
 * The data stores of its own region whose addresses a tier's settings carry, in a stable order: its instances wait
 * for each of them at boot, so both engines create the tier's instances (its Auto Scaling group, or the server) after
 * them, and a slow database or cross-region replica does not use up the instances' bounded wait.
 */
export function awaitedStores(tier: WiringTier): WiringRef[] {
  const stores = new Map<string, WiringRef>();
  for (const setting of tier.settings) {
    const { value } = setting;
    if (value.kind === 'reference' && STORE_KINDS.has(value.resource.kind) && value.resource.region === tier.ref.region) stores.set(refKey(value.resource), value.resource);
  }
  return [...stores].toSorted(([a], [b]) => a.localeCompare(b)).map(([, ref]) => ref);
}
