/**
 * A labelled metric's children, each bound once per set of label values and kept: prom-client's
 * `labels()` checks and hashes the values and builds a child on every call, which costs more than the
 * `inc` or `observe` that follows. For the metrics fed on every request or job, whose label values are
 * few (plugins, tools, outcomes, routes, statuses).
 */
export class LabelChildren<Child> {
  private readonly children = new Map<string, Child>();

  /** `bind` is the metric's `labels`, such as `(...values) => histogram.labels(...values)`. */
  constructor(private readonly bind: (...values: string[]) => Child) {}

  /** The child for these label values, in the order of the metric's label names. */
  of(...values: string[]): Child {
    // NUL cannot occur in a label value the server sets, so distinct value lists never share a key.
    const key = values.join('\u0000');
    let child = this.children.get(key);
    if (child === undefined) {
      child = this.bind(...values);
      this.children.set(key, child);
    }
    return child;
  }
}
