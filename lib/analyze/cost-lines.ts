import type { ArchitecturePlan, FleetPlan, QueuePlan } from '../plan';
import { type CostLine, fixed, gbMonth, hourly, type Quantity, scale } from './cost-model';
import { cacheLines, databaseLines, rotationLines, secretCount } from './cost-data-lines';
import { domainLines } from './cost-domain-lines';
import { monitoringLines } from './cost-monitoring-lines';
import { scheduledFleetSize } from './cost-schedules';
import { GLOBAL_RATES, HOURS_PER_MONTH } from './data/prices';
import { BILLING_ASSUMPTIONS, type UsageAssumptions } from './data/usage-defaults';
import { ec2Hourly, regionalRates } from './price-lookup';

/** Every billable part of a plan, region by region, with the usage-driven parts sized from `usage`. */
export function costLines(plan: ArchitecturePlan, usage: UsageAssumptions): CostLine[] {
  const [primary, ...others] = plan.regions.map((region) => region.region);
  const lines: CostLine[] = [...regionalStackLines(plan, primary, true, usage)];
  for (const region of others) lines.push(...regionalStackLines(plan, region, false, usage));
  lines.push(...databaseLines(plan));
  lines.push(...rotationLines(plan));
  lines.push(...cacheLines(plan, others));
  lines.push(...edgeLines(plan, primary, others, usage));
  lines.push(...messagingLines(plan, usage));
  lines.push(...controlLines(plan));
  lines.push(...domainLines(plan, usage));
  lines.push(...monitoringLines(plan, usage));
  return lines;
}

/** What each region's stack runs: the server or fleets, network, load balancer, queues' workers. */
function regionalStackLines(plan: ArchitecturePlan, region: string, primary: boolean, usage: UsageAssumptions): CostLine[] {
  const rates = regionalRates(region);
  const lines: CostLine[] = [];
  const at = (label: string) => `${region} ${label}`;
  if (plan.server && primary) {
    const { server } = plan;
    lines.push(instanceHours(region, at(`Server ${server.instanceType}`), server.instanceType, fixed(1)));
    lines.push(gbMonth('ebs', at('Server root volume (gp3)'), rates?.ebsGp3GbMonth, server.rootVolumeGb));
    if (server.dataVolume) lines.push(gbMonth('ebs', at('DataVolume (gp3)'), rates?.ebsGp3GbMonth, server.dataVolume.sizeGb));
    lines.push(hourly('public-ipv4', at('Server Elastic IP'), 'address-hours', rates?.publicIpv4Hourly, fixed(1)));
  }
  const { natGateways, maxAzs } = plan.network;
  if (natGateways > 0) {
    lines.push(hourly('nat-gateway', at(`NAT gateways ×${natGateways}`), 'gateway-hours', rates?.natGatewayHourly, fixed(natGateways)));
    lines.push(hourly('public-ipv4', at('NAT gateway Elastic IPs'), 'address-hours', rates?.publicIpv4Hourly, fixed(natGateways)));
    lines.push(usageLine('nat-gateway', at('NAT data processed'), 'GB', rates?.natGatewayGb, usage.natGbPerRegion));
  }
  // Every region's network has it where the blueprint has a database: one network interface per zone's isolated subnet.
  if (plan.network.secretsEndpoint) {
    lines.push(hourly('vpc-endpoint', at(`SecretsManagerEndpoint (interface, ${maxAzs} zones)`), 'endpoint-AZ-hours', rates?.interfaceEndpointAzHourly, fixed(maxAzs)));
    lines.push(usageLine('vpc-endpoint', at('SecretsManagerEndpoint data processed'), 'GB', rates?.interfaceEndpointGb, BILLING_ASSUMPTIONS.secretsEndpointGbPerRegion));
  }
  if (plan.loadBalancer) {
    lines.push(hourly('elb', at('LoadBalancer (ALB)'), 'ALB-hours', rates?.albHourly, fixed(1)));
    lines.push(usageLine('elb', at('LoadBalancer capacity units'), 'LCU-hours', rates?.albLcuHourly, primary ? lcuHours(usage) : 0));
    lines.push(hourly('public-ipv4', at(`LoadBalancer addresses (${maxAzs} zones)`), 'address-hours', rates?.publicIpv4Hourly,
      fixed(maxAzs * BILLING_ASSUMPTIONS.albAddressesPerZone)));
  }
  // Every region runs the app's and the services' fleets, queues and workers (the regional stacks of level 7).
  const fleets: FleetPlan[] = [...(plan.fleet ? [plan.fleet] : []), ...plan.services.map((s) => s.fleet)];
  for (const fleet of fleets) {
    const label = fleet.name === 'app' ? fleet.id : `Service ${fleet.name} ${fleet.id}`;
    // Scheduled actions change the fleet's size by the hour; the quantities are their weekly average.
    const sized = scheduledFleetSize(fleet);
    const priced = fleet.schedules.length - sized.unpriced.length;
    const schedules = priced > 0 ? `, ${priced} schedule${priced === 1 ? '' : 's'} averaged over a week` : '';
    lines.push(...instanceWithRoot(region, at(`${label} ${fleet.instanceType} ×${fleet.min}-${fleet.max}${schedules}`), fleet.instanceType, sized.quantity));
  }
  const queues: QueuePlan[] = [...plan.queues, ...plan.services.flatMap((s) => s.queues)];
  for (const queue of queues) {
    if (!queue.worker) continue;
    const { worker } = queue;
    // A queue with traffic keeps workers busy; a standby region's queues idle at their minimum.
    const busy = primary && usage.messagesPerQueuePerMonth > 0 ? BILLING_ASSUMPTIONS.expectedBusyWorkers : 0;
    const expected = Math.min(worker.max, Math.max(worker.min, busy));
    lines.push(...instanceWithRoot(region, at(`${worker.id} ${worker.instanceType} ×${worker.min}-${worker.max}`), worker.instanceType,
      { min: worker.min, expected, max: worker.max }));
  }
  return lines;
}

