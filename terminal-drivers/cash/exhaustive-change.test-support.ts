/**
 * The reference for change-making tests: the fewest coins making `due` exactly from a limited
 * stock, by trying every combination; null when none does. Slow on purpose, small stocks only.
 */
export function exhaustiveFewestCoins(due: number, stock: Array<[number, number]>): number | null {
  let best: number | null = null;
  const walk = (i: number, rest: number, used: number): void => {
    if (rest === 0) {
      if (best === null || used < best) best = used;
      return;
    }
    const entry = stock[i];
    if (!entry || rest < 0) return;
    const [value, count] = entry;
    for (let k = 0; k <= count && k * value <= rest; k++) walk(i + 1, rest - k * value, used + k);
  };
  walk(0, due, 0);
  return best;
}
