import type { ArchitecturePlan } from '../../plan';
import { ShardRing, shardNodeNames } from '../../plan/shard-ring';
import { addTheDomain, climbOnTheDomain, rotateTheOriginSecret } from './domain-migrations';
import { moveIntoAnotherVpc } from './network-move';
import { replaceTheLevelOneServer, stopDatabaseAndUnmount } from './server-replacement';

/** Work outside the stack that an upgrade needs, in the order to do it. */
export interface Migration {
  readonly title: string;
  readonly steps: readonly string[];
}

/** A rule that recognises one kind of upgrade and says what to do around the deploy. */
type MigrationRule = (before: ArchitecturePlan, after: ArchitecturePlan) => Migration | null;

/** Where the 1 → 2 dump is written on the server: on its root volume, which outlives the deploy's stop and start. */
const DUMP_DIRECTORY = '/var/tmp';

const moveDataOffTheServer: MigrationRule = (before, after) => {
  const local = before.server?.localDatabase;
  if (!before.server?.dataVolume || !local || after.server?.dataVolume || !after.database) return null;
  // What the level-1 server really runs (lib/plan/boot): database `app` owned by user `app`, its files on
  // the data volume mounted at the engine's home, the app's password in <home>/tierup-app-password.
  // /var/tmp, not /tmp: Amazon Linux 2023's /tmp is a tmpfs of half the memory, emptied by the stop and start the
  // deploy brings (https://docs.aws.amazon.com/linux/al2023/ug/filesystem-slash-tmp.html).
  const dump = local.engine === 'postgres'
    ? `runuser -u postgres -- pg_dump --format=custom --file=${DUMP_DIRECTORY}/app.dump ${local.databaseName}`
    // Without --databases: the dump names no database, so it restores into the one RDS has (database/name).
    : `mysqldump --single-transaction --routines ${local.databaseName} > ${DUMP_DIRECTORY}/app.sql`;
  const restore = after.database.engine === 'postgres'
    ? `pg_restore --no-owner --dbname=${after.database.databaseName} --host=<endpoint> --username=<username> ${DUMP_DIRECTORY}/app.dump`
    : `mysql --host=<endpoint> --user=<username> --password ${after.database.databaseName} < ${DUMP_DIRECTORY}/app.sql`;
  const engineNote = local.engine === after.database.engine
    ? []
    : [`The server ran ${local.engine} and RDS runs ${after.database.engine}: dump and restore cannot cross engines; convert with AWS DMS or keep database.engine unchanged.`];
  return {
    title: 'Move the database off the server onto RDS (level 1 → 2)',
    steps: [
      ...engineNote,
      'Snapshot the data volume first (Data Lifecycle Manager also keeps a week of daily ones): aws ec2 create-snapshot --volume-id <DataVolume id> --description "before tierup level 2".',
      `Put the app in maintenance (or read-only) mode and dump the database on the server (aws ssm start-session --target <ServerInstanceId>): ${dump}. Its files are on the data volume at ${local.mountPoint}.`,
      `Copy the dump off the server before the deploy (aws s3 cp ${DUMP_DIRECTORY}/app.* s3://<bucket>/): the deploy changes the server's boot, and the level-2 server no longer mounts the data volume.`,
      // The deploy detaches the volume: CloudFormation from the running server (the instance's Volumes has no stop), so
      // the database must be down and the volume unmounted first; Terraform stops the server first, but only once a
      // state written by an earlier tierup has been applied with stop_instance_before_detaching.
      `Stop the app, stop and disable the database and unmount the data volume, so that the deploy detaches it cleanly (AWS: unmount before detaching, or the volume can stay busy and its filesystem be damaged) ` +
        `and no restart during the deploy mounts it again: ${stopDatabaseAndUnmount(before.server, true)}.`,
      'Deploy level 2. RDS is created; the data volume is detached but retained (DeletionPolicy Retain / Terraform `removed` with destroy = false), so nothing is lost.',
      `Restore into RDS from the server: read the endpoint from ${after.parameterPrefix}/database/endpoint and the credentials from the secret at ${after.parameterPrefix}/database/secret-arn, then ${restore} (the database ${after.database.databaseName} is ${after.parameterPrefix}/database/name).`,
      'Large databases: instead of dump/restore, replicate with AWS DMS (full load + change data capture) from the server to RDS before the deploy, and cut over at deploy time.',
      'The app needs no change: on the server it read TIERUP_DATABASE_ENDPOINT=127.0.0.1, _PORT, _NAME, _USERNAME and _PASSWORD from app.env; now the same keys hold RDS\'s endpoint, database and master user (refreshed within a minute). Check reads and writes, then leave maintenance mode.',
      'Keep the retained volume and its snapshots until RDS has its own backups for the retention period you need (at least one full backup cycle), then delete the volume by hand: aws ec2 delete-volume --volume-id <id> (and the DLM snapshots it left).',
    ],
  };
};

