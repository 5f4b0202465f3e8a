import type { BlueprintSpec } from '../blueprint-schema';
import { cacheOffStandsAlone } from './cache-off-rules';
import { alertsAreReachable } from './alerts-rules';
import { engineVersionsExist, typesExist } from './catalog-rules';
import { servicePathsAreNotShadowedByTheCdn } from './cdn-rules';
import { eventsHavePublishers, pathPatternsDoNotConflict } from './routing-rules';
import { certificateNamesFit, domainIsInZone, globalCacheIsSupported, shardsAreConsistent } from './data-rules';
import { levelOneFieldsOnlyAtLevelOne, regionsFitTheLevel, sectionsBelowTheirLevel } from './level-rules';
import { namesAreUnique } from './name-rules';
import { existingVpcFitsTheLevel } from './existing-vpc-rules';
import { networkIsValid, tagsAreValid } from './network-rules';
import { overridesAreWellFormed } from './override-rules';
import { appPortIsFreeOnTheServer } from './port-rules';
import type { BlueprintRule, RuleContext, RuleIssue } from './rule-context';
import { scalingIsConsistent } from './scaling-rules';

/** Every cross-field rule, in the order their problems are reported. */
export const BLUEPRINT_RULES: readonly BlueprintRule[] = [
  sectionsBelowTheirLevel,
  levelOneFieldsOnlyAtLevelOne,
  regionsFitTheLevel,
  networkIsValid,
  existingVpcFitsTheLevel,
  tagsAreValid,
  scalingIsConsistent,
  appPortIsFreeOnTheServer,
  namesAreUnique,
  pathPatternsDoNotConflict,
  servicePathsAreNotShadowedByTheCdn,
  eventsHavePublishers,
  shardsAreConsistent,
  domainIsInZone,
  certificateNamesFit,
  cacheOffStandsAlone,
  globalCacheIsSupported,
  engineVersionsExist,
  typesExist,
  overridesAreWellFormed,
  alertsAreReachable,
];

/** Runs every rule over a parsed blueprint. */
export function checkRules(spec: BlueprintSpec, raw: Record<string, unknown>): RuleIssue[] {
  const context: RuleContext = { spec, level: spec.level, raw };
  return BLUEPRINT_RULES.flatMap((rule) => rule(context));
}
