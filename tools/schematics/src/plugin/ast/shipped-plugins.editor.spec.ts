import { shippedPluginEdits, shippedPluginEntry } from './shipped-plugins.editor';
import { applyEdits } from './text-edit';

const SPECIFIER = '@forgesyte/plugins/acme-widget';
const MODULE_PATH = '../../plugins/acme-widget/src';

function register(source: string, preferred = 'acmeWidget'): string {
  return applyEdits(source, shippedPluginEdits(source, 'shipped-plugins.ts', SPECIFIER, preferred, MODULE_PATH));
}

/** How the plugin imported as `local` is listed: with its module file, which worker threads load. */
function entry(local = 'acmeWidget', quote: '"' | "'" = "'"): string {
  return `{ plugin: ${local}, moduleFile: require.resolve(${quote}${MODULE_PATH}${quote}) }`;
}

describe(shippedPluginEdits.name, () => {
  it('adds the import after the last import and the element, with its module file, after the last one, on one line when it fits', () => {
    const source = "import a from 'a';\n\nexport const SHIPPED_PLUGINS = [a];\n";

    const edits = shippedPluginEdits(source, 'shipped-plugins.ts', SPECIFIER, 'acmeWidget', './w');

    expect(applyEdits(source, edits)).toBe(
      `import a from 'a';\nimport acmeWidget from '${SPECIFIER}';\n\nexport const SHIPPED_PLUGINS = [a, { plugin: acmeWidget, moduleFile: require.resolve('./w') }];\n`,
    );
  });

  it('puts one element per line when the element with its module file makes the line pass 120 characters', () => {
    const source = "import a from 'a';\n\nexport const SHIPPED_PLUGINS = [a];\n";

    expect(register(source)).toBe(`import a from 'a';\nimport acmeWidget from '${SPECIFIER}';\n\nexport const SHIPPED_PLUGINS = [\n  a,\n  ${entry()},\n];\n`);
  });

  it('lists the module file as shippedPluginEntry writes it', () => {
    expect(shippedPluginEntry('acmeWidget', MODULE_PATH)).toBe(entry());
  });

  it('is idempotent: a second run changes nothing', () => {
    const once = register("import a from 'a';\nexport const SHIPPED_PLUGINS = [a];\n");

    expect(shippedPluginEdits(once, 'shipped-plugins.ts', SPECIFIER, 'acmeWidget', MODULE_PATH)).toEqual([]);
  });

  it('does not list again a plugin already listed alone (without its module file)', () => {
    const source = `import acmeWidget from '${SPECIFIER}';\nexport const SHIPPED_PLUGINS = [acmeWidget];\n`;

    expect(shippedPluginEdits(source, 'shipped-plugins.ts', SPECIFIER, 'acmeWidget', MODULE_PATH)).toEqual([]);
  });

  it('reuses an existing default import of the plugin and only lists it', () => {
    const source = `import widget from '${SPECIFIER}';\nexport const SHIPPED_PLUGINS = [];\n`;

    expect(register(source)).toBe(`import widget from '${SPECIFIER}';\nexport const SHIPPED_PLUGINS = [${entry('widget')}];\n`);
  });

  it('adds one element per line to a multi-line array, with and without a trailing comma', () => {
    const withComma = "import a from 'a';\nexport const SHIPPED_PLUGINS = [\n  a,\n];\n";
    const without = "import a from 'a';\nexport const SHIPPED_PLUGINS = [\n    a\n];\n";

    expect(register(withComma)).toContain(`= [\n  a,\n  ${entry()},\n];`);
    expect(register(without)).toContain(`= [\n    a,\n    ${entry()}\n];`);
  });

  it('reflows a one-line array to one element per line when the line would pass 120 characters', () => {
    const names = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh'];
    const source = `export const SHIPPED_PLUGINS: readonly PluginModuleExport[] = [${names.join(', ')}];\n`;

    expect(register(source)).toBe(
      `import acmeWidget from '${SPECIFIER}';\n\nexport const SHIPPED_PLUGINS: readonly PluginModuleExport[] = [\n` +
        [...names, entry()].map((name) => `  ${name},\n`).join('') +
        '];\n',
    );
  });

  it('keeps the quotes and semicolons of the file', () => {
    const source = 'import a from "a"\nexport const SHIPPED_PLUGINS = [a]\n';

    expect(register(source)).toBe(`import a from "a"\nimport acmeWidget from "${SPECIFIER}"\nexport const SHIPPED_PLUGINS = [a, ${entry('acmeWidget', '"')}]\n`);
  });

  it('finds the array through as, satisfies and parentheses', () => {
    const source = "import a from 'a';\nexport const SHIPPED_PLUGINS = ([a] as const) satisfies unknown[];\n";

    expect(register(source)).toContain(`= ([\n  a,\n  ${entry()},\n] as const) satisfies unknown[];`);
  });

  it('picks another local name when the preferred one is taken', () => {
    const source = "import acmeWidget from 'other';\nexport const SHIPPED_PLUGINS = [acmeWidget];\n";

    expect(register(source)).toBe(
      `import acmeWidget from 'other';\nimport acmeWidgetPlugin from '${SPECIFIER}';\nexport const SHIPPED_PLUGINS = [\n  acmeWidget,\n  ${entry('acmeWidgetPlugin')},\n];\n`,
    );
  });

  it('throws, saying what to do by hand, when there is no SHIPPED_PLUGINS array literal', () => {
    expect(() => register('export const SHIPPED_PLUGINS = loadAll();\n')).toThrow(
      `shipped-plugins.ts has no "SHIPPED_PLUGINS = [...]" array literal to register the plugin in: import it from '${SPECIFIER}' and list it there by hand as ${entry('<its import>')}.`,
    );
  });

  it('throws when the plugin module is imported as a type only, which cannot be listed as a value', () => {
    expect(() => register(`import type acmeWidget from '${SPECIFIER}';\nexport const SHIPPED_PLUGINS = [];\n`)).toThrow(
      `imports '${SPECIFIER}' without a default import`,
    );
  });

  it('throws when the plugin module is imported without a default import', () => {
    expect(() => register(`import { acmeWidgetPlugin } from '${SPECIFIER}';\nexport const SHIPPED_PLUGINS = [];\n`)).toThrow(
      `imports '${SPECIFIER}' without a default import`,
    );
  });
});
