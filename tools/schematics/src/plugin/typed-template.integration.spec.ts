import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { FORGESYTE_ROOT } from './forgesyte-checkout';
import { filesUnder, runPluginSchematic } from '../testing/plugin-test-tree';
import { runCommand } from '../testing/run-command';

const LIB = 'libs/plugins/acme-typed';
const TSC = join(FORGESYTE_ROOT, 'node_modules/.bin/tsc');
/** The body's return, in the generated tool, that the broken copies change. */
const RETURN = 'return { characters: input.text.length, words, lines: lines.length };';

/** Writes the generated lib's files into `dir`, with `edit` applied to the tool's file. */
async function writePlugin(tree: Awaited<ReturnType<typeof runPluginSchematic>>, dir: string, edit: (tool: string) => string = (tool) => tool): Promise<void> {
  for (const file of filesUnder(tree, LIB)) {
    const text = tree.readContent(`${LIB}/${file}`);
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), file === 'src/analyze.tool.ts' ? edit(text) : text);
  }
}

// The generated tool derives its args and result types from its `as const` schemas (json-schema-to-ts
// through the SDK's ToolArgs / ToolResult): the template compiles as generated, and a result or a read
// that its schemas do not describe is a compile error naming the field. One tsc run checks all three copies.
describe('the generated tool’s types, from its schemas', () => {
  let dir: string;
  let errors: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'forgesyte-typed-template-'));
    const tree = await runPluginSchematic({ name: 'acme-typed' });
    expect(tree.readContent(`${LIB}/src/analyze.tool.ts`)).toContain(RETURN);
    await writePlugin(tree, join(dir, 'as-generated'));
    await writePlugin(tree, join(dir, 'wrong-result'), (tool) => tool.replace(RETURN, RETURN.replace('words,', 'words: String(words),')));
    await writePlugin(tree, join(dir, 'wrong-arg'), (tool) => tool.replace('input.text.length', 'input.txt.length'));
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(FORGESYTE_ROOT, 'tsconfig.json'),
        compilerOptions: { typeRoots: [join(FORGESYTE_ROOT, 'node_modules/@types')], noEmit: true },
        include: ['*/src'],
      }),
    );
    // --pretty prints each error's related information, which names the property a wrong value is for.
    const outcome = await runCommand(TSC, ['-p', 'tsconfig.json', '--pretty', 'true'], { cwd: dir, timeoutMs: 120_000 }).then(
      () => '',
      (error: Error) => error.message,
    );
    errors = stripVTControlCharacters(outcome).split(/\n(?=\S+:\d+:\d+ - error TS\d+)/).filter((block) => /^\S+:\d+:\d+ - error TS/.test(block));
  }, 150_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('compiles as generated, spec included (run receives typed args, no cast)', () => {
    expect(errors.filter((line) => line.startsWith('as-generated/'))).toEqual([]);
  });

  it('refuses a result whose field breaks the output schema, naming the field', () => {
    const wrong = errors.filter((line) => line.startsWith('wrong-result/'));

    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatch(/^wrong-result\/src\/analyze\.tool\.ts:\d+:\d+ - error TS2322: Type 'string' is not assignable to type 'number'\./);
    expect(wrong[0]).toContain("The expected type comes from property 'words' which is declared here on type '{ characters: number; words: number; lines: number; }'");
  });

  it('refuses reading an arg the input schema does not declare, naming it', () => {
    const wrong = errors.filter((line) => line.startsWith('wrong-arg/'));

    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatch(/^wrong-arg\/src\/analyze\.tool\.ts:\d+:\d+ - error TS2551: Property 'txt' does not exist on type '\{ text: string; \}'/);
  });
});
