// A multi-pattern matcher (Aho–Corasick) over UTF-16 code units: every term
// of every lexicon is found in one pass over the folded text, whatever the
// number of terms.

export interface AutomatonMatch {
  start: number;
  end: number;
  /** What the matched term was registered with (list and rule references). */
  payloads: readonly number[];
}

const unit = 0x10000;

/**
 * The edges of every node but the root: an open-addressing hash table of
 * (node, code unit) → child in typed arrays, several times faster than a Map
 * whose keys outgrow small integers.
 */
class EdgeTable {
  private nodes = new Int32Array(1024).fill(-1);
  private codes = new Uint16Array(1024);
  private children = new Int32Array(1024);
  private count = 0;

  get(node: number, code: number): number {
    const mask = this.nodes.length - 1;
    for (let slot = hash(node, code) & mask; ; slot = (slot + 1) & mask) {
      const at = this.nodes[slot] as number;
      if (at === -1) return 0;
      if (at === node && this.codes[slot] === code) return this.children[slot] as number;
    }
  }

  set(node: number, code: number, child: number): void {
    if ((this.count + 1) * 2 > this.nodes.length) this.grow();
    this.put(node, code, child);
    this.count += 1;
  }

  private put(node: number, code: number, child: number): void {
    const mask = this.nodes.length - 1;
    let slot = hash(node, code) & mask;
    while (this.nodes[slot] !== -1) slot = (slot + 1) & mask;
    this.nodes[slot] = node;
    this.codes[slot] = code;
    this.children[slot] = child;
  }

  private grow(): void {
    const { nodes, codes, children } = this;
    const size = nodes.length * 2;
    this.nodes = new Int32Array(size).fill(-1);
    this.codes = new Uint16Array(size);
    this.children = new Int32Array(size);
    for (let slot = 0; slot < nodes.length; slot++) {
      if (nodes[slot] !== -1) this.put(nodes[slot] as number, codes[slot] as number, children[slot] as number);
    }
  }
}

function hash(node: number, code: number): number {
  return Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b);
}

export class Automaton {
  // The root's edges in a dense table, since most characters leave it at once.
  private readonly edges = new EdgeTable();
  private readonly root = new Int32Array(unit);
  private readonly outputs: number[][] = [[]];
  private depths: number[] = [0];
  // Each node's parent and the code unit on the edge from it, for building failure links.
  private parents: number[] = [0];
  private codes: number[] = [0];
  private fail = new Int32Array(0);
  /** Nearest node along the failure chain with output, or 0. */
  private dictLink = new Int32Array(0);
  private depth = new Int32Array(0);
  private built = false;

  /** Registers a term (already folded); the same term may carry several payloads. */
  add(term: string, payload: number): void {
    if (this.built) throw new Error('automaton already built');
    if (term.length === 0) return;
    let node = 0;
    for (let i = 0; i < term.length; i++) {
      const code = term.charCodeAt(i);
      let child = this.step(node, code);
      if (child === 0) {
        child = this.outputs.length;
        this.outputs.push([]);
        this.depths.push(i + 1);
        this.parents.push(node);
        this.codes.push(code);
        if (node === 0) this.root[code] = child;
        else this.edges.set(node, code, child);
      }
      node = child;
    }
    const here = this.outputs[node] as number[];
    if (!here.includes(payload)) here.push(payload);
  }

  build(): void {
    const count = this.outputs.length;
    this.fail = new Int32Array(count);
    this.dictLink = new Int32Array(count);
    this.depth = Int32Array.from(this.depths);
    // Nodes in breadth-first order (by depth, a counting sort): a node's
    // failure link needs its parent's first.
    const maxDepth = this.depths.reduce((m, d) => Math.max(m, d), 0);
    const firstAt = new Int32Array(maxDepth + 2);
    for (const d of this.depths) firstAt[d + 1] = (firstAt[d + 1] as number) + 1;
    for (let d = 1; d <= maxDepth + 1; d++) firstAt[d] = (firstAt[d] as number) + (firstAt[d - 1] as number);
    const order = new Int32Array(count);
    for (let node = 0; node < count; node++) {
      const d = this.depths[node] as number;
      order[firstAt[d] as number] = node;
      firstAt[d] = (firstAt[d] as number) + 1;
    }
    for (let k = 1; k < count; k++) {
      const node = order[k] as number;
      const parent = this.parents[node] as number;
      const code = this.codes[node] as number;
      let failNode = 0;
      if (parent !== 0) {
        let f = this.fail[parent] as number;
        let target = this.step(f, code);
        while (target === 0 && f !== 0) {
          f = this.fail[f] as number;
          target = this.step(f, code);
        }
        failNode = target;
      }
      this.fail[node] = failNode;
      this.dictLink[node] = (this.outputs[failNode] as number[]).length > 0 ? failNode : (this.dictLink[failNode] as number);
    }
    this.depths = [];
    this.parents = [];
    this.codes = [];
    this.built = true;
  }

  /** Every occurrence of every term, overlapping ones included, in order of their end. */
  scan(folded: string, onMatch: (match: AutomatonMatch) => void): void {
    if (!this.built) throw new Error('automaton not built');
    const { fail, dictLink, depth, outputs, root, edges } = this;
    let node = 0;
    for (let i = 0; i < folded.length; i++) {
      const code = folded.charCodeAt(i);
      let next = node === 0 ? (root[code] as number) : edges.get(node, code);
      while (next === 0 && node !== 0) {
        node = fail[node] as number;
        next = node === 0 ? (root[code] as number) : edges.get(node, code);
      }
      node = next;
      if (node === 0) continue;
      for (let hit = (outputs[node] as number[]).length > 0 ? node : (dictLink[node] as number); hit > 0; hit = dictLink[hit] as number) {
        onMatch({ start: i + 1 - (depth[hit] as number), end: i + 1, payloads: outputs[hit] as number[] });
      }
    }
  }

  /** The child for a code unit, or 0 (the root) when there is none. */
  private step(node: number, code: number): number {
    return node === 0 ? (this.root[code] as number) : this.edges.get(node, code);
  }
}
