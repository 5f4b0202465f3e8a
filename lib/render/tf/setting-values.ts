import type { SettingValue, WiringAttribute, WiringRef } from '../../plan';
import { refKey } from '../../plan/wiring/wiring-queries';

/**
 * The values the wiring graph's settings and grants name, by planned resource and attribute, registered by the
 * constructs that create them. One configuration holds every region, so a value of another region is a plain reference.
 */
export class SettingValues {
  private readonly values = new Map<string, readonly string[]>();

  /** Records what a construct created for a planned resource. */
  public set(ref: WiringRef, attribute: WiringAttribute, value: string | readonly string[]): void {
    this.values.set(`${refKey(ref)}#${attribute}`, typeof value === 'string' ? [value] : value);
  }

  /** Every value of one attribute (one, or several for reader addresses and a cache's ARNs). */
  public list(ref: WiringRef, attribute: WiringAttribute): readonly string[] {
    return this.values.get(`${refKey(ref)}#${attribute}`) ?? [];
  }

  /** The string an SSM parameter holds for a setting's value. */
  public resolve(value: SettingValue): string {
    if (value.kind === 'literal') return value.value;
    return this.list(value.resource, value.attribute).map((item) => (value.port === null ? item : `${item}:${value.port}`)).join(',');
  }
}
