import type { CandidateGraph } from './types.ts';

/**
 * Min-cost flow for the assignment, on typed arrays.
 *
 * Network (one node per request with candidates, per volunteer with candidates, plus D and T):
 *   request → volunteer   cap 1, cost = distance (m)             one per candidate arc
 *   request → D           cap 1, cost 0                           "left unmatched"
 *   volunteer → T         cap 1 each, cost w·(load + j), j = 0…   the j-th new task: convex,
 *                         so a volunteer's cheaper slots fill first (one arc of cap c when w = 0)
 * Every request supplies 1 unit; T takes exactly `count`, D the rest. With `count` = the most
 * requests that can be matched at all (found first by Dinic's max flow), the min-cost flow is the
 * cheapest among the maximum assignments: the count is never traded for distance or balance.
 * Solved by cost scaling (Goldberg–Tarjan push–relabel, FIFO, ε divided by α each phase), costs
 * multiplied by n + 1 so that the last phase (ε = 1) is exactly optimal.
 */

interface Network {
  n: number;
  D: number;
  T: number;
  /** Request index → node (−1: no candidates). */
  requestNode: Int32Array;
  requests: number;
  first: Int32Array;
  head: Int32Array;
  rev: Int32Array;
  cap: Int32Array;
  /** Unscaled cost. */
  cost: Float64Array;
  /** Candidate arc of the graph → arc of the network. */
  arcOf: Int32Array;
  maxCost: number;
}

function buildNetwork(graph: CandidateGraph, w: number): Network {
  const R = graph.requestIds.length;
  const V = graph.volunteerIds.length;
  const { start, volunteer, capacity, currentLoad, metres } = graph;
  const requestNode = new Int32Array(R).fill(-1);
  let rn = 0;
  for (let i = 0; i < R; i++) if (start[i + 1]! > start[i]!) requestNode[i] = rn++;
  const indeg = new Int32Array(V);
  for (let a = 0; a < start[R]!; a++) indeg[volunteer[a]!]!++;
  const volunteerNode = new Int32Array(V).fill(-1);
  let vn = 0;
  for (let v = 0; v < V; v++) if (indeg[v]! > 0 && capacity[v]! > 0) volunteerNode[v] = rn + vn++;
  const n = rn + vn + 2;
  const D = n - 2;
  const T = n - 1;

  // Out-degree of every node, forward and reverse arcs alike.
  const deg = new Int32Array(n);
  const slotArcs = new Int32Array(V);
  for (let i = 0; i < R; i++) {
    const u = requestNode[i]!;
    if (u < 0) continue;
    deg[u] = start[i + 1]! - start[i]! + 1;
    deg[D]!++;
  }
  for (let v = 0; v < V; v++) {
    const u = volunteerNode[v]!;
    if (u < 0) continue;
    const slots = Math.min(capacity[v]!, indeg[v]!);
    slotArcs[v] = w > 0 ? slots : 1;
    deg[u] = indeg[v]! + slotArcs[v]!;
    deg[T]! += slotArcs[v]!;
  }
  const first = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) first[u + 1] = first[u]! + deg[u]!;
  const m = first[n]!;
  const head = new Int32Array(m);
  const rev = new Int32Array(m);
  const cap = new Int32Array(m);
  const cost = new Float64Array(m);
  const pos = first.slice(0, n);
  let maxCost = 0;
  const add = (u: number, v: number, c: number, k: number): number => {
    const a = pos[u]!++;
    const b = pos[v]!++;
    head[a] = v;
    head[b] = u;
    rev[a] = b;
    rev[b] = a;
    cap[a] = c;
    cost[a] = k;
    cost[b] = -k;
    if (k > maxCost) maxCost = k;
    return a;
  };
  // Slots first, so that a volunteer with a unit in hand looks at T before sending it back.
  for (let v = 0; v < V; v++) {
    const u = volunteerNode[v]!;
    if (u < 0) continue;
    const slots = Math.min(capacity[v]!, indeg[v]!);
    if (w > 0) for (let j = 0; j < slots; j++) add(u, T, 1, Math.round(w * (currentLoad[v]! + j)));
    else add(u, T, slots, 0);
  }
  const arcOf = new Int32Array(start[R]!).fill(-1);
  for (let i = 0; i < R; i++) {
    const u = requestNode[i]!;
    if (u < 0) continue;
    for (let a = start[i]!; a < start[i + 1]!; a++) {
      const v = volunteerNode[volunteer[a]!]!;
      if (v >= 0) arcOf[a] = add(u, v, 1, metres[a]!);
    }
    add(u, D, 1, 0);
  }
  return { n, D, T, requestNode, requests: rn, first, head, rev, cap, cost, arcOf, maxCost };
}

