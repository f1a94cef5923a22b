import { PluginScope } from './plugin-scope';

describe(PluginScope.name, () => {
  it('is the current scope within its work and not outside', () => {
    const scope = new PluginScope('./a.js');

    expect(scope.within(() => PluginScope.current())).toBe(scope);
    expect(PluginScope.current()).toBeUndefined();
  });

  it('is current between enter and leave, then gives the outer scope back', () => {
    const outer = new PluginScope('./outer.js');
    const inner = new PluginScope('./inner.js');

    const seen = outer.within(() => {
      const previous = inner.enter();
      const during = PluginScope.current();
      PluginScope.leave(previous);
      return [previous, during, PluginScope.current()];
    });

    expect(seen).toEqual([outer, inner, outer]);
  });

  it('stays current in the timers and promise continuations its code creates', async () => {
    const scope = new PluginScope('./a.js');

    const seen = await scope.within(
      () =>
        new Promise<PluginScope | undefined>((resolve) => {
          setTimeout(() => void Promise.resolve().then(() => resolve(PluginScope.current())), 1);
        }),
    );

    expect(seen).toBe(scope);
  });

  it('keeps two plugins apart', async () => {
    const first = new PluginScope('./first.js');
    const second = new PluginScope('./second.js');

    const seen = await Promise.all([
      first.within(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return PluginScope.current();
      }),
      second.within(async () => PluginScope.current()),
    ]);

    expect(seen).toEqual([first, second]);
  });

  it('names its owner once attached', () => {
    const scope = new PluginScope('./a.js');
    const owner = { name: 'a', markUnavailable: jest.fn() };

    scope.attach(owner);

    expect(scope.owner).toBe(owner);
  });
});
