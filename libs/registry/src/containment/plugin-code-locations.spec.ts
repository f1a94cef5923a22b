import { Test } from '@nestjs/testing';
import { type PluginCodeOwner, PluginCodeLocations } from './plugin-code-locations';

function owner(name: string): PluginCodeOwner {
  return { name, markUnavailable: jest.fn() };
}

function thrownIn(...files: string[]): Error {
  const error = new Error('boom');
  error.stack = ['Error: boom', ...files.map((file) => `    at fn (${file}:1:1)`)].join('\n');
  return error;
}

describe(PluginCodeLocations.name, () => {
  let locations: PluginCodeLocations;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({ providers: [PluginCodeLocations] }).compile();
    locations = moduleRef.get(PluginCodeLocations);
  });

  it('names the plugin whose package root holds the frame, its own node_modules included', () => {
    const vision = owner('vision');
    locations.add({ root: '/opt/plugins/vision', file: '/opt/plugins/vision/dist/index.js' }, vision);

    expect(locations.ownerOf(thrownIn('/opt/plugins/vision/dist/model.js'))).toBe(vision);
    expect(locations.ownerOf(thrownIn('/opt/plugins/vision/node_modules/dep/index.js'))).toBe(vision);
  });

  it('names nothing for a path that merely starts with the same characters', () => {
    locations.add({ root: '/opt/plugins/vision', file: '/opt/plugins/vision/index.js' }, owner('vision'));

    expect(locations.ownerOf(thrownIn('/opt/plugins/vision-extra/index.js'))).toBeUndefined();
  });

  it('names a lone-file plugin for that file only, not its neighbours', () => {
    const echo = owner('echo');
    locations.add({ root: '/app/plugins/echo.js', file: '/app/plugins/echo.js' }, echo);

    expect(locations.ownerOf(thrownIn('/app/plugins/echo.js'))).toBe(echo);
    expect(locations.ownerOf(thrownIn('/app/plugins/helper.js'))).toBeUndefined();
  });

  it('names the innermost of nested roots: a plugin package installed in another’s node_modules', () => {
    const outer = owner('outer');
    const inner = owner('inner');
    locations.add({ root: '/p/outer', file: '/p/outer/index.js' }, outer);
    locations.add({ root: '/p/outer/node_modules/inner', file: '/p/outer/node_modules/inner/index.js' }, inner);

    expect(locations.ownerOf(thrownIn('/p/outer/node_modules/inner/lib.js'))).toBe(inner);
    expect(locations.ownerOf(thrownIn('/p/outer/lib.js'))).toBe(outer);
  });

  it('in a package two plugins share, names a plugin only for its own module file', () => {
    const text = owner('text');
    const vision = owner('vision');
    locations.add({ root: '/p/suite', file: '/p/suite/text.js' }, text);
    locations.add({ root: '/p/suite', file: '/p/suite/vision.js' }, vision);

    expect(locations.ownerOf(thrownIn('/p/suite/vision.js'))).toBe(vision);
    expect(locations.ownerOf(thrownIn('/p/suite/shared.js', '/p/suite/text.js'))).toBe(text);
    expect(locations.ownerOf(thrownIn('/p/suite/shared.js'))).toBeUndefined();
  });

  it('names nothing for a value without a stack', () => {
    locations.add({ root: '/p/a', file: '/p/a/index.js' }, owner('a'));

    expect(locations.ownerOf('rejected with a string')).toBeUndefined();
  });
});