/**
 * Most units the requests can send to T (Dinic: BFS levels from every request with supply left,
 * then blocking flow by iterative DFS; unit arcs, so O(E √V)). Leaves `cap` as it found it.
 */
function maxFlow(net: Network): number {
  const { n, D, T, first, head, rev } = net;
  const cap = net.cap.slice();
  const supply = new Int32Array(n);
  for (let u = 0; u < net.requests; u++) supply[u] = 1;
  const level = new Int32Array(n);
  const it = new Int32Array(n);
  const queue = new Int32Array(n);
  const stackNode = new Int32Array(n + 1);
  const stackArc = new Int32Array(n + 1);
  let flow = 0;
  for (;;) {
    level.fill(-1);
    let qt = 0;
    for (let u = 0; u < net.requests; u++) {
      if (supply[u]! > 0) {
        level[u] = 0;
        queue[qt++] = u;
      }
    }
    for (let qh = 0; qh < qt; qh++) {
      const x = queue[qh]!;
      for (let a = first[x]!; a < first[x + 1]!; a++) {
        const y = head[a]!;
        if (cap[a]! > 0 && level[y] === -1 && y !== D) {
          level[y] = level[x]! + 1;
          if (y !== T) queue[qt++] = y;
        }
      }
    }
    if (level[T] === -1) return flow;
    it.set(first.subarray(0, n));
    for (let s = 0; s < net.requests; s++) {
      if (supply[s] === 0 || level[s] !== 0) continue;
      let top = 0;
      stackNode[0] = s;
      while (top >= 0) {
        const x = stackNode[top]!;
        if (x === T) {
          for (let q = 0; q < top; q++) {
            const a = stackArc[q]!;
            cap[a]!--;
            cap[rev[a]!]!++;
          }
          supply[s] = 0;
          flow++;
          break;
        }
        let a = it[x]!;
        const end = first[x + 1]!;
        const next = level[x]! + 1;
        for (; a < end; a++) {
          const y = head[a]!;
          if (cap[a]! > 0 && level[y] === next && y !== D) break;
        }
        it[x] = a;
        if (a < end) {
          stackArc[top] = a;
          stackNode[++top] = head[a]!;
        } else {
          level[x] = -2;
          top--;
          if (top >= 0) it[stackNode[top]!]!++;
        }
      }
    }
  }
}

export interface AssignmentResult {
  /** Request index → chosen candidate arc, −1 when unmatched. */
  chosen: Int32Array;
  /** Most requests any assignment over the graph can match. */
  maxMatchable: number;
  /** Requests matched (= the count asked for, capped at maxMatchable). */
  matched: number;
  /** Cost-scaling phases (ε divided by ALPHA each time). */
  phases: number;
  pushes: number;
  relabels: number;
  /** Price updates (global relabellings). */
  updates: number;
}

/** ε is divided by this each phase (Goldberg's cs2 uses 12). */
const ALPHA = 12;

/**
 * Cost-scaling push–relabel (Goldberg 1997: FIFO, push look-ahead, price updates), on the
 * network's arrays. Costs already multiplied by n + 1; prices in `p`; reduced cost of arc a = u→v
 * is cost[a] + p[u] − p[v]; an arc is admissible when residual with reduced cost < 0.
 */
class CostScaling {
  readonly n: number;
  readonly first: Int32Array;
  readonly head: Int32Array;
  readonly rev: Int32Array;
  readonly cap: Int32Array;
  /** Capacity of the arc pair a, rev[a]: the reverse's residual is pair[a] − cap[a]. */
  readonly pair: Int32Array;
  readonly cost: Float64Array;
  readonly p: Float64Array;
  readonly excess: Int32Array;
  readonly cur: Int32Array;
  readonly queue: Int32Array;
  readonly inQueue: Uint8Array;
  readonly rank: Int32Array;
  readonly bucket: Int32Array;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly scanned: Uint8Array;
  eps = 1;
  qh = 0;
  qt = 0;
  size = 0;
  pushes = 0;
  relabels = 0;
  updates = 0;
  phases = 0;
  sinceUpdate = 0;
  readonly updateEvery: number;

