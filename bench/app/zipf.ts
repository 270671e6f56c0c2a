/**
 * Draws indexes 0..n-1 with probability proportional to 1/(rank+1)^s: a few phrases are asked
 * for all the time (你好, 谢谢), most rarely, as in real traffic. Deterministic for a seed, so the
 * cached and the bypassed runs see the same sequence.
 */
export function zipfSampler(n: number, s = 1.1, seed = 42): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    total += 1 / (rank + 1) ** s;
    cumulative.push(total);
  }
  const random = seededRandom(seed);
  return () => {
    const target = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/** mulberry32: small, fast and good enough to spread load, not for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
