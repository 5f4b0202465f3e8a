/**
 * Checks a five-field cron expression as EC2 Auto Scaling scheduled actions accept it
 * (minute hour day-of-month month day-of-week, in UTC). Returns a reason when invalid.
 * See https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html
 */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) {
    return `has ${fields.length} fields; write five: minute hour day-of-month month day-of-week (e.g. "30 8 * * MON-FRI")`;
  }
  const names = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'] as const;
  for (const [index, field] of fields.entries()) {
    const spec = CRON_FIELDS[index];
    if (!field.split(',').every((part) => cronPartValid(part, spec))) {
      return `has an invalid ${names[index]} field "${field}" (allowed ${spec.min}-${spec.max}${spec.names ? ' or ' + spec.names.join('/') : ''}, *, ranges a-b and steps /n)`;
    }
  }
  return undefined;
}

interface CronField {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const CRON_FIELDS: readonly CronField[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

function cronPartValid(part: string, spec: CronField): boolean {
  const [range, step, ...rest] = part.split('/');
  if (rest.length > 0) return false;
  if (step !== undefined && !/^[1-9][0-9]*$/.test(step)) return false;
  if (range === '*') return true;
  const bounds = range.split('-');
  if (bounds.length > 2) return false;
  const values = bounds.map((bound) => cronValue(bound, spec));
  if (values.some((value) => value === undefined)) return false;
  return values.length === 1 || values[0]! <= values[1]!;
}

function cronValue(token: string, spec: CronField): number | undefined {
  if (/^[0-9]+$/.test(token)) {
    const value = Number(token);
    return value >= spec.min && value <= spec.max ? value : undefined;
  }
  const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  return index >= 0 ? index + spec.min : undefined;
}
