/**
 * Grouping scored pairs into duplicate groups without chaining different people through weak links.
 *
 * Rule: pairs at or above the threshold are taken from most to least certain (ties by record index).
 * Two groups are joined only when the pairs between them that were scored agree on average — their
 * mean match weight (log-odds, in bits) is at least `minMeanWeight` — and none is a clear non-match
 * (below `vetoProbability`: a household conflict). Connected components would glue "John Smith
 * 1850" and "John Smith 1851" together through one noisy copy; here the other members of both groups
 * have their say, while one weak pair in a group of noisy copies does not block a join the rest agree
 * on. Pairs never scored (no shared blocking key) do not count. The result does not depend on input
 * order.
 */

export interface ScoredPairs {
  left: Int32Array;
  right: Int32Array;
  probability: Float32Array | Float64Array;
  count: number;
}

export interface ClusterOptions {
  threshold: number;
  /** Mean match weight (bits) the scored pairs between two groups must reach to join them; default 0. */
  minMeanWeight?: number;
  /**
   * A scored cross pair below this probability forbids the join; default 1e-7 (about −23 bits), which
   * only conflicts (household rule, CONFLICT_WEIGHT_CAP) and pairs that disagree on nearly everything
   * reach. Ordinary weak pairs only weigh in through the mean.
   */
  vetoProbability?: number;
}

/** Match weight (log2 odds) of a probability, bounded so that 0 and 1 stay finite. */
function weightOf(p: number): number {
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  return Math.log2(q / (1 - q));
}

export interface Clustering {
  /** Per record: the index of its group's first record (smallest index). */
  clusterOf: Int32Array;
  /** Per record: its best probability with a member of its group (its best pair overall when alone). */
  bestProbability: Float64Array;
}

export function clusterPairs(recordCount: number, pairs: ScoredPairs, options: ClusterOptions): Clustering {
  const { threshold } = options;
  const minMean = options.minMeanWeight ?? 0;
  const veto = options.vetoProbability ?? 1e-7;
  const n = recordCount;

  // Adjacency (CSR) of every scored pair, so a join can look at all evidence between two groups.
  const degree = new Int32Array(n + 1);
  for (let p = 0; p < pairs.count; p++) {
    degree[pairs.left[p] as number]!++;
    degree[pairs.right[p] as number]!++;
  }
  const offset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offset[i + 1] = (offset[i] as number) + (degree[i] as number);
  const fill = offset.slice(0, n);
  const neighbour = new Int32Array(offset[n] as number);
  const prob = new Float64Array(offset[n] as number);
  for (let p = 0; p < pairs.count; p++) {
    const a = pairs.left[p] as number;
    const b = pairs.right[p] as number;
    const pr = pairs.probability[p] as number;
    neighbour[fill[a]!] = b;
    prob[fill[a]!++] = pr;
    neighbour[fill[b]!] = a;
    prob[fill[b]!++] = pr;
  }

  const order: number[] = [];
  for (let p = 0; p < pairs.count; p++) if ((pairs.probability[p] as number) >= threshold) order.push(p);
  order.sort((x, y) => {
    const d = (pairs.probability[y] as number) - (pairs.probability[x] as number);
    if (d !== 0) return d;
    const l = (pairs.left[x] as number) - (pairs.left[y] as number);
    return l !== 0 ? l : (pairs.right[x] as number) - (pairs.right[y] as number);
  });

  const group = new Int32Array(n);
  const members: number[][] = [];
  for (let i = 0; i < n; i++) {
    group[i] = i;
    members.push([i]);
  }

  for (const p of order) {
    const ga = group[pairs.left[p] as number] as number;
    const gb = group[pairs.right[p] as number] as number;
    if (ga === gb) continue;
    const A = members[ga] as number[];
    const B = members[gb] as number[];
    const [small, otherGroup] = A.length <= B.length ? [A, gb] : [B, ga];
    let scored = 0;
    let sum = 0;
    let vetoed = false;
    for (const x of small) {
      for (let e = offset[x] as number; e < (offset[x + 1] as number); e++) {
        if (group[neighbour[e] as number] !== otherGroup) continue;
        const pr = prob[e] as number;
        scored++;
        sum += weightOf(pr);
        if (pr < veto) vetoed = true;
      }
      if (vetoed) break;
    }
    if (vetoed || sum < minMean * scored) continue;
    const [keep, drop] = A.length >= B.length ? [ga, gb] : [gb, ga];
    const keepList = members[keep] as number[];
    for (const x of members[drop] as number[]) {
      group[x] = keep;
      keepList.push(x);
    }
    members[drop] = [];
  }

  const clusterOf = new Int32Array(n);
  for (const list of members) {
    if (list.length === 0) continue;
    let first = list[0] as number;
    for (const x of list) if (x < first) first = x;
    for (const x of list) clusterOf[x] = first;
  }
  const bestProbability = new Float64Array(n);
  const bestAny = new Float64Array(n);
  for (let p = 0; p < pairs.count; p++) {
    const a = pairs.left[p] as number;
    const b = pairs.right[p] as number;
    const pr = pairs.probability[p] as number;
    if (pr > (bestAny[a] as number)) bestAny[a] = pr;
    if (pr > (bestAny[b] as number)) bestAny[b] = pr;
    if (clusterOf[a] === clusterOf[b]) {
      if (pr > (bestProbability[a] as number)) bestProbability[a] = pr;
      if (pr > (bestProbability[b] as number)) bestProbability[b] = pr;
    }
  }
  for (let i = 0; i < n; i++) {
    if ((members[group[i] as number] as number[]).length === 1) bestProbability[i] = bestAny[i] as number;
  }
  return { clusterOf, bestProbability };
}
