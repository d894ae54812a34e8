/** The pairs a run finds, as numbers in growing typed arrays: a CRM imported twice over has millions,
 *  which arrays of objects, or of boxed numbers, would leave to the garbage collector. */
export class FoundPairs {
  x = new Int32Array(1024);
  y = new Int32Array(1024);
  /** Thousandths, 0 to 1000. */
  score = new Int16Array(1024);
  length = 0;

  add(x: number, y: number, score: number): void {
    if (this.length === this.x.length) this.grow(this.length * 2);
    this.x[this.length] = x;
    this.y[this.length] = y;
    this.score[this.length++] = score;
  }

  /** The pairs another thread found (the first `length` of each array), all at once. */
  append(pairs: { x: Int32Array; y: Int32Array; score: Int16Array; length: number }): void {
    const length = this.length + pairs.length;
    if (length > this.x.length) this.grow(Math.max(length, this.length * 2));
    this.x.set(pairs.x.subarray(0, pairs.length), this.length);
    this.y.set(pairs.y.subarray(0, pairs.length), this.length);
    this.score.set(pairs.score.subarray(0, pairs.length), this.length);
    this.length = length;
  }

  private grow(size: number): void {
    const grown = <T extends Int32Array | Int16Array>(from: T, to: T): T => (to.set(from.subarray(0, this.length)), to);
    this.x = grown(this.x, new Int32Array(size));
    this.y = grown(this.y, new Int32Array(size));
    this.score = grown(this.score, new Int16Array(size));
  }

  /** The `keep` most alike (their positions), best first, then by the places of their records in id
   *  order (`byId`): the scores are thousandths, so only the best scores' pairs are looked at, and of the
   *  lowest score kept, only as many as there is room for are sorted (a million identical pairs at the
   *  top must not be sorted to answer 5,000). */
  mostAlike(byId: Int32Array, keep: number): number[] {
    const { x, y, score, length } = this;
    const count = new Int32Array(1001);
    for (let k = 0; k < length; k++) count[score[k]]++;
    let lowest = 1000;
    for (let kept = count[1000]; kept < keep && lowest > 0;) kept += count[--lowest];
    const best: number[] = [];
    const boundary: number[] = [];
    for (let k = 0; k < length; k++)
      if (score[k] > lowest) best.push(k);
      else if (score[k] === lowest) boundary.push(k);
    // Each pair's place in id order as one number (its two records' places; below 2^53 up to 90 million).
    const n = byId.length;
    const place = (k: number) => byId[x[k]] * n + byId[y[k]];
    const room = keep - best.length;
    if (boundary.length > room && room > 0) {
      const places = Float64Array.from(boundary, place).sort();
      const last = places[room - 1];
      for (const k of boundary) if (place(k) <= last) best.push(k);
    } else if (room > 0) for (const k of boundary) best.push(k); // one by one: millions when all are kept
    best.sort((p, q) => score[q] - score[p] || place(p) - place(q));
    return best.slice(0, keep);
  }
}