const replaceTheServerWithTheFleet: MigrationRule = (before, after) => {
  if (!before.server || !after.fleet) return null;
  // On a domain the blueprint already had, viewers keep their names and the deploy moves the one record itself.
  const onTheDomain = climbOnTheDomain(before, after);
  if (onTheDomain) return onTheDomain;
  if (after.domain) return climbOntoANewDomain(before, after);
  const front = after.cdn ? 'the CloudFront distribution' : 'the load balancer';
  // The deploy that creates the fleet also releases the server's Elastic IP, so DNS cannot move first:
  // the TTL is lowered ahead, and the record moves as soon as the deploy has published the new `Url`.
  return {
    title: 'Move traffic from the single server to the fleet (level 3 → 4)',
    steps: [
      'Before the deploy, keep sessions outside the instances (the cache), since any instance may now serve any request.',
      'A day before, lower the TTL of the DNS record that points at the Elastic IP to 60 seconds, so the switch below propagates within a minute.',
      `Deploy level 4 in a quiet window: the fleet, load balancer${after.cdn ? ' and CDN' : ''} come up, and the same deploy removes the server and its Elastic IP, so the old address stops answering when the deploy ends.`,
      `Right after the deploy, point the DNS name at ${front}: the stack output Url (CloudFormation) or \`terraform output url\` (Terraform), as a CNAME, or a Route 53 alias at a zone apex. Until the record has propagated, visitors of the old address get no answer.`,
      after.cdn?.staticAssets ? 'Upload static files to the static-assets bucket (CloudFormation stack output StaticAssetsBucket; `aws_s3_bucket.static_assets` in Terraform) under static/ and serve them at /static/* with versioned names.' : 'Serve static files from the fleet.',
    ],
  };
};

/** 3 → 4 while adding a domain: tierup creates the viewer record itself, so the user's record must make way (see addTheDomain). */
const climbOntoANewDomain: MigrationRule = (_before, after) => {
  const domain = after.domain!;
  return {
    title: 'Move traffic from the single server to the fleet (level 3 → 4)',
    steps: [
      'Before the deploy, keep sessions outside the instances (the cache), since any instance may now serve any request.',
      `A day before, lower the TTL of the record you have for ${domain.name} (if any) to 60 seconds, so that deleting it right before the deploy is seen within a minute.`,
      `Deploy level 4 in a quiet window: the fleet, load balancer${after.cdn ? ' and CDN' : ''} come up, tierup creates ${domain.name} → ${after.cdn ? 'CloudFront' : 'the load balancer'} itself ` +
        `(see "Serve the app at https://${domain.name}/" for the record you have now), and the same deploy removes the server and its Elastic IP, so the old address stops answering when the deploy ends.`,
      after.cdn?.staticAssets ? 'Upload static files to the static-assets bucket (CloudFormation stack output StaticAssetsBucket; `aws_s3_bucket.static_assets` in Terraform) under static/ and serve them at /static/* with versioned names.' : 'Serve static files from the fleet.',
    ],
  };
};

