/**
 * Bad blueprints and what tierup must say about each: the line, column and field it points at,
 * and words of the message and fix. Every entry must be rejected with exit code 1.
 */
export interface BadInput {
  readonly name: string;
  readonly text: string;
  readonly line: number;
  readonly field: string;
  readonly message: RegExp;
  readonly fix: RegExp;
}

const fleet = 'name: shop\nlevel: fleet\n';
const micro = 'name: shop\nlevel: microservices\n';

/** Level `level` in the team's VPC (lines 3-11: network, vpcId, cidr, endpoint, egress, subnets, public, private, isolated), with text edits. */
const ownVpc = (level: number, edits: Readonly<Record<string, string>> = {}): string => Object.entries(edits).reduce((text, [from, to]) => text.replace(from, to), `name: shop
level: ${level}
network:
  vpcId: vpc-0a1b2c3d4e5f67890
  cidr: 10.20.0.0/16
  secretsManagerEndpoint: create
  privateEgress: true
  subnets:
    public: [{ id: subnet-0a1b2c3d, zone: us-east-1a }, { id: subnet-0a1b2c3e, zone: us-east-1b }]
    private: [{ id: subnet-0a1b2c4d, zone: us-east-1a }, { id: subnet-0a1b2c4e, zone: us-east-1b }]
    isolated: [{ id: subnet-0a1b2c5d, zone: us-east-1a }, { id: subnet-0a1b2c5e, zone: us-east-1b }]
`);

