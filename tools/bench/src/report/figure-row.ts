/** One line of the results table: one figure, its unit, and its target when it has one. */
export interface FigureRow {
  readonly section: string;
  readonly figure: string;
  readonly value: number;
  /** Decimal places the value is printed with. */
  readonly decimals: number;
  readonly unit: string;
  /** The target as printed, e.g. `≥ 0.80`. */
  readonly target?: string;
  /** Whether the value meets the target; absent for figures without one. */
  readonly met?: boolean;
}

/** A figure with a target of at least `minimum`. */
export function atLeast(row: Omit<FigureRow, 'target' | 'met'>, minimum: number, decimals = row.decimals): FigureRow {
  return { ...row, target: `≥ ${minimum.toFixed(decimals)}`, met: row.value >= minimum };
}

/** A figure with a target of at most `maximum`. */
export function atMost(row: Omit<FigureRow, 'target' | 'met'>, maximum: number, decimals = row.decimals): FigureRow {
  return { ...row, target: `≤ ${maximum.toFixed(decimals)}`, met: row.value <= maximum };
}
