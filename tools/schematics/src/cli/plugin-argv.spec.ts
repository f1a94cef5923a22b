import schema from '../plugin/schema.json';
import { pluginArgv } from './plugin-argv';

describe(pluginArgv.name, () => {
  it.each([
    [['acme', '--spec', 'false'], ['acme', '--no-spec']],
    [['acme', '--spec=false'], ['acme', '--no-spec']],
    [['acme', '--spec', 'true'], ['acme', '--spec']],
    [['acme', '--spec'], ['acme', '--spec']],
    [['acme', '--standalone', '--directory', 'x'], ['acme', '--standalone', '--directory', 'x']],
    [['acme', '--skipImport=false'], ['acme', '--no-skip-import']],
    [['acme', '--skip-import', 'false', '--tool', 'false'], ['acme', '--no-skip-import', '--tool', 'false']],
  ])('turns the boolean options of %j into %j, plus --debug=false', (args, expected) => {
    expect(pluginArgv(args, schema)).toEqual([...expected, '--debug=false']);
  });

  it('keeps a --debug the author gives', () => {
    expect(pluginArgv(['acme', '--debug'], schema)).toEqual(['acme', '--debug']);
  });

  it('passes the CLI’s own options through', () => {
    expect(pluginArgv(['acme', '--dry-run', '--force'], schema)).toEqual(['acme', '--dry-run', '--force', '--debug=false']);
  });
});
