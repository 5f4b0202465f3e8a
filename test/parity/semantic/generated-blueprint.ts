/**
 * A large blueprint: three regions, sharded, queues with and without workers, and many services with their own
 * databases, caches, queues and events, so the parity test sees every kind of edge, grant and setting at scale.
 */
export function generatedBlueprint(serviceCount: number): string {
  const services = Array.from({ length: serviceCount }, (_, index) => {
    const name = `svc${String(index).padStart(2, '0')}`;
    const lines = [`  - name: ${name}`, `    pathPattern: "/${name}/*"`];
    if (index % 3 === 0) lines.push('    database: { engine: postgres, readReplicas: 1, proxy: true }');
    if (index % 4 === 1) lines.push('    cache: { engine: redis }');
    if (index % 2 === 0) lines.push(`    publishes: [event-${index}]`);
    if (index % 2 === 1) lines.push(`    subscribes: [event-${index - 1}]`);
    if (index % 5 === 2) lines.push(`    queues: [{ name: jobs, worker: { max: 3 } }, { name: later }]`);
    return lines.join('\n');
  });
  return [
    'version: 1',
    'name: big',
    'level: multi-region',
    'environment: production',
    'regions: [us-east-1, eu-west-1, ap-southeast-2]',
    'app: { instanceType: t3.small, port: 8080, healthCheckPath: /health }',
    'database: { engine: postgres, readReplicas: 2, proxy: true, shards: { count: 3, strategy: hash, key: user_id } }',
    'cache: { engine: redis, replicas: 1 }',
    'queues: [{ name: emails, worker: { max: 4 } }, { name: audit }]',
    'services:',
    ...services,
    'multiRegion: { mode: active-active, domainName: big.example.com, hostedZoneName: example.com }',
    '',
  ].join('\n');
}
