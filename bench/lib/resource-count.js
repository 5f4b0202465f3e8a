'use strict';
/** Counts the resources of synthesized output, so that the compared architectures can be shown to be alike. */
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** CloudFormation resources in every *.template.json under `dir`, without CDK's version-reporting resource. */
function countCfnResources(dir) {
  return files(dir, '.template.json').reduce((sum, file) => {
    const resources = Object.values(JSON.parse(readFileSync(file, 'utf8')).Resources ?? {});
    return sum + resources.filter((resource) => resource.Type !== 'AWS::CDK::Metadata').length;
  }, 0);
}

/** Terraform resources (not data sources) in every cdk.tf.json under `dir`. */
function countTfResources(dir) {
  return files(dir, 'cdk.tf.json').reduce((sum, file) => {
    const byType = JSON.parse(readFileSync(file, 'utf8')).resource ?? {};
    return sum + Object.values(byType).reduce((count, named) => count + Object.keys(named).length, 0);
  }, 0);
}

function files(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

module.exports = { countCfnResources, countTfResources };
