import { Aws } from 'aws-cdk-lib';
import { AccountRootPrincipal, Effect, type IPrincipal, PolicyDocument, PolicyStatement, ServicePrincipal, StarPrincipal } from 'aws-cdk-lib/aws-iam';
import type { PolicyConditionValue, PolicyPrincipalPlan, PolicyStatementPlan, ResourcePolicyPlan } from '../../plan';

// The plan's resource policies (lib/plan/monitoring/policy-plan.ts), statement for statement, as aws-cdk-lib writes them.

const EFFECTS = { Allow: Effect.ALLOW, Deny: Effect.DENY } as const satisfies Record<PolicyStatementPlan['effect'], Effect>;

/** The principals a statement of the plan names. */
function principals(plan: PolicyPrincipalPlan): IPrincipal[] {
  switch (plan.kind) {
    case 'service': return plan.services.map((service) => new ServicePrincipal(service));
    case 'account': return [new AccountRootPrincipal()];
    // Written `"Principal": "*"`, as aws-cdk-lib's `enforceSSL` writes it.
    case 'anyone': return [new StarPrincipal()];
  }
}

/** A condition's value: the literal, the id of the account the stack is deployed in, or an ARN in that account and partition. */
function conditionValue(value: PolicyConditionValue): string {
  switch (value.kind) {
    case 'literal': return value.value;
    case 'account-id': return Aws.ACCOUNT_ID;
    case 'arn': return `arn:${Aws.PARTITION}:${value.service}:${value.region}:${Aws.ACCOUNT_ID}:${value.resource}`;
  }
}

/** One statement of the plan; `self` is the ARN of the resource the policy is attached to. */
export function policyStatement(plan: PolicyStatementPlan, self: string): PolicyStatement {
  const conditions: Record<string, Record<string, string>> = {};
  for (const condition of plan.conditions) conditions[condition.operator] = { ...conditions[condition.operator], [condition.key]: conditionValue(condition.value) };
  return new PolicyStatement({
    sid: plan.sid,
    effect: EFFECTS[plan.effect],
    principals: principals(plan.principal),
    actions: [...plan.actions],
    resources: [plan.resource === 'self' ? self : '*'],
    conditions,
  });
}

/** The plan's whole resource policy as a document (a key policy, whose `*` is the key itself). */
export function policyDocument(plan: ResourcePolicyPlan, self: string): PolicyDocument {
  return new PolicyDocument({ statements: plan.statements.map((statement) => policyStatement(statement, self)) });
}
