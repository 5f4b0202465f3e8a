import { Fn, Stack, Token } from 'aws-cdk-lib';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { SecretReplicaPlan, SettingValue, WiringAttribute, WiringRef } from '../../plan';
import { pascalCase } from '../../plan/naming';
import { refKey } from '../../plan/wiring/wiring-queries';
import type { Cache } from './cache';
import type { Database } from './database';
import type { Events } from './events';
import { acknowledgeLookup } from './nag';
import type { AwsRegion } from '../../spec';
import type { QueueWorker } from './queue-worker';

/**
 * The values the wiring graph's settings and grants name, by planned resource and attribute, registered by the
 * constructs that create them. A value of another region is read from that region's copy of the setting
 * (`copyOf`) at deploy time: CloudFormation cannot reference a resource in another region.
 */
export class SettingValues extends Construct {
  private readonly values = new Map<string, string | readonly string[]>();
  private lookups: AwsCustomResource | null = null;
  private readonly remote = new Map<string, string>();
  /** The stack's region, where the values it holds live. */
  public readonly region: AwsRegion;

  constructor(scope: Construct, id: string, region: AwsRegion) {
    super(scope, id);
    this.region = region;
  }

  /** Records what a construct created for a planned resource. */
  public set(ref: WiringRef, attribute: WiringAttribute, value: string | readonly string[]): void {
    this.values.set(`${refKey(ref)}#${attribute}`, value);
  }

  /** One attribute as a list (reader addresses) or a single value. */
  public get(ref: WiringRef, attribute: WiringAttribute): string | readonly string[] | undefined {
    return this.values.get(`${refKey(ref)}#${attribute}`);
  }

  /** The string an SSM parameter or a policy holds for a setting's value. */
  public resolve(value: SettingValue): string {
    if (value.kind === 'literal') return value.value;
    if (value.resource.region !== this.region && value.copyOf !== null) return this.fromRegion(value.resource.region, value.copyOf);
    const found = this.get(value.resource, value.attribute) ?? [];
    const items = (typeof found === 'string' ? [found] : found).map((item) => (value.port === null ? item : `${item}:${value.port}`));
    return items.join(',');
  }

  /** Reads a parameter of another region (the primary's) when the stack deploys, with one lookup for all of them. */
  private fromRegion(region: string, name: string): string {
    const known = this.remote.get(name);
    if (known) return known;
    const id = `Read${pascalCase(name.replace(/[/.]/g, '-'))}`;
    const lookup = new AwsCustomResource(this, id, {
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        region,
        parameters: { Name: name },
        physicalResourceId: PhysicalResourceId.of(`${region}${name}`),
        outputPaths: ['Parameter.Value'],
      },
      policy: AwsCustomResourcePolicy.fromSdkCalls({
        resources: [Stack.of(this).formatArn({ service: 'ssm', region, resource: 'parameter', resourceName: name.slice(1) })],
      }),
      installLatestAwsSdk: false,
    });
    if (this.lookups === null) {
      this.lookups = lookup;
      acknowledgeLookup(lookup);
    }
    const value = Token.asString(lookup.getResponseField('Parameter.Value'));
    this.remote.set(name, value);
    return value;
  }
}

/** The ref of a planned resource in the values' stack region. */
function here(values: SettingValues, kind: WiringRef['kind'], key: string): WiringRef {
  return { kind, key, region: values.region };
}

/** Registers a database's writer, readers, secret and proxy. */
export function registerDatabase(values: SettingValues, database: Database): void {
  const { plan } = database;
  values.set(here(values, 'database', plan.tfName), 'address', database.instance.dbInstanceEndpointAddress);
  values.set(here(values, 'database', plan.tfName), 'reader-addresses', database.replicas.map((replica) => replica.dbInstanceEndpointAddress));
  values.set(here(values, 'database-secret', plan.tfName), 'secret-arn', database.secret.secretArn);
  if (plan.proxy && database.proxy) values.set(here(values, 'proxy', plan.proxy.tfName), 'address', database.proxy.endpoint);
}

/**
 * Registers the ARN of each master secret's replica in the values' region: the primary's ARN, read from the
 * primary region's setting, with the region swapped. A secret's name holds no colon (letters, digits and
 * `/_+=.@-`: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#SecretsManager-CreateSecret-request-Name),
 * so `:<region>:` matches the ARN's region field alone.
 */
export function registerSecretReplicas(values: SettingValues, replicas: readonly SecretReplicaPlan[]): void {
  for (const { replica, primary, copyOf } of replicas.filter((candidate) => candidate.replica.region === values.region)) {
    const primaryArn = values.resolve({ kind: 'reference', resource: primary, attribute: 'secret-arn', port: null, copyOf });
    // The two sides of the region field, joined around the replica's region: a list cdk-nag's rules can read.
    const [head, tail] = Fn.split(`:${primary.region}:`, primaryArn, 2);
    values.set(replica, 'secret-arn', Fn.join('', [head, `:${replica.region}:`, tail]));
  }
}

/** Registers a cache's endpoints and AUTH token. */
export function registerCache(values: SettingValues, cache: Cache): void {
  const { plan, replicationGroup } = cache;
  values.set(here(values, 'cache', plan.tfName), 'address', replicationGroup.attrPrimaryEndPointAddress);
  values.set(here(values, 'cache', plan.tfName), 'reader-address', replicationGroup.attrReaderEndPointAddress);
  values.set(here(values, 'cache-auth', plan.tfName), 'secret-arn', cache.authToken.secretArn);
}

/** Registers a queue's URL and ARN. */
export function registerQueue(values: SettingValues, queue: QueueWorker): void {
  values.set(here(values, 'queue', queue.plan.tfName), 'url', queue.queue.queueUrl);
  values.set(here(values, 'queue', queue.plan.tfName), 'arn', queue.queue.queueArn);
}

/** Registers each event topic's ARN. */
export function registerTopics(values: SettingValues, events: Events): void {
  for (const plan of events.plans) {
    const topic = events.topics.get(plan.name);
    if (topic) values.set(here(values, 'topic', plan.tfName), 'arn', topic.topicArn);
  }
}
