import { diffBlueprints, losesData, type RenderedBlueprint } from '../../../lib/analyze/upgrade-diff';
import { renderBoth } from './render-both';

// The ladder guarantee on a domain: from level 1 (CloudFront already in front) to 7, each climb loses no data in
// either target, and the CDN, its static-assets bucket, the viewer and origin records and the origin secrets keep
// their ids all the way (3 → 4 and 6 → 7 only repoint origin.<name>).

const domain = 'domain: { name: store.example.com, hostedZone: example.com, hostedZoneId: Z0123456789ABCDEFGHIJ }';
const rung = (level: number): string => [
  'name: store', `level: ${level}`, domain,
  ...(level >= 7 ? ['regions: [us-east-1, eu-west-1]', 'multiRegion: { domainName: store.example.com, hostedZoneName: example.com }'] : []),
  ...(level >= 5 ? ['queues: [{ name: jobs }]'] : []),
  ...(level >= 6 ? ['services: [{ name: api, pathPattern: "/api/*" }]'] : []),
].join('\n');

describe('the ladder on a domain', () => {
  let rendered: RenderedBlueprint[];
  beforeAll(() => {
    rendered = [1, 2, 3, 4, 5, 6, 7].map((level) => renderBoth(rung(level), `store-${level}.yaml`));
  }, 120_000);

  it.each([1, 2, 3, 4, 5, 6])('%i → next loses nothing, and keeps what viewers reach', (level) => {
    const diff = diffBlueprints(rendered[level - 1], rendered[level]);
    expect(diff.changes.filter(losesData)).toEqual([]);
    expect(diff.safe).toBe(true);
    // Neither engine replaces or removes the distribution, the bucket or the records viewers and CloudFront use.
    const kept = diff.changes.filter((change) => ['replace', 'destroy'].includes(change.action)
      && /CloudFront::Distribution|S3::Bucket|Route53::RecordSet|aws_cloudfront_distribution|aws_s3_bucket$|aws_route53_record/.test(change.type)
      && !/validation/.test(change.id));
    // At 6 → 7 too: origin.<name> stays the one simple record, now an alias to the regions' health-checked records
    // (routed.origin.<name>), since Route 53 refuses failover records beside a simple record of the same name.
    expect(kept.map((change) => `${change.target} ${change.action} ${change.id}`)).toEqual([]);
  });
});
