'use strict';
/** Scenario c: a level-6 blueprint growing from 10 to 100 services: time, memory, and how time grows per service. */
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { countCfnResources, countTfResources } = require('./resource-count');
const { serviceBlueprint } = require('./service-blueprint');
const { linearFit, median } = require('./stats');

const SERVICE_COUNTS = [10, 25, 50, 75, 100];

/**
 * CloudFormation refuses a template of more than 500 resources, and tierup says so before it writes
 * anything (lib/render/cfn/template-limits.ts). A level-6 primary stack holds about 250 resources plus
 * about 3 per service (its nested stack, log group and alarm), so from about 80 services `--target both`
 * exits 1: such a size is measured with `--target tf`, shown as such, and left out of the fit.
 */
const REFUSED = /would declare (\d+) resources; CloudFormation allows at most (\d+)/;

/** Rows of scenario c; `context` is what scenarios.js shares (tierupSynth, fresh, row, …). */
async function serviceGrowth({ root, scratch, runs, quick, target, log, fresh, warmUp, tierupSynth, row, details, variantNames }) {
  await warmUp();
  const counts = quick ? [10, 50, 100] : SERVICE_COUNTS;
  mkdirSync(join(scratch, 'blueprints'), { recursive: true });
  const specs = new Map(counts.map((count) => {
    const file = join(scratch, 'blueprints', `services-${count}.yaml`);
    writeFileSync(file, serviceBlueprint(root, count));
    return [count, file];
  }));
  /** Sizes CloudFormation refuses, with the resource count tierup reported. */
  const refused = new Map();
  const targetOf = (count) => (refused.has(count) ? 'tf' : target);
  const synth = async (count, variant, out) => {
    const label = `tierup synth ${count} services`;
    try {
      return await tierupSynth(label, [specs.get(count)], out, [], variant, { target: targetOf(count) });
    } catch (error) {
      const limit = target !== 'tf' && REFUSED.exec(error.message);
      if (!limit) throw error;
      refused.set(count, Number(limit[1]));
      log(`  ${count} services: CloudFormation would refuse ${limit[1]} resources in one stack; measuring --target tf`);
      return tierupSynth(label, [specs.get(count)], fresh(`tierup-services-${count}-tf`), [], variant, { target: 'tf' });
    }
  };
  const results = new Map(counts.map((count) => [count, []]));
  const plainLargest = [];
  let largest;
  for (let index = 0; index < runs; index += 1) {
    log(`level 6 growth, run ${index + 1}/${runs}`);
    // Rotate the order of sizes between runs, for the same reason the level-4 comparison alternates; the
    // largest size that renders both targets also runs plain (no code cache, one thread), in the rotation.
    const steps = [...counts.map((count) => async () => {
      const out = fresh(`tierup-services-${count}`);
      results.get(count).push(await synth(count, 'warm', out));
      details[`services${count}Resources`] = { cfn: countCfnResources(out), tf: countTfResources(out) };
    }), async () => {
      largest = [...counts].reverse().find((count) => !refused.has(count)) ?? counts[0];
      plainLargest.push({ count: largest, ...(await synth(largest, 'plain', fresh('tierup-services-plain'))) });
    }];
    for (const step of steps.map((_, offset) => steps[(offset + index) % steps.length])) await step();
  }
  const rendered = counts.filter((count) => !refused.has(count));
  const medianOf = (count) => median(results.get(count).map((r) => r.seconds));
  const rows = counts.map((count) => {
    const samples = results.get(count);
    const peakMb = Math.max(...samples.map((r) => r.peakMb));
    const perService = `${((medianOf(count) * 1000) / count).toFixed(0)} ms/service`;
    const goal = count === 100 ? { goal: '<= 3 s and <= 500 MB', met: refused.has(100) ? null : medianOf(count) <= 3 && peakMb <= 500 } : { goal: '', met: null };
    if (refused.has(count)) {
      return row(`L6 ${count} services, --target tf only`, samples, { ...goal, result: `${perService}; CloudFormation refuses ${refused.get(count)} resources in one stack` });
    }
    return row(`L6 ${count} services`, samples, { ...goal, result: perService });
  });
  const plainCount = plainLargest.at(-1)?.count;
  const plainSamples = plainLargest.filter((sample) => sample.count === plainCount);
  rows.push(row(`L6 ${plainCount} services (${variantNames.plain})`, plainSamples, {
    result: `pool + cache is ${(medianOf(plainCount) / median(plainSamples.map((r) => r.seconds))).toFixed(2)}x this`, goal: '', met: null,
  }));
  if (rendered.length >= 3) {
    const medians = rendered.map((count) => [count, medianOf(count)]);
    const fit = linearFit(medians);
    const [first, before, last] = [medians[0], medians.at(-2), medians.at(-1)];
    // Linear: the cost of the last services added is no more than 1.5x the average cost of a service.
    const marginalLast = (last[1] - before[1]) / (last[0] - before[0]);
    details.linearity = { medians, slopeSPerService: fit.slope, interceptS: fit.intercept, r2: fit.r2, marginalLastSPerService: marginalLast };
    rows.push({
      scenario: `L6 growth ${first[0]}->${last[0]} services, both targets`, runs, medianS: null, p90S: null, cpuS: null, peakMb: null,
      result: `${(fit.slope * 1000).toFixed(0)} ms/service + ${fit.intercept.toFixed(2)} s, r2 ${fit.r2.toFixed(3)}, last step ${(marginalLast * 1000).toFixed(0)} ms/service`,
      goal: 'linear', met: marginalLast <= 1.5 * fit.slope && fit.r2 >= 0.95,
    });
  }
  details.servicesRefusedByCloudFormation = Object.fromEntries(refused);
  return rows;
}

module.exports = { serviceGrowth, SERVICE_COUNTS };
