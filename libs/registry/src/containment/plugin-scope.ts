import { AsyncLocalStorage } from 'node:async_hooks';

/** Who a {@link PluginScope} belongs to once its plugin is registered. */
export interface ScopeOwner {
  readonly name: string;
  markUnavailable(reason: string): void;
}

const current = new AsyncLocalStorage<PluginScope | undefined>();

/**
 * The async context of one plugin's code in the server's thread. The loader requires the plugin's
 * module and calls its factory, `init` and `dispose` {@link within} it, and the ToolRunner makes it
 * current around each inline call ({@link enter} … {@link PluginScope.leave}); every timer, promise and
 * callback that code creates keeps the scope (AsyncLocalStorage), so an uncaught exception or unhandled
 * rejection it causes later is traced back to the plugin ({@link PluginScope.current} in the process's
 * handlers: Node 20 runs them in the context of the callback that failed).
 */
export class PluginScope {
  private registered: ScopeOwner | undefined;

  /** @param source where the plugin came from (`shipped` or its specifier), named until it is registered. */
  constructor(readonly source: string) {}

  /** The scope of the plugin code running now (or that scheduled the callback running now), if any. */
  static current(): PluginScope | undefined {
    return current.getStore();
  }

  /** Makes `outer`, what {@link enter} returned, current again. */
  static leave(outer: PluginScope | undefined): void {
    current.enterWith(outer);
  }

  /** The registered plugin this scope's code belongs to, once {@link attach} has named it. */
  get owner(): ScopeOwner | undefined {
    return this.registered;
  }

  /** Names the plugin this scope belongs to (the loader does, once the plugin is registered). */
  attach(owner: ScopeOwner): void {
    this.registered = owner;
  }

  /**
   * Makes this scope current for the synchronous code that follows, and for what it schedules; returns
   * the scope to restore with {@link PluginScope.leave} in a `finally`, before any `await`. Allocates
   * nothing (AsyncLocalStorage's `run` does this, but takes a callback).
   */
  enter(): PluginScope | undefined {
    const outer = current.getStore();
    current.enterWith(this);
    return outer;
  }

  /** Runs `work` as this plugin's code: what it schedules stays attributed to the plugin. */
  within<T>(work: () => T): T {
    const outer = this.enter();
    try {
      return work();
    } finally {
      PluginScope.leave(outer);
    }
  }
}
