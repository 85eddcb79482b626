// A seeded pseudo-random generator, so that faults and batch order repeat from run to run.

/**
 * Returns a function that yields numbers in [0, 1) from `seed` (an integer), using
 * Marsaglia's xorshift32. It is fast and repeatable, and not for cryptography.
 */
export function createRandom(seed) {
  // Spread the seed's bits so that nearby seeds give unrelated sequences. Xorshift needs a
  // nonzero state.
  let state = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) >>> 0 || 0x6d2b79f5;
  return function nextRandom() {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

/**
 * Returns a shuffled copy of `items` (Fisher-Yates). With two or more items the copy is
 * never in the original order, so a client that assumes the order fails every time.
 */
export function shuffle(items, nextRandom) {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = Math.floor(nextRandom() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  if (shuffled.length >= 2 && shuffled.every((item, i) => item === items[i])) {
    shuffled.push(shuffled.shift());
  }
  return shuffled;
}
