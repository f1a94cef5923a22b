import type { JsonSchema } from '@forgesyte/plugin-sdk';
import type { PluginSnapshot } from '@forgesyte/registry';
import { pluginSnapshot } from '../testing/plugin-snapshot';
import { toolSchemas } from './tool-schemas';

function plugin(name: string, tools: PluginSnapshot['tools'], overrides: Partial<PluginSnapshot> = {}): PluginSnapshot {
  return pluginSnapshot({ name, tools, ...overrides });
}

const tool = (inputSchema: JsonSchema, outputSchema: JsonSchema = { type: 'object' }) => ({ description: 'A tool.', inputSchema, outputSchema });

describe(toolSchemas.name, () => {
  it("puts each tool's schemas in as components, verbatim", () => {
    const input = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { n: { type: 'integer' } } };

    const { components } = toolSchemas([plugin('calc', { add: tool(input, { type: 'number' }) })]);

    expect(components).toEqual({ 'calc.add.input': input, 'calc.add.output': { type: 'number' } });
  });

  it('makes tool optional only in the branch of the default tool (its first tool when it names none)', () => {
    const { requests } = toolSchemas([plugin('calc', { add: tool({}), sub: tool({}) }), plugin('text', { a: tool({}), b: tool({}) }, { defaultTool: 'b' })]);

    expect(requests.map((branch) => (branch as { title: string; required: string[] }).required.join('+'))).toEqual(['plugin', 'plugin+tool', 'plugin+tool', 'plugin']);
  });

  it('adds an image-shorthand branch for a tool whose input takes image', () => {
    const { requests } = toolSchemas([plugin('vision', { look: tool({ type: 'object', properties: { image: { type: 'string' } } }) })]);

    expect(requests).toEqual([
      expect.objectContaining({ title: 'vision look', properties: expect.not.objectContaining({ image: expect.anything() }) }),
      expect.objectContaining({ title: 'vision look (image shorthand)', required: ['plugin', 'image', 'mime_type'] }),
    ]);
  });

  it('leaves out UNAVAILABLE plugins and keeps FAILED ones, which still run', () => {
    const { requests } = toolSchemas([plugin('gone', { t: tool({}) }, { state: 'UNAVAILABLE', reason: '/srv/x.js failed' }), plugin('flaky', { t: tool({}) }, { state: 'FAILED' })]);

    expect(requests).toEqual([expect.objectContaining({ title: 'flaky t' })]);
  });

  it("re-roots a schema's references to itself at its component and drops its $id", () => {
    const input = { $id: 'urn:x', type: 'object', properties: { p: { $ref: '#/$defs/point' } }, $defs: { point: { type: 'object' } } };

    const { components } = toolSchemas([plugin('geo', { at: tool(input) })]);

    expect(components['geo.at.input']).toEqual({ type: 'object', properties: { p: { $ref: '#/components/schemas/geo.at.input/$defs/point' } }, $defs: { point: { type: 'object' } } });
  });

  it('gives tools whose names need escaping distinct component names', () => {
    const { components } = toolSchemas([plugin('odd', { 'a b': tool({}), a_b: tool({}) })]);

    expect(Object.keys(components)).toEqual(['odd.a_b.input', 'odd.a_b.output', 'odd.a_b.input_2', 'odd.a_b.output_2']);
  });

  it("maps each tool, by its name as sent, to its own output component, whatever the component's name became", () => {
    const odd = Object.fromEntries([['a b', tool({})], ['a_b', tool({})], ['__proto__', tool({})]]);

    const { outputs } = toolSchemas([plugin('odd', odd), plugin('calc', { add: tool({}) })]);

    expect(outputs).toEqual({
      odd: {
        'a b': { $ref: '#/components/schemas/odd.a_b.output' },
        a_b: { $ref: '#/components/schemas/odd.a_b.output_2' },
        ['__proto__']: { $ref: '#/components/schemas/odd.__proto__.output' },
      },
      calc: { add: { $ref: '#/components/schemas/calc.add.output' } },
    });
    expect(Object.keys(outputs.odd)).toEqual(['a b', 'a_b', '__proto__']);
  });
});
