/** A level of {@link LabelChildren}' tree: the next label's values, each to the level below or, last, the child. */
type Level<Child> = Map<string, Level<Child> | Child>;

/**
 * A labelled metric's children, each bound once per set of label values and kept: prom-client's
 * `labels()` checks and hashes the values and builds a child on every call, which costs more than the
 * `inc` or `observe` that follows. For the metrics fed on every request or job, whose label values are
 * few (plugins, tools, outcomes, routes, statuses). Kept as a tree of maps, one level per label, so that
 * finding a child builds no key string.
 */
export class LabelChildren<Child> {
  private readonly root: Level<Child> = new Map();

  /** `bind` is the metric's `labels`, such as `(...values) => histogram.labels(...values)`. */
  constructor(private readonly bind: (...values: string[]) => Child) {}

  /** The child for these label values, in the order of the metric's label names (always as many). */
  of(...values: string[]): Child {
    let level = this.root;
    const last = values.length - 1;
    for (let i = 0; i < last; i += 1) {
      let below = level.get(values[i]) as Level<Child> | undefined;
      if (below === undefined) level.set(values[i], (below = new Map()));
      level = below;
    }
    let child = level.get(values[last]) as Child | undefined;
    if (child === undefined) level.set(values[last], (child = this.bind(...values)));
    return child;
  }
}
