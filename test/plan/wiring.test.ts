import fc from 'fast-check';
import { type ArchitecturePlan, createPlan, type DatabasePlan, LOCAL_DATABASE_ENGINES, localDatabaseSettings, type SettingPlan, toldNames, type WiringRef, type WiringTier } from '../../lib/plan';
import { LEVELS, type Level, parseBlueprint, starterBlueprint } from '../../lib/spec';
import { generatedBlueprint } from '../parity/semantic/generated-blueprint';

const starter = (level: Level) => createPlan(parseBlueprint(starterBlueprint({ name: 'shop', level }), 'starter.yaml').spec);

/** A blueprint of any level with services, queues, events and regions drawn by fast-check. */
const blueprints = fc.record({
  level: fc.constantFrom(...LEVELS),
  services: fc.integer({ min: 0, max: 6 }),
  regions: fc.integer({ min: 2, max: 3 }),
  shards: fc.boolean(),
  queue: fc.boolean(),
}).map(({ level, services, regions, shards, queue }) => {
  const lines = ['version: 1', 'name: prop', `level: ${level}`];
  if (level === 7) lines.push(`regions: [${['us-east-1', 'eu-west-1', 'ap-southeast-2'].slice(0, regions).join(', ')}]`);
  if (level >= 5) lines.push(shards ? 'database: { proxy: true, shards: { count: 2, strategy: range, key: id } }' : 'database: { readReplicas: 1 }');
  if (level >= 5 && queue) lines.push('queues: [{ name: jobs, worker: { max: 2 } }, { name: idle }]');
  if (level >= 6 && services > 0) {
    lines.push('services:');
    for (let index = 0; index < services; index += 1) {
      lines.push(`  - { name: s${index}, pathPattern: "/s${index}/*"${index % 2 === 0 ? ', database: { engine: mysql }' : ', cache: { engine: valkey }'}`
        + `${index % 2 === 0 ? `, publishes: [e${index}]` : `, subscribes: [e${index - 1}]`}${index === 1 ? ', queues: [{ name: work, worker: { max: 1 } }]' : ''} }`);
    }
  }
  if (level === 7) lines.push('multiRegion: { mode: active-passive, domainName: p.example.com, hostedZoneName: example.com }');
  return createPlan(parseBlueprint(`${lines.join('\n')}\n`, 'prop.yaml').spec);
});

const same = (a: WiringRef, b: WiringRef): boolean => a.kind === b.kind && a.key === b.key && a.region === b.region;
const databases = (plan: ArchitecturePlan): DatabasePlan[] =>
  [plan.database, ...(plan.shards?.shards.map((shard) => shard.database) ?? []), ...plan.services.map((service) => service.database)].filter((d) => d !== null);

/** The database whose credentials an endpoint needs, by the endpoint's resource. */
function credentialsOf(plan: ArchitecturePlan, ref: WiringRef): string | null {
  const owner = databases(plan).find((database) => database.tfName === ref.key || database.proxy?.tfName === ref.key
    || database.regionalReplicas.some((replica) => replica.tfName === ref.key));
  return owner ? owner.tfName : null;
}

/** Told endpoints: settings naming a host of a database, proxy, replica or cache. */
function endpoints(tier: WiringTier): { setting: SettingPlan; resource: WiringRef; port: number | null }[] {
  return tier.settings.flatMap((setting) => (setting.value.kind === 'reference' && ['database', 'proxy', 'regional-replica', 'cache'].includes(setting.value.resource.kind)
    && setting.value.attribute !== 'user' ? [{ setting, resource: setting.value.resource, port: setting.value.port }] : []));
}

