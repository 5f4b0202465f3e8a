import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffBlueprints, losesData } from '../../../lib/analyze/upgrade-diff';
import { renderBoth } from './render-both';

const example = (file: string) => readFileSync(join(__dirname, '../../../blueprints', file), 'utf8');

describe('changes that would lose data are caught', () => {
  it('switching the database engine replaces the primary in both targets, naming the property', () => {
    const before = example('shop-2-separate-db.yaml');
    const diff = diffBlueprints(renderBoth(before), renderBoth(before.replace('engine: postgres', 'engine: mysql')));
    expect(diff.safe).toBe(false);
    const losing = diff.changes.filter(losesData);
    expect(losing).toEqual(expect.arrayContaining([
      expect.objectContaining({ target: 'cfn', type: 'AWS::RDS::DBInstance', action: 'replace', causes: expect.arrayContaining([expect.stringMatching(/^Engine: "postgres" → "mysql"/)]) }),
      expect.objectContaining({ target: 'tf', id: 'aws_db_instance.database', action: 'replace', causes: expect.arrayContaining([expect.stringMatching(/^engine: "postgres" → "mysql"/)]) }),
    ]));
  });

  it('turning a queue FIFO replaces it in both targets', () => {
    const before = example('shop-5-sharded.yaml');
    const diff = diffBlueprints(renderBoth(before), renderBoth(before.replace('fifo: false', 'fifo: true')));
    expect(diff.safe).toBe(false);
    const losing = diff.changes.filter(losesData);
    expect(losing).toEqual(expect.arrayContaining([
      expect.objectContaining({ target: 'cfn', type: 'AWS::SQS::Queue', action: 'replace', causes: expect.arrayContaining([expect.stringMatching(/^(FifoQueue|QueueName)/)]) }),
      expect.objectContaining({ target: 'tf', id: 'aws_sqs_queue.queue_emails', action: 'replace', causes: expect.arrayContaining([expect.stringMatching(/^(fifo_queue|name)/)]) }),
    ]));
  });

  it('removing the cache destroys it in Terraform; CloudFormation keeps it by its retain policy and warns', () => {
    const before = example('shop-3-cache.yaml');
    const after = before.replace(/^level: cache$/m, 'level: separate-db').replace(/^cache:\n(?: {2}.*\n)+/m, '');
    const diff = diffBlueprints(renderBoth(before), renderBoth(after));
    expect(diff.safe).toBe(false);
    expect(diff.changes.filter(losesData).map((c) => [c.target, c.type, c.action])).toEqual([['tf', 'aws_elasticache_replication_group', 'destroy']]);
    expect(diff.changes.filter((c) => c.type === 'AWS::ElastiCache::ReplicationGroup').map((c) => c.action)).toEqual(['orphan']);
    expect(diff.warnings.join('\n')).toMatch(/ReplicationGroup.*kept in the account/);
  });
});

describe('ids come from names, not positions', () => {
  it('reordering services and queues changes nothing in either target', () => {
    const base = example('shop-6-microservices.yaml').replace(
      /queues:\n {2}- name: emails\n((?: {4}.*\n)+)/,
      (_m, body: string) => `queues:\n  - name: emails\n${body}  - name: reports\n    worker: { max: 2 }\n`,
    );
    const servicesAt = base.indexOf('services:\n');
    const services = base.slice(servicesAt + 'services:\n'.length).split(/(?=^ {2}- name:)/m);
    const reordered = `${base.slice(0, servicesAt)}services:\n${services.toReversed().join('')}`
      .replace(/( {2}- name: emails\n(?: {4}.*\n)+)( {2}- name: reports\n(?: {4}.*\n)+)/, '$2$1');
    expect(reordered).not.toBe(base);
    const diff = diffBlueprints(renderBoth(base), renderBoth(reordered));
    expect(diff.changes).toEqual([]);
  });
});
