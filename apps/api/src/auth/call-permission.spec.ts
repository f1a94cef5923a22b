import { CallForbiddenError } from '@forgesyte/errors';
import { PluginRegistry } from '@forgesyte/registry';
import { Test } from '@nestjs/testing';
import { pluginSnapshot } from '../testing/plugin-snapshot';
import { CallPermission, mayCallPlugin, mayCallTool, withCallableTools } from './call-permission';

const anyKey = { plugins: null, tools: null };
const echoOnly = { plugins: new Set(['echo']), tools: null };
const shoutOnly = { plugins: null, tools: new Set(['echo.shout']) };

describe(CallPermission.name, () => {
  let permission: CallPermission;

  beforeEach(async () => {
    // The registry as the permission reads it: the default tool of a known plugin.
    const registry = { find: (name: string) => (name === 'echo' ? { defaultToolName: 'echo' } : undefined) };
    const moduleRef = await Test.createTestingModule({ providers: [CallPermission, { provide: PluginRegistry, useValue: registry }] }).compile();
    permission = moduleRef.get(CallPermission);
  });

  it('lets a key without allow-lists call anything, known or not', () => {
    expect(() => permission.check(anyKey, { plugin: 'anything', args: {} })).not.toThrow();
  });

  it('refuses a plugin outside the plugins list, naming it and the list', () => {
    expect(() => permission.check(echoOnly, { plugin: 'ocr', args: {} })).toThrow(new CallForbiddenError('ocr', undefined, ['echo']));
  });

  it('lets a key call every tool of a plugin in its list', () => {
    expect(() => permission.check(echoOnly, { plugin: 'echo', tool: 'shout', args: {} })).not.toThrow();
  });

  it('refuses a tool outside the tools list, naming it', () => {
    expect(() => permission.check(shoutOnly, { plugin: 'echo', tool: 'echo', args: {} })).toThrow(new CallForbiddenError('echo', 'echo', ['echo.shout']));
  });

  it('refuses a plugin it does not know, named without a tool, as a plugin no tools entry names', () => {
    expect(() => permission.check(shoutOnly, { plugin: 'ocr', args: {} })).toThrow(new CallForbiddenError('ocr', undefined, ['echo']));
  });

  it("checks the plugin's default tool when the request names none", () => {
    expect(() => permission.check(shoutOnly, { plugin: 'echo', args: {} })).toThrow(new CallForbiddenError('echo', 'echo', ['echo.shout']));
  });

  it('refuses the read routes of a plugin no entry of the tools list names, listing the plugins it does name', () => {
    expect(() => permission.checkPlugin(shoutOnly, 'ocr')).toThrow(new CallForbiddenError('ocr', undefined, ['echo']));
  });
});

describe(mayCallPlugin.name, () => {
  it.each([
    [anyKey, 'ocr', true],
    [echoOnly, 'echo', true],
    [echoOnly, 'ocr', false],
    [shoutOnly, 'echo', true],
    [shoutOnly, 'echo-two', false],
  ])('with %p says %s is callable: %s', (key, plugin, expected) => {
    expect(mayCallPlugin(key, plugin)).toBe(expected);
  });
});

describe(mayCallTool.name, () => {
  it('needs the plugin in the plugins list and the tool in the tools list', () => {
    const both = { plugins: new Set(['echo']), tools: new Set(['echo.shout', 'ocr.read']) };

    expect(mayCallTool(both, 'echo', 'shout')).toBe(true);
    expect(mayCallTool(both, 'echo', 'echo')).toBe(false);
    expect(mayCallTool(both, 'ocr', 'read')).toBe(false);
  });
});

describe(withCallableTools.name, () => {
  const schema = { type: 'object' };
  const echo = pluginSnapshot({
    name: 'echo',
    tools: { echo: { description: 'Echo.', inputSchema: schema, outputSchema: schema }, shout: { description: 'Shout.', inputSchema: schema, outputSchema: schema } },
  });

  it('keeps only the tools the key may call', () => {
    expect(Object.keys(withCallableTools(shoutOnly, echo).tools)).toEqual(['shout']);
  });

  it('returns the same snapshot for a key without a tools list', () => {
    expect(withCallableTools(echoOnly, echo)).toBe(echo);
  });
});
