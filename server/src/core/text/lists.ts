/**
 * `target.push(...items)` passes every item as an argument: past the engine's argument limit (about 100,000)
 * it throws a RangeError (issue 15: 495,000 findings or notes). This appends one by one.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