describe('the wiring graph', () => {
  it.each([
    [1, { tiers: ['server'], edges: 1, settings: 1 }], // viewers on :80 (443 needs a domain); the data volume's id,
    // From level 2: database/name, in every region.
    [2, { tiers: ['server'], edges: 2, settings: 6 }],
    [3, { tiers: ['server'], edges: 3, settings: 15 }],
    [4, { tiers: ['fleet'], edges: 6, settings: 17 }],
    [5, { tiers: ['fleet', 'worker'], edges: 14, settings: 25 }],
    [6, { tiers: ['fleet', 'worker', 'fleet'], edges: 15, settings: 25 }],
    [7, { tiers: ['fleet', 'worker', 'fleet', 'fleet', 'worker', 'fleet'], edges: 28, settings: 49 }],
  ] as const)('level %i: tiers, edges and settings', (level, expected) => {
    const { wiring } = starter(level);
    expect({ tiers: wiring.tiers.map((tier) => tier.ref.kind), edges: wiring.edges.length, settings: wiring.settings.length }).toEqual(expected);
  });

  it.each([2, 3, 4, 5, 6, 7] as const)('level %i tells every app tier its database under the level-1 server\'s keys: host, port, name, user, password', (level) => {
    const level1Keys = Object.keys(localDatabaseSettings(LOCAL_DATABASE_ENGINES.postgres, 'secret')).toSorted();
    for (const tier of starter(level).wiring.tiers.filter((candidate) => candidate.owner === 'app')) {
      const paths = [...toldNames(tier, 'terraform'), ...tier.credentials.flatMap((told) => [told.username, told.password])]
        .map((name) => name.slice(tier.settingsPrefix.length + 1));
      expect([tier.ref.key, level1Keys.filter((key) => !paths.includes(key))]).toEqual([tier.ref.key, []]);
    }
  });

  it('names the database after the blueprint, and each service\'s after the blueprint and the service, within both engines\' DBName rules', () => {
    const plan = createPlan(parseBlueprint(generatedBlueprint(12), 'generated.yaml').spec);
    expect(databases(plan).map((database) => [database.tfName, database.databaseName, database.createsDatabase])).toEqual([
      ['database', 'bigdb', true], ['shard_1', 'bigdb', true], ['shard_2', 'bigdb', true],
      ...['00', '03', '06', '09'].map((index) => [`service_svc${index}_database`, `bigsvc${index}db`, true]),
    ]);
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html: MySQL 1-64 letters or digits, PostgreSQL 1-63 from a letter.
    const longest = createPlan(parseBlueprint('name: abcdefghij-klmno\nlevel: 6\nservices: [{ name: abcdefghij-klmno, pathPattern: "/a/*", database: { engine: mysql } }]\n', 'long.yaml').spec);
    for (const database of databases(longest)) expect(database.databaseName).toMatch(/^[a-z][a-z0-9]{0,62}$/);
    expect(databases(longest).map((database) => database.databaseName)).toEqual(['abcdefghijklmnodb', 'abcdefghijklmnoabcdefghijklmnodb']);
  });

  it('tells the app the database an instance deployed without a name already has, and asks RDS to create none', () => {
    const plan = createPlan(parseBlueprint('name: shop\nlevel: 5\ndatabase: { existingName: postgres, shards: { count: 2, strategy: hash, key: id } }\n', 'legacy.yaml').spec);
    expect(databases(plan).map((database) => [database.databaseName, database.createsDatabase])).toEqual([['postgres', false], ['postgres', false]]);
    expect(plan.wiring.settings.find((setting) => setting.name === '/tierup/shop/production/database/name')?.value).toEqual({ kind: 'literal', value: 'postgres' });
  });

  it.each(LEVELS)('level %i: every tier may read its own settings path and is told only settings under it', (level) => {
    for (const tier of starter(level).wiring.tiers) {
      expect(tier.permissions).toContainEqual(expect.objectContaining({ access: 'read-settings', resource: { kind: 'settings', key: tier.settingsPrefix, region: tier.ref.region } }));
      for (const setting of tier.settings) {
        expect(setting.name.startsWith(`${tier.settingsPrefix}/`) && setting.region === tier.ref.region).toBe(true);
      }
    }
  });

  it('tells a further region its own replica as the database, read-only until promoted, and its own replica of the secret', () => {
    const plan = starter(7);
    const fleet = plan.wiring.tiers.find((tier) => tier.ref.region === 'eu-west-1' && tier.ref.kind === 'fleet')!;
    const told = (name: string) => fleet.settings.find((setting) => setting.name === `${plan.parameterPrefix}/${name}`);
    expect(told('database/endpoint')?.value).toMatchObject({ resource: { kind: 'regional-replica', region: 'eu-west-1' } });
    expect(told('database/role')?.value).toEqual({ kind: 'literal', value: 'replica' });
    // The app database (shard 0) and the starter's second shard.
    const replica = (key: string) => ({ kind: 'database-secret', key, region: 'eu-west-1' }) as const;
    expect(told('database/secret-arn')?.value).toEqual({ kind: 'reference', resource: replica('database'), attribute: 'secret-arn', port: null, copyOf: null });
    expect(told('shards/1/secret-arn')?.value).toEqual({ kind: 'reference', resource: replica('shard_1'), attribute: 'secret-arn', port: null, copyOf: null });
    expect(fleet.permissions.filter((permission) => permission.access === 'read-secret' && permission.resource.kind === 'database-secret')).toEqual(['database', 'shard_1']
      .map((key) => ({ access: 'read-secret', resource: replica(key), actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], copyOf: null, only: null, conditions: [] })));
  });

  it('replicates every master secret into each further region, the ARN read from the primary region\'s setting', () => {
    const plan = createPlan(parseBlueprint(generatedBlueprint(2), 'generated.yaml').spec);
    const [primary, ...further] = plan.regions.map((region) => region.region);
    expect(further.length).toBeGreaterThan(0);
    for (const database of databases(plan)) expect(database.credentials.replicaRegions).toEqual(further);
    expect(plan.wiring.secretReplicas).toEqual(databases(plan).flatMap((database) => further.map((region) => ({
      replica: { kind: 'database-secret', key: database.tfName, region },
      primary: { kind: 'database-secret', key: database.tfName, region: primary },
      copyOf: expect.stringMatching(/\/secret-arn$/),
    }))));
    for (const copy of plan.wiring.secretReplicas) {
      // The setting it copies holds the primary's ARN in the primary region.
      expect(plan.wiring.settings.find((setting) => setting.region === primary && setting.name === copy.copyOf)?.value)
        .toMatchObject({ resource: copy.primary, attribute: 'secret-arn' });
    }
  });

  it.each([1, 2, 3, 4, 5, 6] as const)('level %i replicates no secret', (level) => {
    const plan = starter(level);
    expect(plan.wiring.secretReplicas).toEqual([]);
    for (const database of databases(plan)) expect(database.credentials.replicaRegions).toEqual([]);
  });

  const properties = [
    ['every told endpoint has an edge on its port and the credentials to use it', (plan: ArchitecturePlan) => {
      for (const tier of plan.wiring.tiers) {
        for (const { resource, port } of endpoints(tier)) {
          const edge = plan.wiring.edges.find((candidate) => same(candidate.from, tier.ref) && same(candidate.to, resource));
          expect(edge && (port === null || edge.port === port)).toBeTruthy();
          const database = credentialsOf(plan, resource);
          const credential = database === null
            ? tier.permissions.some((permission) => permission.resource.kind === 'cache-auth' || permission.access === 'connect-cache')
            : tier.permissions.some((permission) => permission.access === 'read-secret' && permission.resource.kind === 'database-secret' && permission.resource.key === database);
          expect(credential).toBe(true);
        }
      }
    }],
    ['every told secret is readable', (plan: ArchitecturePlan) => {
      for (const tier of plan.wiring.tiers) {
        for (const setting of tier.settings) {
          if (setting.value.kind !== 'reference' || setting.value.attribute !== 'secret-arn') continue;
          const { resource } = setting.value;
          expect(tier.permissions.some((permission) => permission.access === 'read-secret' && same(permission.resource, resource))).toBe(true);
        }
      }
    }],
    ['every tier reads its secrets in its own region, where they are replicated', (plan: ArchitecturePlan) => {
      for (const tier of plan.wiring.tiers) {
        const secrets = [
          ...tier.settings.flatMap((setting) => (setting.value.kind === 'reference' && setting.value.resource.kind === 'database-secret' ? [setting.value.resource] : [])),
          ...tier.permissions.flatMap((permission) => (permission.resource.kind === 'database-secret' ? [permission.resource] : [])),
        ];
        for (const secret of secrets) {
          expect(secret.region).toBe(tier.ref.region);
          if (secret.region !== plan.regions[0].region) expect(plan.wiring.secretReplicas.some((copy) => same(copy.replica, secret))).toBe(true);
        }
      }
    }],
    ['every queue has a consumer that may receive and delete, in every region it exists', (plan: ArchitecturePlan) => {
      const queues = plan.wiring.settings.flatMap((setting) => (setting.value.kind === 'reference' && setting.value.resource.kind === 'queue' ? [setting.value.resource] : []));
      for (const queue of queues) {
        const consumers = plan.wiring.tiers.filter((tier) => tier.permissions.some((permission) => same(permission.resource, queue)
          && permission.actions.includes('sqs:ReceiveMessage') && permission.actions.includes('sqs:DeleteMessage')));
        expect(consumers.length).toBeGreaterThan(0);
      }
    }],
    ['every publisher is told its own region\'s topic and may publish to it', (plan: ArchitecturePlan) => {
      for (const service of plan.services) {
        for (const tier of plan.wiring.tiers.filter((candidate) => candidate.ref.key === service.fleet.tfName)) {
          for (const event of plan.events.filter((candidate) => service.publishes.includes(candidate.name))) {
            const topic = { kind: 'topic', key: event.tfName, region: tier.ref.region } as const;
            expect(tier.settings.some((setting) => setting.value.kind === 'reference' && same(setting.value.resource, topic))).toBe(true);
            expect(tier.permissions.some((permission) => permission.access === 'publish' && same(permission.resource, topic))).toBe(true);
          }
        }
      }
    }],
    ['every region\'s consumers are subscribed in their region, to the topic its publishers are told', (plan: ArchitecturePlan) => {
      const queues = plan.wiring.settings.flatMap((setting) => (setting.value.kind === 'reference' && setting.value.resource.kind === 'queue' ? [setting.value.resource] : []));
      for (const inbox of plan.services.flatMap((service) => service.queues).filter((queue) => queue.subscribesTo !== null)) {
        const event = plan.events.find((candidate) => candidate.name === inbox.subscribesTo);
        const copies = queues.filter((queue) => queue.key === inbox.tfName);
        expect(copies.length).toBeGreaterThan(0);
        for (const queue of copies) {
          const topic = { kind: 'topic', key: event?.tfName ?? '?', region: queue.region } as const;
          expect(plan.wiring.deliveries.filter((delivery) => same(delivery.queue, queue)).map((delivery) => delivery.topic)).toEqual([topic]);
          // The region's topic exists: its ARN is published there.
          expect(plan.wiring.settings.some((setting) => setting.region === queue.region && setting.value.kind === 'reference' && same(setting.value.resource, topic))).toBe(true);
        }
      }
    }],
    ['every told credential works: the tier is told the secret holding it and may read it', (plan: ArchitecturePlan) => {
      for (const tier of plan.wiring.tiers) {
        // A tier told its own database is told that database's user and password, under the same path.
        const toldDatabase = tier.settings.some((setting) => setting.name === `${tier.settingsPrefix}/database/endpoint`);
        expect(tier.credentials.map((told) => [told.username, told.password])).toEqual(toldDatabase
          ? [[`${tier.settingsPrefix}/database/username`, `${tier.settingsPrefix}/database/password`]] : []);
        for (const told of tier.credentials) {
          expect(tier.settings.find((setting) => setting.name === told.secretArnSetting)?.value).toMatchObject({ kind: 'reference', resource: told.secret, attribute: 'secret-arn' });
          expect(tier.permissions.some((permission) => permission.access === 'read-secret' && same(permission.resource, told.secret))).toBe(true);
          // Told beside the settings, never as SSM parameters (a rotation would leave them stale).
          expect(tier.settings.filter((setting) => [told.username, told.password].includes(setting.name))).toEqual([]);
        }
      }
    }],
    ['every setting name is unique in its region, and every edge and grant names a tier of the graph', (plan: ArchitecturePlan) => {
      const names = plan.wiring.settings.map((setting) => `${setting.region} ${setting.name} ${setting.only}`);
      expect(new Set(names).size).toBe(names.length);
      const tiers = new Set(plan.wiring.tiers.map((tier) => `${tier.ref.key}@${tier.ref.region}`));
      for (const edge of plan.wiring.edges) {
        if (['fleet', 'worker', 'server'].includes(edge.from.kind)) expect(tiers.has(`${edge.from.key}@${edge.from.region}`)).toBe(true);
      }
    }],
  ] as const;

  it.each(properties)('%s (generated blueprints)', (_name, property) => {
    fc.assert(fc.property(blueprints, (plan) => { property(plan); }), { numRuns: 40 });
  });

  it.each(properties)('%s (12 services in 3 regions)', (_name, property) => {
    property(createPlan(parseBlueprint(generatedBlueprint(12), 'generated.yaml').spec));
  });
});

describe('toldNames', () => {
  it('lists what a boot script reads for one engine: the cache authentication differs', () => {
    const fleet = starter(4).wiring.tiers[0];
    expect(toldNames(fleet, 'cloudformation')).toContain('/tierup/shop/production/cache/auth-secret-arn');
    expect(toldNames(fleet, 'terraform')).not.toContain('/tierup/shop/production/cache/auth-secret-arn');
    expect(toldNames(fleet, 'terraform')).toEqual(expect.arrayContaining(['/tierup/shop/production/cache/auth', '/tierup/shop/production/database/endpoint']));
  });
});
