import { publicPluginName } from './public-plugin-name';

describe(publicPluginName.name, () => {
  it.each([
    ['echo', 'echo'],
    ['@acme/widget', '@acme/widget'],
    ['acme-widget', 'acme-widget'],
  ])('keeps the name or package name %s', (key, shown) => {
    expect(publicPluginName(key)).toBe(shown);
  });

  it.each([
    ['/srv/secret/plugins/broken.plugin.js', 'broken.plugin.js'],
    ['/srv/secret/plugins/broken.plugin.js#2', 'broken.plugin.js#2'],
    ['./test/fixtures/plugins/not-a-plugin.js', 'not-a-plugin.js'],
    ['../plugins/x.js', 'x.js'],
    ['file:///srv/secret/x.js', 'x.js'],
    ['C:\\srv\\secret\\x.js', 'x.js'],
  ])('shows only the last segment of the module path %s', (key, shown) => {
    expect(publicPluginName(key)).toBe(shown);
  });
});
