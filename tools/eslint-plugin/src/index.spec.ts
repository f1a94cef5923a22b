import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import plugin from './index';
import { RULE_DOCS_DIR, ruleDocsUrl } from './util/create-rule';
import packageJson from '../package.json';

const RULES_DIR = join(__dirname, 'rules');
const RULE_FILE = /^(?<name>[a-z-]+)\.rule\.ts$/;
const ruleFiles = readdirSync(RULES_DIR)
  .map((file) => RULE_FILE.exec(file)?.groups?.name)
  .filter((name): name is string => name !== undefined);
const DOC_SECTIONS = ['## Incorrect', '## Correct', '## Options', '## When Not To Use It'];

describe('eslint-plugin-forgesyte', () => {
  it('has a rule file for every rule it exports, and exports every rule file', () => {
    expect(ruleFiles.sort()).toEqual(Object.keys(plugin.rules).sort());
    expect(ruleFiles.length).toBeGreaterThanOrEqual(3);
  });

  it.each(ruleFiles)('exports the rule of %s.rule.ts under its file name', (name) => {
    const exported = Object.values(jest.requireActual<Record<string, unknown>>(join(RULES_DIR, `${name}.rule`)));

    expect(exported).toContain(plugin.rules[name as keyof typeof plugin.rules]);
    expect(plugin.rules[name as keyof typeof plugin.rules].name).toBe(name);
  });

  it.each(ruleFiles)('documents %s on a page with every section, linked from meta.docs.url', (name) => {
    const rule = plugin.rules[name as keyof typeof plugin.rules];
    const page = join(RULE_DOCS_DIR, `${name}.md`);

    expect(rule.meta.docs?.url).toBe(ruleDocsUrl(name));
    expect(fileURLToPath(ruleDocsUrl(name))).toBe(page);
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# \`forgesyte/${name}\`\n\n${rule.meta.docs?.description}.\n`)).toBe(true);
    for (const section of DOC_SECTIONS) expect(text).toContain(`\n${section}\n`);
  });

  it.each(ruleFiles)('lists every message of %s on its docs page', (name) => {
    const rule = plugin.rules[name as keyof typeof plugin.rules];
    const text = readFileSync(join(RULE_DOCS_DIR, `${name}.md`), 'utf8');

    for (const messageId of Object.keys(rule.meta.messages)) expect(text).toContain(`\`${messageId}\``);
  });

  it('enables every rule as an error with its defaults in the product config, under the plugin itself', () => {
    const { product } = plugin.configs;

    expect(product.name).toBe('forgesyte/product');
    expect(product.plugins?.forgesyte).toBe(plugin);
    expect(product.rules).toEqual(Object.fromEntries(ruleFiles.map((name) => [`forgesyte/${name}`, 'error'])));
  });

  it("enables every rule as an error in the recommended config (plugin packages), with every file a plugin's", () => {
    const { recommended } = plugin.configs;

    expect(recommended.name).toBe('forgesyte/recommended');
    expect(recommended.plugins?.forgesyte).toBe(plugin);
    expect(recommended.rules).toEqual({
      ...Object.fromEntries(ruleFiles.map((name) => [`forgesyte/${name}`, 'error'])),
      'forgesyte/no-direct-plugin-run': ['error', { pluginFiles: ['**'] }],
    });
  });

  it("names itself after its package.json, whose main entry exists", () => {
    expect(plugin.meta).toEqual({ name: 'eslint-plugin-forgesyte', version: packageJson.version });
    expect(packageJson.name).toBe('eslint-plugin-forgesyte');
    expect(existsSync(join(__dirname, '..', packageJson.main))).toBe(true);
  });
});
