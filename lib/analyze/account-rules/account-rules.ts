import type { ArchitecturePlan } from '../../plan';
import type { AccountFinding, OutputAccountRule, PlanAccountRule, SynthesizedOutputs } from './account-rule';
import { cacheUserGroups } from './cache-user-groups';
import { databaseName } from './database-name';
import { dbInstancesPerRegion } from './db-instances-per-region';
import { hostedZoneLookup } from './hosted-zone-lookup';
import { rulesPerListener, targetGroupsPerLoadBalancer } from './load-balancer-quotas';
import { replicaSourcePassword } from './replica-source-password';
import { securityGroupRuleDuplicates } from './security-group-rule-duplicates';
import { securityGroupRules } from './security-group-rules';
import { securityGroupsPerInterface } from './security-groups-per-interface';

/** Rules over the plan: `tierup validate` runs them on every blueprint. */
export const PLAN_ACCOUNT_RULES: readonly PlanAccountRule[] = [dbInstancesPerRegion, rulesPerListener, targetGroupsPerLoadBalancer, hostedZoneLookup];

/** Rules over both engines' output: `tierup validate --deep` and the test suite run them. */
export const OUTPUT_ACCOUNT_RULES: readonly OutputAccountRule[] = [replicaSourcePassword, securityGroupRules, securityGroupsPerInterface, cacheUserGroups, securityGroupRuleDuplicates, databaseName];

/** Runs every plan rule. */
export function checkPlanAccountRules(plan: ArchitecturePlan, rules: readonly PlanAccountRule[] = PLAN_ACCOUNT_RULES): AccountFinding[] {
  return rules.flatMap((rule) => rule.check(plan));
}

/** Runs every output rule over one blueprint's synthesized templates and configurations. */
export function checkOutputAccountRules(outputs: SynthesizedOutputs, plan: ArchitecturePlan, rules: readonly OutputAccountRule[] = OUTPUT_ACCOUNT_RULES): AccountFinding[] {
  return rules.flatMap((rule) => rule.check(outputs, plan));
}