  constructor(net: Network, excess: Int32Array) {
    const n = net.n;
    this.n = n;
    this.first = net.first;
    this.head = net.head;
    this.rev = net.rev;
    this.cap = net.cap;
    this.cost = net.cost;
    const m = net.cap.length;
    this.pair = new Int32Array(m);
    for (let a = 0; a < m; a++) this.pair[a] = net.cap[a]! + net.cap[net.rev[a]!]!;
    this.p = new Float64Array(n);
    this.excess = excess;
    this.cur = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.inQueue = new Uint8Array(n);
    this.rank = new Int32Array(n);
    this.bucket = new Int32Array(n + 1);
    this.next = new Int32Array(n);
    this.prev = new Int32Array(n);
    this.scanned = new Uint8Array(n);
    this.updateEvery = Math.max(16, Math.floor(n / 2));
  }

  solve(maxCost: number): void {
    let eps = Math.max(1, maxCost);
    do {
      eps = Math.max(1, Math.floor(eps / ALPHA));
      this.eps = eps;
      this.refine();
    } while (eps > 1);
  }

  /** One phase: from a 0-optimal pseudo-flow to an ε-optimal flow. */
  refine(): void {
    this.phases++;
    const { n, first, head, rev, cap, cost, p, excess, cur, queue, inQueue } = this;
    // Saturate every residual arc of negative reduced cost.
    for (let u = 0; u < n; u++) {
      const pu = p[u]!;
      const end = first[u + 1]!;
      for (let a = first[u]!; a < end; a++) {
        const f = cap[a]!;
        if (f > 0 && cost[a]! + pu - p[head[a]!]! < 0) {
          excess[u] = excess[u]! - f;
          excess[head[a]!] = excess[head[a]!]! + f;
          cap[rev[a]!] = cap[rev[a]!]! + f;
          cap[a] = 0;
        }
      }
    }
    this.priceUpdate();
    this.qh = 0;
    this.qt = 0;
    this.size = 0;
    for (let u = 0; u < n; u++) {
      if (excess[u]! > 0) {
        queue[this.qt++] = u;
        inQueue[u] = 1;
        this.size++;
      }
    }
    if (this.qt === n) this.qt = 0;
    while (this.size > 0) {
      const u = queue[this.qh]!;
      this.qh = this.qh + 1 === n ? 0 : this.qh + 1;
      this.size--;
      inQueue[u] = 0;
      this.discharge(u);
      if (this.sinceUpdate > this.updateEvery && this.size > 0) this.priceUpdate();
    }
    // Every node has cur reset by the next phase's price update.
    for (let u = 0; u < n; u++) cur[u] = first[u]!;
  }

  discharge(u: number): void {
    const { first, head, rev, cap, cost, p, excess, cur } = this;
    const end = first[u + 1]!;
    while (excess[u]! > 0) {
      let a = cur[u]!;
      for (; a < end; a++) {
        const c = cap[a]!;
        if (c === 0) continue;
        const v = head[a]!;
        if (cost[a]! + p[u]! - p[v]! >= 0) continue;
        // Look ahead: rather than push into a node that could only push back, relabel it.
        // (A node with no residual arc at all, e.g. D or T before any flow reached it, keeps its
        // price: the unit pushed there can always go back the way it came.)
        if (excess[v]! >= 0 && !this.hasAdmissible(v) && this.relabel(v, true)) {
          if (cost[a]! + p[u]! - p[v]! >= 0) continue;
        }
        const e = excess[u]!;
        const d = Math.min(c, e);
        cap[a] = c - d;
        cap[rev[a]!] = cap[rev[a]!]! + d;
        excess[u] = e - d;
        const before = excess[v]!;
        excess[v] = before + d;
        this.pushes++;
        if (before <= 0 && before + d > 0) this.enqueue(v);
        if (e === d) break;
      }
      cur[u] = a;
      if (excess[u]! > 0) this.relabel(u);
    }
  }

  enqueue(v: number): void {
    if (this.inQueue[v] === 1) return;
    this.queue[this.qt] = v;
    this.qt = this.qt + 1 === this.n ? 0 : this.qt + 1;
    this.inQueue[v] = 1;
    this.size++;
  }

  /** Whether v has an admissible arc (and moves its current arc there). */
  hasAdmissible(v: number): boolean {
    const { first, head, cap, cost, p, cur } = this;
    const pv = p[v]!;
    const end = first[v + 1]!;
    for (let a = cur[v]!; a < end; a++) {
      if (cap[a]! > 0 && cost[a]! + pv - p[head[a]!]! < 0) {
        cur[v] = a;
        return true;
      }
    }
    cur[v] = end;
    return false;
  }