export const BAD_INPUTS: readonly BadInput[] = [
  { name: 'YAML syntax error', text: 'name: shop\nlevel: [1, 2\n', line: 3, field: '', message: /YAML syntax/, fix: /correct the YAML/ },
  { name: 'tab indentation', text: 'name: shop\napp:\n\tport: 80\n', line: 3, field: '', message: /YAML syntax/, fix: /correct the YAML/ },
  { name: 'duplicate key', text: 'name: shop\nname: other\nlevel: 1\n', line: 2, field: '', message: /YAML syntax.*(unique|duplicate)/i, fix: /correct the YAML/ },
  { name: 'empty file', text: '', line: 0, field: '', message: /is empty/, fix: /tierup init/ },
  { name: 'only comments', text: '# nothing here\n# still nothing\n', line: 0, field: '', message: /is empty/, fix: /tierup init/ },
  { name: 'a list instead of a mapping', text: '- name: shop\n- level: 1\n', line: 1, field: '', message: /list, not a mapping/, fix: /name:/ },
  { name: 'a scalar document', text: 'just some words\n', line: 1, field: '', message: /not a mapping/, fix: /name:/ },
  { name: 'binary garbage', text: 'PK\u0003\u0004\u0000\u0000garbage\u0000', line: 0, field: '', message: /not a text file/, fix: /YAML or JSON/ },
  { name: 'app on the server\'s web port', text: 'name: shop\nlevel: 2\napp:\n  port: 80\n', line: 4, field: 'app.port', message: /app\.port 80 is the server's web port: at level 2 nginx listens on 80/, fix: /port: 8080/ },
  { name: 'app on the HTTPS port', text: 'name: shop\nlevel: 3\napp: { port: 443 }\n', line: 3, field: 'app.port', message: /app\.port 443 is the server's web port/, fix: /port of its own/ },
  { name: 'app on level 1\'s database port', text: 'name: shop\nlevel: 1\ndatabase: { engine: mysql }\napp: { port: 3306 }\n', line: 4, field: 'app.port', message: /app\.port 3306 is the port of the MariaDB server/, fix: /another port/ },
  { name: 'missing name', text: 'level: 1\n', line: 1, field: 'name', message: /required/, fix: /add `name: shop`/ },
  { name: 'missing level', text: 'name: shop\n', line: 1, field: 'level', message: /required/, fix: /add `level: 1`/ },
  { name: 'unknown top-level key', text: 'name: shop\nlevel: 3\ncachee: {}\n', line: 3, field: 'cachee', message: /unknown field "cachee"/, fix: /did you mean "cache"/ },
  { name: 'unknown nested key', text: 'name: shop\nlevel: 2\ndatabase:\n  engin: mysql\n', line: 4, field: 'database.engin', message: /unknown field "engin"/, fix: /did you mean "engine"/ },
  { name: 'unknown key far from any field', text: 'name: shop\nlevel: 1\nzzzzzzzz: 1\n', line: 3, field: 'zzzzzzzz', message: /unknown field/, fix: /remove it; allowed here: version, name, level/ },
  { name: 'wrong type', text: 'name: shop\nlevel: 1\napp:\n  port: eighty\n', line: 4, field: 'app.port', message: /must be a number, not string "eighty"/, fix: /write a number/ },
  { name: 'wrong type for a section', text: 'name: shop\nlevel: 1\napp: 5\n', line: 3, field: 'app', message: /must be an object/, fix: /write an object/ },
  { name: 'unknown level', text: 'name: shop\nlevel: mega\n', line: 2, field: 'level', message: /"mega" is not a level; accepted: 1-7, single-server/, fix: /write one of the accepted values/ },
  { name: 'level out of range', text: 'name: shop\nlevel: 9\n', line: 2, field: 'level', message: /not a level/, fix: /1-7/ },
  { name: 'misspelt enum value', text: 'name: shop\nlevel: 2\ndatabase:\n  engine: postgress\n', line: 4, field: 'database.engine', message: /"postgress" is not an accepted value; accepted: postgres, mysql$/, fix: /did you mean "postgres"/ },
  { name: 'too many read replicas', text: `${fleet}database:\n  readReplicas: 16\n`, line: 4, field: 'database.readReplicas', message: /at most 15 read replicas/, fix: /at most 15/ },
  { name: 'negative port', text: 'name: shop\nlevel: 1\napp:\n  port: -1\n', line: 4, field: 'app.port', message: /at least 1/, fix: /at least 1/ },
  { name: 'huge storage', text: 'name: shop\nlevel: 2\ndatabase:\n  storageGb: 1e9\n', line: 4, field: 'database.storageGb', message: /at most 65536/, fix: /at most 65536/ },
  { name: 'min above max', text: `${fleet}app:\n  scaling:\n    min: 8\n    max: 3\n`, line: 5, field: 'app.scaling.min', message: /min \(8\) is above max \(3\)/, fix: /lower min to 3/ },
  { name: 'worker min above max', text: 'name: shop\nlevel: 5\nqueues:\n  - name: jobs\n    worker: { min: 5, max: 2 }\n', line: 5, field: 'queues[0].worker.min', message: /min \(5\) is above max \(2\)/, fix: /lower min/ },
  { name: 'invalid cron', text: `${fleet}app:\n  scaling:\n    schedules: [{ name: peak, cron: "61 8 * * *", min: 4 }]\n`, line: 5, field: 'app.scaling.schedules[0].cron', message: /invalid minute field "61"/, fix: /five-field cron/ },
  { name: 'cron with too few fields', text: `${fleet}app:\n  scaling:\n    schedules: [{ name: peak, cron: "8 * *", min: 4 }]\n`, line: 5, field: 'app.scaling.schedules[0].cron', message: /has 3 fields/, fix: /five-field cron/ },
  { name: 'section below its level', text: 'name: shop\nlevel: 2\ncache: {}\n', line: 3, field: 'cache', message: /cache needs level 3 \(cache\)/, fix: /raise `level` to 3 or remove `cache`/ },
  { name: 'services below level 6', text: 'name: shop\nlevel: fleet\nservices: []\n', line: 3, field: 'services', message: /needs level 6/, fix: /raise `level` to 6/ },
  { name: 'replicas below level 4', text: 'name: shop\nlevel: 2\ndatabase:\n  readReplicas: 1\n', line: 4, field: 'database.readReplicas', message: /needs level 4/, fix: /raise `level` to 4/ },
  { name: 'several regions below level 7', text: 'name: shop\nlevel: 4\nregions: [us-east-1, eu-west-1]\n', line: 3, field: 'regions', message: /2 regions need level 7/, fix: /keep one region/ },
  { name: 'region that does not exist', text: 'name: shop\nlevel: 1\nregions: [us-middle-1]\n', line: 3, field: 'regions[0]', message: /"us-middle-1" is not an AWS region; nearest: us-east-1, us-west-1, us-east-2 \(33 accepted/, fix: /write one of the nearest values/ },
  { name: 'duplicate regions', text: 'name: shop\nlevel: 7\nregions: [us-east-1, us-east-1]\nmultiRegion: { domainName: a.example.com, hostedZoneName: example.com }\n', line: 3, field: 'regions[1]', message: /region "us-east-1" appears twice/, fix: /remove the repeat/ },
  { name: 'level 7 without multiRegion', text: 'name: shop\nlevel: 7\nregions: [us-east-1, eu-west-1]\n', line: 1, field: 'multiRegion', message: /needs `multiRegion`/, fix: /add `multiRegion/ },
  { name: 'invalid CIDR', text: 'name: shop\nlevel: 1\nnetwork: { cidr: 10.0.0.0/33 }\n', line: 3, field: 'network.cidr', message: /not an IPv4 CIDR|prefix/, fix: /10\.0\.0\.0\/16/ },
  { name: 'CIDR with host bits', text: 'name: shop\nlevel: 1\nnetwork: { cidr: 10.0.1.0/16 }\n', line: 3, field: 'network.cidr', message: /host bits set; the network address of that block is 10\.0\.0\.0\/16/, fix: /private block/ },
  { name: 'name with upper case', text: 'name: Shop\nlevel: 1\n', line: 1, field: 'name', message: /lower-case letters/, fix: /did you mean "shop"\? \(names are lower-case\)/ },
  { name: 'name too long', text: 'name: a-very-long-application-name\nlevel: 1\n', line: 1, field: 'name', message: /at most 16 characters/, fix: /at most 16/ },
  { name: 'name with double hyphen', text: 'name: my--shop\nlevel: 1\n', line: 1, field: 'name', message: /single hyphens/, fix: /change the value/ },
  { name: 'too many tags', text: `name: shop\nlevel: 1\ntags:\n${Array.from({ length: 49 }, (_, i) => `  t${i}: v`).join('\n')}\n`, line: 4, field: 'tags', message: /49 tags; AWS allows 50/, fix: /at most 48 tags/ },
  { name: 'reserved tag prefix', text: 'name: shop\nlevel: 1\ntags: { "aws:owner": me }\n', line: 3, field: 'tags.aws:owner', message: /reserved prefix/, fix: /rename the tag/ },
  { name: 'duplicate service names', text: `${micro}services:\n  - { name: orders, pathPattern: "/a/*" }\n  - { name: orders, pathPattern: "/b/*" }\n`, line: 5, field: 'services[1].name', message: /service name "orders" appears twice/, fix: /rename/ },
  { name: 'duplicate queue names', text: 'name: shop\nlevel: 5\nqueues:\n  - name: jobs\n  - name: jobs\n', line: 5, field: 'queues[1].name', message: /queue "jobs" would get the AWS name "…-jobs", which queue "jobs" already has/, fix: /must all differ/ },
  { name: 'a queue named like another\'s dead-letter queue', text: 'name: shop\nlevel: 5\nqueues:\n  - name: emails\n  - name: emails-dlq\n', line: 5, field: 'queues[1].name', message: /"…-emails-dlq", which the dead-letter queue of queue "emails" already has/, fix: /must all differ/ },
  { name: 'a service queue named like an inbox', text: `${micro}services:\n  - { name: orders, pathPattern: "/o/*", publishes: [paid] }\n  - { name: billing, pathPattern: "/b/*", subscribes: [paid], queues: [{ name: on-paid }] }\n`, line: 5, field: 'services[1].subscribes[0]', message: /inbox of service "billing" for event "paid".*"…-billing-on-paid"/, fix: /must all differ/ },
  { name: 'overlapping path patterns', text: `${micro}services:\n  - { name: orders, pathPattern: "/orders/*" }\n  - { name: returns, pathPattern: "/orders/returns/*" }\n`, line: 5, field: 'services[1].pathPattern', message: /overlaps "\/orders\/\*" of service "orders"/, fix: /disjoint prefixes/ },
  { name: 'schedule above the fleet maximum', text: `${fleet}app:\n  scaling:\n    min: 1\n    max: 3\n    schedules: [{ name: peak, cron: "0 8 * * *", min: 6 }]\n`, line: 7, field: 'app.scaling.schedules[0].min', message: /sets min 6, above the fleet's max of 3/, fix: /lower min to 3/ },
  { name: 'queue name clash with a service queue', text: `${micro}queues: [{ name: orders-jobs }]\nservices:\n  - { name: orders, pathPattern: "/o/*", queues: [{ name: jobs }] }\n`, line: 5, field: 'services[0].queues[0].name', message: /queue "jobs" of service "orders" would get the AWS name "…-orders-jobs", which queue "orders-jobs" already has/, fix: /must all differ/ },
  { name: 'conflicting path patterns', text: `${micro}services:\n  - { name: orders, pathPattern: "/orders/*" }\n  - { name: billing, pathPattern: "/orders/*" }\n`, line: 5, field: 'services[1].pathPattern', message: /already routed to service "orders"/, fix: /path pattern of its own/ },
  { name: 'catch-all path pattern', text: `${micro}services:\n  - { name: orders, pathPattern: "/*" }\n`, line: 4, field: 'services[0].pathPattern', message: /every request from the default app/, fix: /prefix/ },
  { name: 'subscription to an unknown event', text: `${micro}services:\n  - { name: orders, pathPattern: "/o/*", subscribes: [paid] }\n`, line: 4, field: 'services[0].subscribes[0]', message: /which no service publishes/, fix: /publishes/ },
  { name: 'range boundaries that do not fit', text: 'name: shop\nlevel: 5\ndatabase:\n  shards: { count: 3, strategy: range, boundaries: [10] }\n', line: 4, field: 'database.shards.boundaries', message: /1 boundaries for 3 shards/, fix: /give 2 ascending/ },
  { name: 'domain outside its zone', text: 'name: shop\nlevel: 7\nregions: [us-east-1, eu-west-1]\nmultiRegion: { domainName: shop.example.org, hostedZoneName: example.com }\n', line: 4, field: 'multiRegion.domainName', message: /not inside the hosted zone/, fix: /ending in \.example\.com/ },
  { name: 'global cache on a t-family node', text: 'name: shop\nlevel: 7\nregions: [us-east-1, eu-west-1]\ncache: { nodeType: cache.t4g.small }\nmultiRegion: { domainName: shop.example.com, hostedZoneName: example.com, globalCache: true }\n', line: 4, field: 'cache.nodeType', message: /cache\.t4g\.small cannot be part of an ElastiCache global datastore/, fix: /cache\.r7g\.large/ },
  { name: 'global cache on the default node type', text: 'name: shop\nlevel: 7\nregions: [us-east-1, eu-west-1]\nmultiRegion: { domainName: shop.example.com, hostedZoneName: example.com, globalCache: true }\n', line: 4, field: 'multiRegion.globalCache', message: /default node type is a t-family node/, fix: /cache\.nodeType: cache\.r7g\.large/ },
  { name: 'a cache field beside cache.enabled: false', text: 'name: shop\nlevel: 3\ncache:\n  enabled: false\n  nodeType: cache.t4g.small\n', line: 5, field: 'cache.nodeType', message: /cache\.nodeType means nothing with `cache\.enabled: false`/, fix: /remove `cache\.nodeType`, or remove `enabled: false`/ },
  { name: 'a global cache without a cache', text: 'name: shop\nlevel: 7\nregions: [us-east-1, eu-west-1]\ncache: { enabled: false }\nmultiRegion: { domainName: shop.example.com, hostedZoneName: example.com, globalCache: true }\n', line: 5, field: 'multiRegion.globalCache', message: /no cache to span/, fix: /set `multiRegion\.globalCache: false`/ },
  { name: 'a service cache switched off', text: `${micro}services:\n  - { name: orders, pathPattern: "/o/*", cache: { enabled: false } }\n`, line: 4, field: 'services[0].cache.enabled', message: /unknown field "enabled"/, fix: /remove it/ },
  { name: 'the data volume above level 1', text: 'name: shop\nlevel: 2\napp:\n  dataVolumeGb: 100\n', line: 4, field: 'app.dataVolumeGb', message: /app\.dataVolumeGb sizes level 1's data volume, and this blueprint is at level 2 \(separate-db\)/, fix: /remove `app\.dataVolumeGb` \(size the database with `database\.storageGb`\)/ },
  { name: 'a data volume larger than gp3 allows', text: 'name: shop\nlevel: 1\napp:\n  dataVolumeGb: 70000\n', line: 4, field: 'app.dataVolumeGb', message: /more than a gp3 volume holds \(65536 GiB, 64 TiB\)/, fix: /65536/ },
  { name: 'an empty data volume', text: 'name: shop\nlevel: 1\napp:\n  dataVolumeGb: 0\n', line: 4, field: 'app.dataVolumeGb', message: /at least 1/, fix: /at least 1/ },
  { name: 'invalid instance type', text: 'name: shop\nlevel: 1\napp: { instanceType: large }\n', line: 3, field: 'app.instanceType', message: /not an EC2 instance type/, fix: /change the value/ },
  { name: 'NAT gateways above zones', text: `${fleet}network: { maxAzs: 2, natGateways: 3 }\n`, line: 3, field: 'network.natGateways', message: /3 NAT gateways for 2 Availability Zones/, fix: /at most 2/ },
  { name: 'an e-mail address without @', text: 'name: shop\nlevel: 1\nalerts:\n  emails: [ops-at-example.com]\n', line: 4, field: 'alerts.emails[0]', message: /"ops-at-example\.com" is not accepted: is not an e-mail address like ops@example\.com/, fix: /change the value/ },
  { name: 'the same e-mail address twice', text: 'name: shop\nlevel: 1\nalerts:\n  emails: [ops@example.com, OPS@example.com]\n', line: 4, field: 'alerts.emails[1]', message: /e-mail address "ops@example\.com" appears twice/, fix: /remove the repeat/ },
  { name: 'a malformed topic ARN', text: 'name: shop\nlevel: 1\nalerts: { topicArn: "arn:aws:sns:us-east-1:1234:ops" }\n', line: 3, field: 'alerts.topicArn', message: /not an SNS topic ARN like arn:aws:sns:us-east-1:123456789012:ops-alerts/, fix: /change the value/ },
  { name: 'a topic in a region the blueprint does not deploy to', text: 'name: shop\nlevel: 4\nregions: [us-east-1]\nalerts: { topicArn: "arn:aws:sns:eu-west-1:123456789012:ops" }\n', line: 4, field: 'alerts.topicArn', message: /is in eu-west-1, where this blueprint deploys nothing: alarms notify topics of their own region only/, fix: /name a topic in us-east-1/ },
  { name: 'a misspelt alerts field', text: 'name: shop\nlevel: 1\nalerts:\n  email: [ops@example.com]\n', line: 4, field: 'alerts.email', message: /unknown field "email"/, fix: /did you mean "emails"/ },
  { name: 'a Slack channel without its id', text: 'name: shop\nlevel: 1\nalerts:\n  slack: { workspaceId: T012AB3CDEF }\n', line: 4, field: 'alerts.slack.channelId', message: /is required and missing/, fix: /add `channelId:/ },
  { name: 'no headroom at all', text: 'name: shop\nlevel: 1\nalerts:\n  headroom: 0\n', line: 4, field: 'alerts.headroom', message: /must be at least 0\.05/, fix: /at least 0\.05/ },
  { name: 'wrong format version', text: 'version: 2\nname: shop\nlevel: 1\n', line: 1, field: 'version', message: /format version "2" is not supported/, fix: /version: 1/ },
  // The team's own VPC (network.vpcId): ids, zones and blocks, and what each level needs from it.
  { name: 'a VPC id that is not one', text: ownVpc(4, { 'vpc-0a1b2c3d4e5f67890': 'vpc-123' }), line: 4, field: 'network.vpcId', message: /"vpc-123" is not accepted: must be an id like vpc-0123456789abcdef0/, fix: /change the value/ },
  { name: 'a subnet id that is not one', text: ownVpc(4, { 'subnet-0a1b2c3d,': 'subnet-XYZ,' }), line: 9, field: 'network.subnets.public[0].id', message: /must be an id like subnet-0123456789abcdef0/, fix: /change the value/ },
  { name: 'a subnet in another region\'s zone', text: ownVpc(4, { 'zone: us-east-1a }, { id: subnet-0a1b2c3e': 'zone: eu-west-1a }, { id: subnet-0a1b2c3e' }), line: 9, field: 'network.subnets.public[0].zone', message: /"eu-west-1a" is not an Availability Zone of us-east-1/, fix: /like us-east-1a/ },
  { name: 'a zone id for a zone name', text: ownVpc(4, { 'zone: us-east-1a }, { id: subnet-0a1b2c3e': 'zone: use1-az1 }, { id: subnet-0a1b2c3e' }), line: 9, field: 'network.subnets.public[0].zone', message: /must be an Availability Zone name like us-east-1a/, fix: /change the value/ },
  { name: 'isolated subnets in one zone', text: ownVpc(4, { ', { id: subnet-0a1b2c5e, zone: us-east-1b }': '' }), line: 11, field: 'network.subnets.isolated', message: /needs 2 isolated subnets in different zones and has 1: an RDS DB subnet group/, fix: /at least 2 under network\.subnets\.isolated/ },
  { name: 'tiers in different zones', text: ownVpc(4, { 'subnet-0a1b2c4e, zone: us-east-1b': 'subnet-0a1b2c4e, zone: us-east-1c' }), line: 10, field: 'network.subnets.private', message: /private subnets are in us-east-1a, us-east-1c, the public ones in us-east-1a, us-east-1b/, fix: /same zones/ },
  { name: 'a fleet in the team\'s VPC without egress', text: ownVpc(4, { '  privateEgress: true\n': '' }), line: 3, field: 'network', message: /private subnets, which need a way out.*cannot read their routes/, fix: /privateEgress: true/ },
  { name: 'a database in the team\'s VPC without an endpoint choice', text: ownVpc(2, { '  secretsManagerEndpoint: create\n': '' }), line: 3, field: 'network', message: /needs network\.secretsManagerEndpoint/, fix: /secretsManagerEndpoint: create.*secretsManagerEndpoint: existing/ },
  { name: 'a created endpoint without the VPC\'s block', text: ownVpc(2, { '  cidr: 10.20.0.0/16\n': '' }), line: 3, field: 'network', message: /admits HTTPS from the VPC's block/, fix: /add `cidr:`/ },
  { name: 'subnets without a VPC id', text: ownVpc(4, { '  vpcId: vpc-0a1b2c3d4e5f67890\n': '' }), line: 5, field: 'network.secretsManagerEndpoint', message: /describes your own VPC, but the blueprint names none/, fix: /add network\.vpcId/ },
  { name: 'maxAzs with a VPC id', text: ownVpc(4, { '  cidr: 10.20.0.0/16\n': '  cidr: 10.20.0.0/16\n  maxAzs: 3\n' }), line: 6, field: 'network.maxAzs', message: /shapes the VPC tierup creates; with vpcId tierup creates none/, fix: /remove maxAzs/ },
  { name: 'private subnets too small for the fleet', text: `${ownVpc(4, { 'subnet-0a1b2c4d, zone: us-east-1a': 'subnet-0a1b2c4d, zone: us-east-1a, cidr: 10.20.9.0/28' })}app: { scaling: { max: 30 } }\n`, line: 10, field: 'network.subnets.private[0].cidr', message: /has 11 usable addresses, and the fleets may place 17 instances in each/, fix: /larger private subnets/ },
  { name: 'a public subnet too small for the load balancer', text: ownVpc(4, { 'subnet-0a1b2c3d, zone: us-east-1a': 'subnet-0a1b2c3d, zone: us-east-1a, cidr: 10.20.9.0/28' }), line: 9, field: 'network.subnets.public[0].cidr', message: /smaller than the \/27 an Application Load Balancer's subnets need/, fix: /\/27 or larger/ },
  { name: 'a subnet outside the VPC\'s block', text: ownVpc(4, { 'subnet-0a1b2c3d, zone: us-east-1a': 'subnet-0a1b2c3d, zone: us-east-1a, cidr: 10.21.0.0/24' }), line: 9, field: 'network.subnets.public[0].cidr', message: /outside the VPC's block 10\.20\.0\.0\/16/, fix: /check that subnet-0a1b2c3d is in vpc-0a1b2c3d4e5f67890/ },
  { name: 'one subnet in two tiers', text: ownVpc(4, { 'subnet-0a1b2c5e': 'subnet-0a1b2c3e' }), line: 11, field: 'network.subnets.isolated[1].id', message: /listed twice \(also as public\[1\]\)/, fix: /its own subnets/ },
  { name: 'level 7 without the further region\'s VPC', text: ownVpc(7, { 'level: 7\n': 'level: 7\nregions: [us-east-1, eu-west-1]\nmultiRegion: { domainName: shop.example.com, hostedZoneName: example.com }\n' }), line: 5, field: 'network', message: /network\.regions has none for eu-west-1/, fix: /add network\.regions\.eu-west-1/ },
  { name: 'a further region\'s VPC below level 7', text: `${ownVpc(4)}  regions:\n    eu-west-1: { vpcId: vpc-0a1b2c3d4e5f67891 }\n`, line: 13, field: 'network.regions.eu-west-1', message: /further regions need level 7/, fix: /remove network\.regions/ },
];
