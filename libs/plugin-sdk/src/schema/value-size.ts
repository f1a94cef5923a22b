/**
 * Whether `value` holds more than `budget` values (object members and array items, at any depth).
 * Stops as soon as the budget is spent: an array adds its length without being read, and an object's
 * members are counted one by one (`for…in`, cheaper than building `Object.values` of a huge object).
 */
export function exceedsValueBudget(value: unknown, budget: number): boolean {
  let remaining = budget;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    if (Array.isArray(next)) {
      remaining -= next.length;
      if (remaining < 0) return true;
      for (const item of next) if (typeof item === 'object' && item !== null) pending.push(item);
      continue;
    }
    const record = next as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      remaining -= 1;
      if (remaining < 0) return true;
      const member = record[key];
      if (typeof member === 'object' && member !== null) pending.push(member);
    }
  }
  return false;
}
