import { Test } from '@nestjs/testing';
import { PluginScope } from './plugin-scope';
import { UncaughtErrorContainment } from './uncaught-error-containment.service';

describe(UncaughtErrorContainment.name, () => {
  let containment: UncaughtErrorContainment;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({ providers: [UncaughtErrorContainment] }).compile();
    moduleRef.useLogger(false);
    containment = moduleRef.get(UncaughtErrorContainment);
  });

  function ownedScope(name: string): { scope: PluginScope; markUnavailable: jest.Mock } {
    const scope = new PluginScope(`./${name}.js`);
    const markUnavailable = jest.fn();
    scope.attach({ name, markUnavailable });
    return { scope, markUnavailable };
  }

  it('makes the plugin whose timer threw UNAVAILABLE, saying what escaped and how to fix it', async () => {
    const { scope, markUnavailable } = ownedScope('leaky');

    // What Node does: the process's handler runs in the context of the callback that threw.
    const contained = await scope.within(
      () => new Promise<boolean>((resolve) => setTimeout(() => resolve(containment.contain(new Error('boom\n    at x.js:1'), 'uncaught exception')), 1)),
    );

    expect(contained).toBe(true);
    expect(markUnavailable).toHaveBeenCalledWith(
      expect.stringMatching(/^its code running in the server's thread let an uncaught exception escape \(boom\); it is disabled until the server restarts\. .*isolation 'worker'/),
    );
  });

  it('charges an unhandled rejection to the plugin whose code created it', async () => {
    const { scope, markUnavailable } = ownedScope('rejecting');

    const contained = await scope.within(async () => {
      await Promise.resolve();
      return containment.contain(new Error('no model'), 'unhandled rejection');
    });

    expect(contained).toBe(true);
    expect(markUnavailable.mock.calls[0][0]).toContain('let an unhandled rejection escape (no model)');
  });

  it('attributes nothing outside plugin code: the caller treats it as the server’s own error', () => {
    expect(containment.contain(new Error('server bug'), 'uncaught exception')).toBe(false);
  });
});
