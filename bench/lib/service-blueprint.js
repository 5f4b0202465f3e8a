'use strict';
/** A level-6 blueprint with N services, for measuring how synth grows with the size of a blueprint. */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * The level-6 example (blueprints/shop-6-microservices.yaml) with its services replaced by `count`
 * generated ones, mixed the way a growing platform is: every service has its own fleet and path rule;
 * every 4th has its own PostgreSQL database, every 5th its own Valkey cache, every 10th a queue with
 * workers; every 5th publishes an event that the next service subscribes to.
 */
function serviceBlueprint(root, count) {
  const base = readFileSync(join(root, 'blueprints', 'shop-6-microservices.yaml'), 'utf8');
  const head = base.slice(0, base.indexOf('\nservices:'));
  const lines = ['', 'services:'];
  for (let index = 1; index <= count; index += 1) {
    const name = `svc-${String(index).padStart(3, '0')}`;
    lines.push(`  - name: ${name}`, `    pathPattern: "/${name}/*"`, '    instanceType: t3.small');
    if (index % 4 === 0) lines.push('    database: { engine: postgres }');
    if (index % 5 === 0) lines.push('    cache: { engine: valkey }');
    if (index % 10 === 0) lines.push(`    queues: [{ name: ${name}-jobs, worker: { min: 0, max: 4 } }]`);
    if (index % 5 === 1 && index < count) lines.push(`    publishes: [${name}-changed]`);
    if (index % 5 === 2) lines.push(`    subscribes: [svc-${String(index - 1).padStart(3, '0')}-changed]`);
  }
  return `${head.replace('# Level 6:', `# Level 6, ${count} generated services (bench/lib/service-blueprint.js):`)}${lines.join('\n')}\n`;
}

module.exports = { serviceBlueprint };
