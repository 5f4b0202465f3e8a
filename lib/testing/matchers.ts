import { databaseEncryption, isDatabaseEncrypted, isLoadBalancerPrivateToCdn, loadBalancerAccess, statefulResources } from './inspect';
import type { Engine, RenderedOutputs } from './rendered-outputs';

/** What a jest matcher returns. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/** The stateful resource types expected per engine, e.g. `{ cloudformation: ['AWS::RDS::DBInstance'], terraform: ['aws_db_instance'] }`. */
export type ExpectedStatefulTypes = Partial<Record<Engine, readonly string[]>>;

/**
 * Jest matchers over {@link RenderedOutputs} (from `renderOutputs` or `snapshotBlueprint`); register
 * them with `expect.extend(tierupMatchers)`.
 */
export const tierupMatchers = {
  /** Passes when there is a database and every instance, in every engine, is encrypted at rest. */
  toHaveEncryptedDatabases(received: RenderedOutputs): MatcherResult {
    const databases = databaseEncryption(received);
    const plain = databases.filter((database) => !database.encrypted);
    return {
      pass: isDatabaseEncrypted(received),
      message: () => (databases.length === 0
        ? 'expected the outputs to hold a database; they hold none'
        : plain.length > 0
          ? `expected every database to be encrypted; not encrypted: ${plain.map(describe).join(', ')}`
          : `expected an unencrypted database; all ${databases.length} are encrypted`),
    };
  },

  /** Passes when there is a load balancer and each admits only CloudFront (prefix-list ingress) behind a distribution. */
  toHaveLoadBalancerPrivateToCdn(received: RenderedOutputs): MatcherResult {
    const balancers = loadBalancerAccess(received);
    const open = balancers.filter((balancer) => !(balancer.behindCdn && balancer.onlyPrefixLists && balancer.ingressRules > 0));
    return {
      pass: isLoadBalancerPrivateToCdn(received),
      message: () => (balancers.length === 0
        ? 'expected the outputs to hold a load balancer; they hold none'
        : open.length > 0
          ? `expected every load balancer to admit only CloudFront; not so: ${open.map((balancer) => `${describe(balancer)}${balancer.behindCdn ? '' : ' (no distribution)'}`).join(', ')}`
          : 'expected a load balancer open beyond CloudFront; every one admits only CloudFront'),
    };
  },

  /** Passes when the stateful resource types of each engine named are exactly the ones given (order and repeats ignored). */
  toHaveStatefulTypes(received: RenderedOutputs, expected: ExpectedStatefulTypes): MatcherResult {
    const found = statefulResources(received);
    const mismatches = (Object.entries(expected) as [Engine, readonly string[]][]).flatMap(([engine, types]) => {
      const actual = [...new Set(found.filter((resource) => resource.engine === engine).map((resource) => resource.type))].toSorted();
      const wanted = [...new Set(types)].toSorted();
      return actual.join(',') === wanted.join(',') ? [] : [`${engine}: expected [${wanted.join(', ')}], found [${actual.join(', ')}]`];
    });
    return {
      pass: mismatches.length === 0,
      message: () => (mismatches.length > 0 ? mismatches.join('; ') : 'expected the stateful types to differ; they match'),
    };
  },
};

function describe(resource: { readonly engine: Engine; readonly stack: string; readonly address: string }): string {
  return `${resource.engine} ${resource.stack} ${resource.address}`;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // The type parameters of @types/jest's declaration, which this one merges with.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> {
      /** tierup: a database exists and every instance is encrypted at rest. */
      toHaveEncryptedDatabases(): R;
      /** tierup: every load balancer sits behind CloudFront and admits only its origin-facing prefix list. */
      toHaveLoadBalancerPrivateToCdn(): R;
      /** tierup: the stateful resource types per engine are exactly these. */
      toHaveStatefulTypes(expected: ExpectedStatefulTypes): R;
    }
  }
}
