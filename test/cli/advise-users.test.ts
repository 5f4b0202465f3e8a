import { runCli } from './run-cli';

describe('advise in users or requests', () => {
  it('takes the ladder\'s users: 40K users is level 3, as the ladder\'s typical-load column says', () => {
    const run = runCli(['advise', '--users', '40000', '--read-ratio', '0.9', '--data-gb', '50']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^level 3 \(cache\)\n  load: 40K users at peak ≈ 1000 rps \(at 0\.025 requests per user per second\)\n/);
  });

  it('states an --rps load in users too, so the two columns can be compared', () => {
    const run = runCli(['advise', '--rps', '400', '--read-ratio', '0.9', '--data-gb', '50', '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ level: 1, rps: 400, users: 16000 });
    expect(runCli(['advise', '--rps', '400', '--read-ratio', '0.9', '--data-gb', '50']).stdout).toMatch(/load: 400 rps ≈ 16K users at peak .*the ladder's "typical load" counts users/);
  });

  it('needs exactly one of --rps and --users', () => {
    expect(runCli(['advise', '--read-ratio', '0.9', '--data-gb', '50']).status).toBe(2);
    expect(runCli(['advise', '--rps', '1', '--users', '1', '--read-ratio', '0.9', '--data-gb', '50']).stderr).toMatch(/one of the two/);
  });
});
