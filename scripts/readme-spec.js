#!/usr/bin/env node
// Rewrites the README's spec reference from the zod schema's descriptions (run after `npm run build`).
// test/spec/schema-descriptions.test.ts fails when the README is not current.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { specReferenceMarkdown } = require('../dist/lib/spec');

const file = join(__dirname, '../README.md');
const readme = readFileSync(file, 'utf8');
const pattern = /(<!-- spec-reference:start[^>]*-->\n)[\s\S]*?(<!-- spec-reference:end -->)/;
if (!pattern.test(readme)) throw new Error('README.md has no <!-- spec-reference:start --> … <!-- spec-reference:end --> markers');
writeFileSync(file, readme.replace(pattern, (_match, start, end) => `${start}${specReferenceMarkdown()}${end}`));