  /**
   * Lowers u's price just enough that its best residual arc becomes admissible. A node with no
   * residual arc is left alone when only looked ahead at (false); one with excess always has one.
   */
  relabel(u: number, lookahead = false): boolean {
    const { first, head, cap, cost, p } = this;
    let best = Number.NEGATIVE_INFINITY;
    const end = first[u + 1]!;
    for (let a = first[u]!; a < end; a++) {
      if (cap[a]! > 0) {
        const t = p[head[a]!]! - cost[a]!;
        if (t > best) best = t;
      }
    }
    if (best === Number.NEGATIVE_INFINITY) {
      if (lookahead) return false;
      throw new Error('matching: infeasible flow (bug)');
    }
    p[u] = best - this.eps;
    this.cur[u] = first[u]!;
    this.relabels++;
    this.sinceUpdate++;
    return true;
  }

  /**
   * Price update: ranks = shortest distances to a node in deficit over residual arcs, an arc of
   * reduced cost c counting ⌊c/ε⌋ + 1 (Dial's buckets); p −= ε·rank keeps ε-optimality and gives
   * every unit in excess an admissible path towards a deficit. Stops once all excesses are ranked.
   */
  priceUpdate(): void {
    this.updates++;
    this.sinceUpdate = 0;
    const { n, first, head, cap, pair, cost, p, excess, cur, rank, bucket, next, prev, scanned } = this;
    const eps = this.eps;
    const NONE = n + 1;
    rank.fill(NONE);
    bucket.fill(-1);
    scanned.fill(0);
    let waiting = 0;
    for (let u = 0; u < n; u++) {
      if (excess[u]! < 0) {
        rank[u] = 0;
        prev[u] = -1;
        next[u] = bucket[0]!;
        if (next[u]! >= 0) prev[next[u]!] = u;
        bucket[0] = u;
      } else if (excess[u]! > 0) waiting++;
    }
    let level = 0;
    for (; level <= n && waiting > 0; level++) {
      for (let i = bucket[level]!; i >= 0; i = bucket[level]!) {
        const ni = next[i]!;
        bucket[level] = ni;
        if (ni >= 0) prev[ni] = -1;
        scanned[i] = 1;
        if (excess[i]! > 0 && --waiting === 0) break;
        const pi = p[i]!;
        const end = first[i + 1]!;
        for (let a = first[i]!; a < end; a++) {
          // The arc j → i is a's reverse: residual pair[a] − cap[a], cost −cost[a].
          if (cap[a] === pair[a]) continue;
          const j = head[a]!;
          if (scanned[j] === 1) continue;
          const c = p[j]! - cost[a]! - pi;
          const r = c < 0 ? level : level + Math.floor(c / eps) + 1;
          const old = rank[j]!;
          if (r >= old || r > n) continue;
          if (old !== NONE) {
            const pv = prev[j]!;
            const nx = next[j]!;
            if (pv >= 0) next[pv] = nx;
            else bucket[old] = nx;
            if (nx >= 0) prev[nx] = pv;
          }
          rank[j] = r;
          prev[j] = -1;
          const h = bucket[r]!;
          next[j] = h;
          if (h >= 0) prev[h] = j;
          bucket[r] = j;
        }
      }
      if (waiting === 0) break;
    }
    for (let u = 0; u < n; u++) {
      const r = scanned[u] === 1 ? rank[u]! : level;
      if (r > 0) p[u] = p[u]! - eps * r;
      cur[u] = first[u]!;
    }
  }
}

/**
 * The cheapest assignment (distance + load balance `w` metres per task held) matching exactly
 * `count` requests (default and cap: as many as possible).
 */
export function optimalAssignment(graph: CandidateGraph, w: number, count?: number): AssignmentResult {
  const net = buildNetwork(graph, w);
  const F = maxFlow(net);
  const k = Math.max(0, Math.min(count ?? F, F));
  const scale = net.n + 1;
  for (let a = 0; a < net.cost.length; a++) net.cost[a] = net.cost[a]! * scale;
  const excess = new Int32Array(net.n);
  for (let u = 0; u < net.requests; u++) excess[u] = 1;
  excess[net.D] = -(net.requests - k);
  excess[net.T] = -k;
  const solver = new CostScaling(net, excess);
  solver.solve(net.maxCost * scale);

  const R = graph.requestIds.length;
  const chosen = new Int32Array(R).fill(-1);
  let matched = 0;
  for (let i = 0; i < R; i++) {
    if (net.requestNode[i]! < 0) continue;
    for (let a = graph.start[i]!; a < graph.start[i + 1]!; a++) {
      const b = net.arcOf[a]!;
      if (b >= 0 && net.cap[b] === 0) {
        chosen[i] = a;
        matched++;
        break;
      }
    }
  }
  if (matched !== k) throw new Error(`matching: ${matched} matched, ${k} expected (bug)`);
  const { phases, pushes, relabels, updates } = solver;
  return { chosen, maxMatchable: F, matched, phases, pushes, relabels, updates };
}