const spreadKeysOverNewShards: MigrationRule = (before, after) => {
  const oldCount = before.shards ? before.shards.shards.length + 1 : 1;
  const newCount = after.shards ? after.shards.shards.length + 1 : 1;
  if (!after.shards || newCount <= oldCount) return null;
  const moved = after.shards.strategy === 'hash' ? movedShare(oldCount, newCount, after.shards.map) : null;
  return {
    title: `Move data onto the new shards (${oldCount} → ${newCount} shards, ${after.shards.strategy} on ${after.shards.key})`,
    steps: [
      `Deploy: shards ${oldCount}..${newCount - 1} are created empty and the shard map at ${after.shards.mapParameterName} is published. Keep the routing layer on the old map (pin its version) until the data is in place.`,
      moved === null
        ? 'List the keys whose shard changes under the new map (range boundaries, directory rows or regions that now point elsewhere).'
        : `About ${Math.round(moved * 100)}% of keys change shard under the new consistent-hashing ring (computed over 100,000 sample keys); list them with the ring's reference lookup (lib/plan/shard-ring.ts).`,
      'Copy those rows to their new shards (batch copy, then dual-write new writes to both old and new owner during the move).',
      'Switch the routing layer to the new map; verify reads on the new shards.',
      'Stop dual writes and delete the moved rows from their old shards once verified.',
    ],
  };
};

const prepareForRegionalFailover: MigrationRule = (before, after) => {
  if (!after.multiRegion || before.multiRegion) return null;
  const standby = after.regions.filter((region) => !region.primary).map((region) => region.region).join(', ');
  return {
    title: `Cross-region replicas and failover (${after.multiRegion.mode}; standby: ${standby})`,
    steps: [
      'Deploy the primary region first, then each regional stack: cross-region read replicas start copying from the primaries (first sync takes time proportional to the data).',
      after.domain?.viewerRecord?.target === 'cdn'
        ? `tierup creates ${after.multiRegion.domainName} → CloudFront and the health-checked records for ${after.multiRegion.routedName}, which ${after.multiRegion.originDomainName} (what CloudFront reaches) becomes an alias of, in place; health checks decide which region serves.`
        : `Delegate ${after.multiRegion.domainName} to Route 53 records tierup creates for ${after.multiRegion.originDomainName}; health checks decide which region serves.`,
      'Failover for writes (region loss): promote each replica in the surviving region (aws rds promote-read-replica --db-instance-identifier <replica id>), point that region\'s app at the promoted instances (update the database endpoint parameters there), and accept that writes not yet replicated (typically under a second, up to minutes under load) are lost.',
      'After recovery, rebuild replicas in the old primary region from the new primaries, then fail back in a quiet window the same way.',
    ],
  };
};

/** Every migration rule; the order is the order of the ladder. */
const MIGRATION_RULES: readonly MigrationRule[] = [
  moveIntoAnotherVpc,
  addTheDomain,
  replaceTheLevelOneServer,
  moveDataOffTheServer,
  replaceTheServerWithTheFleet,
  spreadKeysOverNewShards,
  prepareForRegionalFailover,
  rotateTheOriginSecret,
];

/** The migrations an upgrade from `before` to `after` needs. */
export function migrationsFor(before: ArchitecturePlan, after: ArchitecturePlan): Migration[] {
  return MIGRATION_RULES.map((rule) => rule(before, after)).filter((migration): migration is Migration => migration !== null);
}

/** Share of sample keys whose shard changes between two ring sizes. */
function movedShare(oldCount: number, newCount: number, map: NonNullable<ArchitecturePlan['shards']>['map']): number {
  const virtualNodes = map.strategy === 'hash' ? map.ring.virtualNodes : 64;
  const oldRing = new ShardRing(shardNodeNames(oldCount), virtualNodes);
  const newRing = new ShardRing(shardNodeNames(newCount), virtualNodes);
  const samples = 100_000;
  let moved = 0;
  for (let i = 0; i < samples; i++) if (oldRing.shardOf(`key-${i}`) !== newRing.shardOf(`key-${i}`)) moved++;
  return moved / samples;
}
