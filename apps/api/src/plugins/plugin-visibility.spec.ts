import type { PluginSnapshot } from '@forgesyte/registry';
import { pluginSnapshot } from '../testing/plugin-snapshot';
import { asSeenBy, HIDDEN_REASON } from './plugin-visibility';

const admin = { isAdmin: true };
const user = { isAdmin: false };

function broken(overrides: Partial<PluginSnapshot> = {}): PluginSnapshot {
  return pluginSnapshot({
    name: '/srv/secret/plugins/broken.plugin.js',
    version: null,
    source: '/srv/secret/plugins/broken.plugin.js',
    state: 'UNAVAILABLE',
    reason: 'its module could not be loaded: cannot open /srv/secret/conf.json token=SECRET123',
    ...overrides,
  });
}

describe(asSeenBy.name, () => {
  it('shows a non-admin key a generic reason', () => {
    expect(asSeenBy(user, broken()).reason).toBe(HIDDEN_REASON);
  });

  it('shows a non-admin key a plugin registered under its path by its file name', () => {
    expect(asSeenBy(user, broken()).name).toBe('broken.plugin.js');
  });

  it('shows a non-admin key a named plugin under its name, with no reason while it works', () => {
    expect(asSeenBy(user, broken({ name: 'echo', state: 'INITIALIZED', reason: null }))).toMatchObject({ name: 'echo', reason: null });
  });

  it('shows the admin key the reason and the path, with secrets redacted', () => {
    expect(asSeenBy(admin, broken())).toMatchObject({
      name: '/srv/secret/plugins/broken.plugin.js',
      reason: 'its module could not be loaded: cannot open /srv/secret/conf.json token=<redacted>',
    });
  });
});
