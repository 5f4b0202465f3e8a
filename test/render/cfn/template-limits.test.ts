import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createPlan } from '../../../lib/plan';
import { renderCfnTemplates } from '../../../lib/render/cfn';
import { MAX_RESOURCES_PER_TEMPLATE, TemplateTooLargeError } from '../../../lib/render/cfn/template-limits';
import { parseBlueprint } from '../../../lib/spec';

// CloudFormation refuses templates over 500 resources; tierup says so before synthesis, with a fix.
const shop5 = parse(readFileSync(join(__dirname, '../../../blueprints/shop-5-sharded.yaml'), 'utf8'));

function planWithShards(count: number) {
  const blueprint = { ...shop5, database: { ...shop5.database, readReplicas: 2, proxy: true, shards: { ...shop5.database.shards, count } } };
  return createPlan(parseBlueprint(stringify(blueprint), 'many-shards.yaml').spec);
}

describe('CloudFormation template size', () => {
  it('refuses a primary stack over 500 resources before synthesis, naming the stack and its count', () => {
    let caught: unknown;
    try { renderCfnTemplates(planWithShards(40)); } catch (error) { caught = error; }
    expect(caught).toBeInstanceOf(TemplateTooLargeError);
    const error = caught as TemplateTooLargeError;
    expect(error.stackName).toBe('shop-production-us-east-1');
    expect(error.resources).toBeGreaterThan(MAX_RESOURCES_PER_TEMPLATE);
    expect(error.message).toContain('cloudformation-limits.html');
    expect(error.fix).toContain('database.shards.count');
  });

  it('names the most numerous resource types and points at the services when a level-6 blueprint has too many', () => {
    const shop6 = parse(readFileSync(join(__dirname, '../../../blueprints/shop-6-microservices.yaml'), 'utf8'));
    const services = Array.from({ length: 160 }, (_, index) => ({ name: `svc-${index}`, pathPattern: `/svc-${index}/*` }));
    const plan = createPlan(parseBlueprint(stringify({ ...shop6, services }), 'many-services.yaml').spec);
    let caught: unknown;
    try { renderCfnTemplates(plan); } catch (error) { caught = error; }
    expect(caught).toBeInstanceOf(TemplateTooLargeError);
    const error = caught as TemplateTooLargeError;
    expect(error.largestTypes.map(([type]) => type)).toContain('AWS::CloudFormation::Stack');
    expect(error.largestTypes.find(([type]) => type === 'AWS::CloudFormation::Stack')?.[1]).toBe(160);
    expect(error.message).toContain('160 AWS::CloudFormation::Stack');
    expect(error.fix).toContain('`services`');
  });

  it('lets the example through', () => {
    expect(Object.keys(renderCfnTemplates(planWithShards(4))).length).toBeGreaterThan(0);
  });
});
