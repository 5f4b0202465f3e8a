import { Lazy } from 'cdktf';
import { disableTokenStackTraces } from '../../../lib/render/tf/token-stack-traces';

type Traced = { readonly creationStack: string[] };

// The switch replaces cdktf's private captureStackTrace; if a cdktf upgrade moves or inlines it, this fails.
// That output stays the same with traces off is what the snapshot tests show.
describe('disableTokenStackTraces', () => {
  it('leaves the cdktf tokens created afterwards without a creation stack', () => {
    const before = Lazy.anyValue({ produce: () => 'x' }) as unknown as Traced;
    expect(before.creationStack.length).toBeGreaterThan(0);
    disableTokenStackTraces();
    const after = Lazy.anyValue({ produce: () => 'x' }) as unknown as Traced;
    expect(after.creationStack).toEqual([]);
  });
});
