/**
 * Throws a RangeError naming `name` unless `value` is undefined (an option
 * left out) or a finite number at least 0, or above 0 when `positive`, and a
 * whole one when `integer`. NaN fails every comparison, so it is rejected too.
 * The README documents each range; the message names the option and the value.
 */
export function checkRange(name: string, value: number | undefined, positive?: boolean, integer?: boolean): void {
  if (value !== undefined && !((positive ? value > 0 : value >= 0) && value < Infinity && !(integer && value % 1))) {
    throw new RangeError(`Invalid ${name}: ${value}`);
  }
}
