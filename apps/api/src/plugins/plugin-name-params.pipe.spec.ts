import { PluginNotFoundError } from '@forgesyte/errors';
import { PluginRegistry } from '@forgesyte/registry';
import { Test } from '@nestjs/testing';
import { PluginNameParamsPipe } from './plugin-name-params.pipe';

describe(PluginNameParamsPipe.name, () => {
  let pipe: PluginNameParamsPipe;

  beforeEach(async () => {
    const registry = { names: () => ['echo', '/srv/plugins/broken.plugin.js'] };
    const moduleRef = await Test.createTestingModule({ providers: [PluginNameParamsPipe, { provide: PluginRegistry, useValue: registry }] }).compile();
    pipe = moduleRef.get(PluginNameParamsPipe);
  });

  it.each([['echo'], ['broken.plugin.js'], ['@acme/widget']])('passes the listed name %s through', (name) => {
    expect(pipe.transform({ name })).toEqual({ name });
  });

  it.each([['a'.repeat(256)], ['bad\nname'], ['tab\tname']])('answers the name %j, which no plugin can have, with PLUGIN_NOT_FOUND listing the plugins', (name) => {
    expect(() => pipe.transform({ name })).toThrow(new PluginNotFoundError(name, ['echo', 'broken.plugin.js']));
  });
});
