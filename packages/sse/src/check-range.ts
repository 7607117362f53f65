/**
 * Throws a RangeError naming `name` unless `value` is undefined (an option
 * left out) or a finite number at least 0, or above 0 when `positive`.
 * NaN fails every comparison, so it is rejected too.
 */
export function checkRange(name: string, value: number | undefined, positive = false): void {
  if (value !== undefined && !((positive ? value > 0 : value >= 0) && value < Infinity)) {
    throw new RangeError(`${name} must be a finite number ${positive ? ">" : ">="} 0, got ${value}`);
  }
}