/** CloudFront, its S3 origin and its replicas, or internet egress when nothing caches at the edge. */
function edgeLines(plan: ArchitecturePlan, primary: string, others: readonly string[], usage: UsageAssumptions): CostLine[] {
  if (!plan.cdn) {
    return [usageLine('data-transfer', `${primary} data transfer out to the internet`, 'GB', regionalRates(primary)?.internetEgressGb, usage.transferGb)];
  }
  const lines: CostLine[] = [
    usageLine('cloudfront', `Cdn ${plan.cdn.priceClass} data transfer out`, 'GB', GLOBAL_RATES.cloudFrontGb, usage.transferGb),
    usageLine('cloudfront', 'Cdn HTTPS requests', '10K requests', GLOBAL_RATES.cloudFrontPer10kRequests, usage.requestsPerMonth / 10_000),
  ];
  if (plan.cdn.staticAssets) {
    for (const region of [primary, ...others]) {
      const label = region === primary ? 'StaticAssets bucket' : 'StaticAssets replica bucket';
      lines.push(gbMonth('s3', `${region} ${label} (Standard)`, regionalRates(region)?.s3GbMonth, usage.staticGb));
    }
  }
  return lines;
}

/** SQS requests of every queue and SNS publishes of every event; consumers' deliveries from SNS to SQS are free. */
function messagingLines(plan: ArchitecturePlan, usage: UsageAssumptions): CostLine[] {
  const queues = [...plan.queues, ...plan.services.flatMap((s) => s.queues)];
  const lines: CostLine[] = queues.map((queue) => {
    const messages = queue.subscribesTo ? usage.publishesPerEventPerMonth : usage.messagesPerQueuePerMonth;
    const million = (messages * BILLING_ASSUMPTIONS.sqsRequestsPerMessage) / 1_000_000;
    return usageLine('sqs', `${queue.id} ${queue.queueName}`, 'million requests',
      queue.fifo ? GLOBAL_RATES.sqsFifoPerMillion : GLOBAL_RATES.sqsStandardPerMillion, million);
  });
  for (const event of plan.events) {
    lines.push(usageLine('sns', `${event.id} ${event.topicName}`, 'million publishes', GLOBAL_RATES.snsPerMillion, usage.publishesPerEventPerMonth / 1_000_000));
  }
  return lines;
}

/** Route 53 health checks at level 7, Secrets Manager secrets, and the (free) SSM parameters the app reads. */
function controlLines(plan: ArchitecturePlan): CostLine[] {
  const lines: CostLine[] = [];
  // The hosted zone is the user's (level 7's too): domainLines lists it at no charge.
  if (plan.multiRegion) {
    lines.push(monthly('route53', `health checks of ${plan.multiRegion.originDomainName}, one per region`, 'health-check-months',
      GLOBAL_RATES.route53HealthCheckMonth, plan.regions.length));
  }
  const secrets = secretCount(plan);
  if (secrets > 0) lines.push(monthly('secrets-manager', 'database credentials and cache AUTH tokens', 'secret-months', GLOBAL_RATES.secretsManagerSecretMonth, secrets));
  lines.push(monthly('ssm', `standard parameters under ${plan.parameterPrefix}`, 'parameter stores', GLOBAL_RATES.ssmStandardParameterMonth, 1));
  return lines;
}

/** LCU-hours of one ALB: the larger of its new-connection and processed-bytes dimensions, averaged over the month. */
function lcuHours(usage: UsageAssumptions): number {
  const requestsPerSecond = usage.requestsPerMonth / (HOURS_PER_MONTH * 3600);
  const gbPerHour = usage.transferGb / HOURS_PER_MONTH;
  const lcus = Math.max(requestsPerSecond / BILLING_ASSUMPTIONS.albNewConnectionsPerLcu, gbPerHour / BILLING_ASSUMPTIONS.albGbPerLcuHour);
  return lcus * HOURS_PER_MONTH;
}

function instanceWithRoot(region: string, resource: string, instanceType: string, count: Quantity): CostLine[] {
  return [
    instanceHours(region, resource, instanceType, count),
    { component: 'ebs', resource: `${resource} root volumes (gp3)`, unit: 'GB-months', unitPrice: regionalRates(region)?.ebsGp3GbMonth ?? null,
      quantity: scale(count, BILLING_ASSUMPTIONS.fleetRootVolumeGb) },
  ];
}

function instanceHours(region: string, resource: string, instanceType: string, count: Quantity): CostLine {
  return { component: 'ec2', resource, unit: 'instance-hours', unitPrice: ec2Hourly(region, instanceType), quantity: scale(count, HOURS_PER_MONTH) };
}

function monthly(component: string, resource: string, unit: string, unitPrice: number, count: number): CostLine {
  return { component, resource, unit, unitPrice, quantity: fixed(count) };
}

/** A usage-driven line; the quantity is rounded to 2 decimals so the printed arithmetic checks out. */
function usageLine(component: string, resource: string, unit: string, unitPrice: number | null | undefined, amount: number): CostLine {
  return { component, resource, unit, unitPrice: unitPrice ?? null, quantity: fixed(Math.round(amount * 100) / 100) };
}
