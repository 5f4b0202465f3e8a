import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blueprintFields, blueprintJsonSchema, specReferenceMarkdown } from '../../lib/spec';

const README = join(__dirname, '../../README.md');

describe('the schema explains itself', () => {
  const fields = blueprintFields();

  it('reads every field of the schema, nested ones included', () => {
    expect(fields.map((field) => field.path)).toEqual(expect.arrayContaining([
      'name', 'level', 'app.scaling.schedules[].cron', 'queues[].worker.backlogPerInstance', 'services[].queues[].name',
      'terraform.backend.s3.bucket', 'cdn.priceClass',
    ]));
  });

  it.each(blueprintFields().map((field) => [field.path, field] as const))('%s has a one-line description with its default', (_path, field) => {
    expect(field.description).not.toBe('');
    expect(field.description).not.toMatch(/\n/);
    expect(field.description).toMatch(/(Default: .+|Required)\.$/);
  });

  it('says schedules are UTC', () => {
    const cron = fields.find((field) => field.path === 'app.scaling.schedules[].cron');
    expect(cron?.description).toMatch(/UTC/);
  });

  it('puts the descriptions into the JSON Schema for editors', () => {
    const schema = blueprintJsonSchema() as { properties: Record<string, { description?: string }> };
    expect(schema.properties.environment.description).toMatch(/Default: "production"/);
  });

  it('is the spec reference in the README (npm run readme:spec regenerates it)', () => {
    const readme = readFileSync(README, 'utf8');
    const section = /<!-- spec-reference:start[^>]*-->\n([\s\S]*?)<!-- spec-reference:end -->/.exec(readme)?.[1];
    expect(section).toBe(specReferenceMarkdown());
  });
});
