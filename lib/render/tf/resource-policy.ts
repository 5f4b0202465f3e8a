import type { PolicyConditionValue, PolicyPrincipalPlan, ResourcePolicyPlan } from '../../plan';
import { policyDocument, type PolicyStatement } from './policy-documents';

// The plan's resource policies (lib/plan/monitoring/policy-plan.ts), statement for statement, as policy JSON whose
// deploy-time parts (the partition, the account, the resource's ARN) are Terraform references.

/** Where a policy's deploy-time parts come from. */
export interface PolicyContext {
  /** The ARN of the resource the policy is attached to: the plan's `self`. */
  readonly self: string;
  readonly partition: string;
  readonly accountId: string;
}

/** The principal of a statement: services by name, the account's root, or everyone. */
function principal(plan: PolicyPrincipalPlan, context: PolicyContext): unknown {
  switch (plan.kind) {
    case 'service': return { Service: [...plan.services] };
    case 'account': return { AWS: `arn:${context.partition}:iam::${context.accountId}:root` };
    case 'anyone': return { AWS: '*' };
  }
}

/** A condition's value: the literal, the account's id, or an ARN in the account and its partition. */
function conditionValue(value: PolicyConditionValue, context: PolicyContext): string {
  switch (value.kind) {
    case 'literal': return value.value;
    case 'account-id': return context.accountId;
    case 'arn': return `arn:${context.partition}:${value.service}:${value.region}:${context.accountId}:${value.resource}`;
  }
}

/** The plan's policy as a JSON document: one statement per planned statement, in the plan's order. */
export function resourcePolicy(plan: ResourcePolicyPlan, context: PolicyContext): string {
  return policyDocument(plan.statements.map((statement): PolicyStatement => {
    const conditions: Record<string, Record<string, string>> = {};
    for (const condition of statement.conditions) {
      conditions[condition.operator] = { ...conditions[condition.operator], [condition.key]: conditionValue(condition.value, context) };
    }
    return {
      Sid: statement.sid,
      Effect: statement.effect,
      Principal: principal(statement.principal, context),
      // One action as a string, as IAM and aws-cdk-lib write it.
      Action: statement.actions.length === 1 ? statement.actions[0] : [...statement.actions],
      Resource: statement.resource === 'self' ? context.self : '*',
      ...(statement.conditions.length > 0 ? { Condition: conditions } : {}),
    };
  }));
}
