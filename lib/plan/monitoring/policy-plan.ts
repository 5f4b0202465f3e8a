// A resource policy as the plan states it (the alerts key's, each alerts topic's): every statement's effect,
// principal, actions, resource and conditions. Both renderers translate these statements one for one, so the
// engines admit the same principals to the same actions under the same conditions, and decide none of it.

/** Who a statement names. */
export type PolicyPrincipalPlan =
  /** AWS services by their service principal (`cloudwatch.amazonaws.com`). */
  | { readonly kind: 'service'; readonly services: readonly string[] }
  /** The deploying account (its root principal, `arn:<partition>:iam::<account>:root`): IAM policies of the account then decide. */
  | { readonly kind: 'account' }
  /** Every principal (`*`): only ever denied something. */
  | { readonly kind: 'anyone' };

/** A condition's value: a literal, the id of the account the stack is deployed in, or an ARN in that account and its partition. */
export type PolicyConditionValue =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'account-id' }
  /** `arn:<partition>:<service>:<region>:<account>:<resource>`, e.g. `logs`, `log-group:/tierup/shop/production/*`. */
  | { readonly kind: 'arn'; readonly service: string; readonly region: string; readonly resource: string };

/** One condition of a statement: `StringEquals aws:SourceAccount = <account>`, `Bool aws:SecureTransport = false`, `ArnLike …`. */
export interface PolicyConditionPlan {
  readonly operator: 'StringEquals' | 'Bool' | 'ArnLike';
  readonly key: string;
  readonly value: PolicyConditionValue;
}

/**
 * What a statement applies to: `self`, the resource the policy is attached to (a topic's ARN), or `*`, which in a
 * KMS key policy means that key (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html).
 */
export type PolicyResourcePlan = 'self' | '*';

/** One statement of a resource policy. */
export interface PolicyStatementPlan {
  /** The statement's id in the document, unique within it. */
  readonly sid: string;
  readonly effect: 'Allow' | 'Deny';
  readonly principal: PolicyPrincipalPlan;
  readonly actions: readonly string[];
  readonly resource: PolicyResourcePlan;
  /** Every condition must hold; none when empty. */
  readonly conditions: readonly PolicyConditionPlan[];
}

/** A resource policy: its statements, in the order the document lists them. */
export interface ResourcePolicyPlan {
  readonly statements: readonly PolicyStatementPlan[];
}
