import { Test } from '@nestjs/testing';
import { PluginCodeLocations } from './plugin-code-locations';
import { UncaughtErrorContainment } from './uncaught-error-containment.service';

/** An Error whose stack has exactly `frames` (V8's format), top-most first. */
function errorThrownAt(message: string, ...frames: string[]): Error {
  const error = new Error(message);
  error.stack = [`Error: ${message}`, ...frames.map((frame) => `    at ${frame}`)].join('\n');
  return error;
}

describe(UncaughtErrorContainment.name, () => {
  let containment: UncaughtErrorContainment;
  let locations: PluginCodeLocations;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({ providers: [UncaughtErrorContainment, PluginCodeLocations] }).compile();
    moduleRef.useLogger(false);
    containment = moduleRef.get(UncaughtErrorContainment);
    locations = moduleRef.get(PluginCodeLocations);
  });

  function ownedPlugin(name: string): jest.Mock {
    const markUnavailable = jest.fn();
    locations.add({ root: `/plugins/${name}`, file: `/plugins/${name}/index.js` }, { name, markUnavailable });
    return markUnavailable;
  }

  it('makes the plugin whose timer threw UNAVAILABLE, saying what escaped and how to fix it', () => {
    const markUnavailable = ownedPlugin('leaky');

    const contained = containment.contain(
      errorThrownAt('boom\nsecond line', 'Timeout._onTimeout (/plugins/leaky/index.js:12:13)', 'listOnTimeout (node:internal/timers:581:17)'),
      'uncaught exception',
    );

    expect(contained).toBe(true);
    expect(markUnavailable).toHaveBeenCalledWith(
      expect.stringMatching(/^its code running in the server's thread let an uncaught exception escape \(boom\); it is disabled until the server restarts\. .*isolation 'worker'/),
    );
  });

  it('charges an unhandled rejection to the plugin of the top-most frame in any plugin, below server frames', () => {
    const outer = ownedPlugin('outer');
    const inner = ownedPlugin('inner');

    const contained = containment.contain(
      errorThrownAt('no model', 'parse (/app/dist/server.js:1:1)', 'async load (/plugins/inner/model.js:3:9)', '/plugins/outer/index.js:7:2'),
      'unhandled rejection',
    );

    expect(contained).toBe(true);
    expect(inner.mock.calls[0][0]).toContain('let an unhandled rejection escape (no model)');
    expect(outer).not.toHaveBeenCalled();
  });

  it('attributes nothing whose stack runs through no plugin: the caller treats it as the server’s own error', () => {
    const markUnavailable = ownedPlugin('bystander');

    expect(containment.contain(errorThrownAt('server bug', 'handle (/app/dist/server.js:1:1)'), 'uncaught exception')).toBe(false);
    expect(markUnavailable).not.toHaveBeenCalled();
  });

  it('attributes nothing to a non-Error value, which has no stack', () => {
    ownedPlugin('rejecting');

    expect(containment.contain('a string', 'unhandled rejection')).toBe(false);
  });
});
