/// The spanning-tree basis of the primal network simplex on the complete bipartite graph of a
/// balanced transport problem, after LEMON's `NetworkSimplex` (Kovács 2015) as used by POT's
/// `emd`: parent / predecessor-arc / thread / reverse-thread / subtree-size / last-successor
/// arrays over the nodes, an artificial root, and the strongly feasible initial tree in which
/// every node hangs from the root by its own artificial arc.
///
/// Nodes 0..<n are the sources, n..<n+m the targets, n+m the root. Real arc e = i·m + j goes
/// from source i to target n + j with cost `cost[e]` (read straight from the row-major cost
/// matrix: no arc list is built); the artificial arc of node u has id `arcCount + u`, goes
/// u → root (source, cost 0) or root → u (target, cost ``artificialCost``). Every arc is
/// uncapacitated, so a non-tree arc always sits at its lower bound 0 and only the tree's flows
/// are stored: `flow[u]` is the flow on u's predecessor arc. All buffers are allocated once.
///
/// The cost pointer must stay valid for the tree's lifetime (the solver keeps it inside a
/// `withUnsafeBufferPointer` scope).
final class NetworkSimplexTree {
    let sourceCount: Int, targetCount: Int
    let nodeCount: Int      // n + m, without the root
    let root: Int           // n + m
    let arcCount: Int       // n · m real arcs
    let cost: UnsafePointer<Double>
    /// Cost of a root → target arc: (n + m + 1)(max(c_max, 0) − min(c_min, 0)), or 1 if that is 0.
    let artificialCost: Double
    let blockSize: Int
    let pricingTolerance: Double
    /// The largest rounding error a reduced cost can carry: 4u(n + m + 1)·(c_max − c_min), u = 2⁻⁵³
    /// (potentials are sums along tree paths of at most n + m costs, or ART = (n + m + 1)·range).
    let noiseFloor: Double

    // One entry per node, root included.
    let parent: UnsafeMutablePointer<Int>
    let predecessor: UnsafeMutablePointer<Int>      // arc id joining the node to its parent
    let thread: UnsafeMutablePointer<Int>           // preorder successor
    let reverseThread: UnsafeMutablePointer<Int>
    let subtreeSize: UnsafeMutablePointer<Int>
    let lastSuccessor: UnsafeMutablePointer<Int>    // last node of the subtree in thread order
    let upward: UnsafeMutablePointer<Bool>          // predecessor arc points node → parent
    let potential: UnsafeMutablePointer<Double>     // π: reduced cost of arc s → t is c + π_s − π_t
    let flow: UnsafeMutablePointer<Double>          // flow on the predecessor arc
    let supply: UnsafeMutablePointer<Double>        // a_i at sources, −b_j at targets, 0 at the root
    // Scratch, reused by every pivot and refresh.
    let dirty: UnsafeMutablePointer<Int>
    let subtreeSupply: UnsafeMutablePointer<Double>
    let offset: UnsafeMutablePointer<Double>

    // Where the block search resumes.
    var nextRow = 0, nextColumn = 0

    /// `supplies`: n positive source masses then m negative target masses, summing to ≈ 0.
    init(sources n: Int, targets m: Int, cost: UnsafePointer<Double>, supplies: [Double],
         blockSize: Int, pricingTolerance: Double) {
        precondition(n > 0 && m > 0 && supplies.count == n + m)
        sourceCount = n
        targetCount = m
        nodeCount = n + m
        root = n + m
        arcCount = n * m
        self.cost = cost
        self.blockSize = blockSize
        self.pricingTolerance = pricingTolerance
        var low = 0.0, high = 0.0                                    // the range of the costs and 0
        for e in 0..<(n * m) { low = Swift.min(low, cost[e]); high = Swift.max(high, cost[e]) }
        // ART > max c makes the artificial arcs carry no mass at the optimum (optimal duals have
        // max u + max v ≤ max c); like LEMON's (max c + 1)(n + m) it is large, so they leave early.
        let art = (high - low) * Double(n + m + 1)
        artificialCost = art > 0 ? art : 1
        noiseFloor = 4 * Double.ulpOfOne / 2 * Double(n + m + 1) * (high - low)
        let count = n + m + 1
        parent = .allocate(capacity: count)
        predecessor = .allocate(capacity: count)
        thread = .allocate(capacity: count)
        reverseThread = .allocate(capacity: count)
        subtreeSize = .allocate(capacity: count)
        lastSuccessor = .allocate(capacity: count)
        upward = .allocate(capacity: count)
        potential = .allocate(capacity: count)
        flow = .allocate(capacity: count)
        supply = .allocate(capacity: count)
        dirty = .allocate(capacity: count)
        subtreeSupply = .allocate(capacity: count)
        offset = .allocate(capacity: count)
        for u in 0..<nodeCount { supply[u] = supplies[u] }
        supply[root] = 0
        initializeTree()
    }

    deinit {
        parent.deallocate(); predecessor.deallocate(); thread.deallocate(); reverseThread.deallocate()
        subtreeSize.deallocate(); lastSuccessor.deallocate(); upward.deallocate(); potential.deallocate()
        flow.deallocate(); supply.deallocate(); dirty.deallocate(); subtreeSupply.deallocate(); offset.deallocate()
    }

    /// Every node on its own artificial arc: sources u → root carry a_u at cost 0, targets
    /// root → u carry b_u at cost ART. Positive flow on every arc makes the tree strongly feasible.
    private func initializeTree() {
        for u in 0..<nodeCount {
            parent[u] = root
            predecessor[u] = arcCount + u
            thread[u] = u + 1
            reverseThread[u + 1] = u
            subtreeSize[u] = 1
            lastSuccessor[u] = u
            if u < sourceCount {
                upward[u] = true
                potential[u] = 0                 // 0 + π_u − π_root = 0
                flow[u] = supply[u]
            } else {
                upward[u] = false
                potential[u] = artificialCost    // ART + π_root − π_u = 0
                flow[u] = -supply[u]
            }
        }
        parent[root] = -1
        predecessor[root] = -1
        thread[root] = 0
        reverseThread[0] = root
        subtreeSize[root] = nodeCount + 1
        lastSuccessor[root] = root - 1
        upward[root] = false
        potential[root] = 0
        flow[root] = 0
    }

    @inline(__always) func arcSource(_ e: Int) -> Int {
        e < arcCount ? e / targetCount : (e - arcCount < sourceCount ? e - arcCount : root)
    }

    @inline(__always) func arcCost(_ e: Int) -> Double {
        e < arcCount ? cost[e] : (e - arcCount < sourceCount ? 0 : artificialCost)
    }

    /// One pivot on the real arc `entering` = i·m + j with negative reduced cost: push flow
    /// around the cycle it closes, drop the leaving arc chosen by the strongly feasible rule,
    /// re-hang the subtree and shift its potentials.
    func pivot(_ entering: Int) {
        let first = entering / targetCount, second = sourceCount + entering % targetCount  // flow goes first → second

        // Join: the first common ancestor of the arc's ends.
        var a = first, b = second
        while a != b {
            if subtreeSize[a] < subtreeSize[b] { a = parent[a] } else { b = parent[b] }
        }
        let join = a

        // Leaving arc: on first's side the cycle runs downwards (upward arcs lose flow), on
        // second's side upwards (downward arcs lose flow); ties go to the last arc met from join.
        var delta = Double.infinity, out = -1, onFirstSide = true
        var u = first
        while u != join {
            if upward[u] && flow[u] < delta { delta = flow[u]; out = u; onFirstSide = true }
            u = parent[u]
        }
        u = second
        while u != join {
            if !upward[u] && flow[u] <= delta { delta = flow[u]; out = u; onFirstSide = false }
            u = parent[u]
        }
        precondition(out >= 0, "network simplex: a cycle of the bipartite graph cannot be unbounded")
        delta = Swift.max(delta, 0)

        if delta > 0 {
            u = first
            while u != join { flow[u] += upward[u] ? -delta : delta; u = parent[u] }
            u = second
            while u != join { flow[u] += upward[u] ? delta : -delta; u = parent[u] }
        }
        let uIn = onFirstSide ? first : second, vIn = onFirstSide ? second : first
        updateTree(entering: entering, enteringFlow: delta, uIn: uIn, vIn: vIn, uOut: out, join: join)

        // σ makes the entering arc's reduced cost 0; the re-hung subtree of uIn shifts by σ.
        let sigma = potential[vIn] - potential[uIn] - (upward[uIn] ? cost[entering] : -cost[entering])
        let end = thread[lastSuccessor[uIn]]
        u = uIn
        while u != end { potential[u] += sigma; u = thread[u] }
    }

    /// LEMON's `updateTreeStructure`: re-hangs the stem from uIn up to uOut under vIn and
    /// repairs thread, reverse thread, parent, predecessor (with its flow), subtree sizes and
    /// last successors.
    private func updateTree(entering: Int, enteringFlow: Double, uIn: Int, vIn: Int, uOut: Int, join: Int) {
        let oldReverseThread = reverseThread[uOut]
        let oldSubtreeSize = subtreeSize[uOut]
        let oldLastSuccessor = lastSuccessor[uOut]
        let vOut = parent[uOut]

        if uIn == uOut {
            parent[uIn] = vIn
            predecessor[uIn] = entering
            upward[uIn] = uIn == arcSource(entering)
            flow[uIn] = enteringFlow
            if thread[vIn] != uOut {
                var after = thread[oldLastSuccessor]
                thread[oldReverseThread] = after
                reverseThread[after] = oldReverseThread
                after = thread[vIn]
                thread[vIn] = uOut
                reverseThread[uOut] = vIn
                thread[oldLastSuccessor] = after
                reverseThread[after] = oldLastSuccessor
            }
        } else {
            let threadContinue = oldReverseThread == vIn ? thread[oldLastSuccessor] : thread[vIn]
            var stem = uIn, parentStem = vIn
            var last = lastSuccessor[uIn]
            var after = thread[last]
            thread[vIn] = uIn
            var dirtyCount = 0
            dirty[dirtyCount] = vIn; dirtyCount += 1
            while stem != uOut {
                let nextStem = parent[stem]
                thread[last] = nextStem
                dirty[dirtyCount] = last; dirtyCount += 1
                let before = reverseThread[stem]          // cut the stem's subtree out of the thread
                thread[before] = after
                reverseThread[after] = before
                parent[stem] = parentStem
                parentStem = stem
                stem = nextStem
                last = lastSuccessor[stem] == lastSuccessor[parentStem] ? reverseThread[parentStem] : lastSuccessor[stem]
                after = thread[last]
            }
            parent[uOut] = parentStem
            thread[last] = threadContinue
            reverseThread[threadContinue] = last
            lastSuccessor[uOut] = last
            if oldReverseThread != vIn {
                thread[oldReverseThread] = after
                reverseThread[after] = oldReverseThread
            }
            for k in 0..<dirtyCount { let w = dirty[k]; reverseThread[thread[w]] = w }

            // Along the reversed stem each node takes over its new parent's old arc.
            var sizeSum = 0
            let stemLast = lastSuccessor[uOut]
            var u = uOut, p = parent[uOut]
            while u != uIn {
                predecessor[u] = predecessor[p]
                upward[u] = !upward[p]
                flow[u] = flow[p]
                sizeSum += subtreeSize[u] - subtreeSize[p]
                subtreeSize[u] = sizeSum
                lastSuccessor[p] = stemLast
                u = p
                p = parent[u]
            }
            predecessor[uIn] = entering
            upward[uIn] = uIn == arcSource(entering)
            flow[uIn] = enteringFlow
            subtreeSize[uIn] = oldSubtreeSize
        }

        // Last successors from vIn, then from vOut, towards the root.
        let upLimitOut = lastSuccessor[join] == vIn ? join : -1
        let lastSuccessorOut = lastSuccessor[uOut]
        var u = vIn
        while u != -1 && lastSuccessor[u] == vIn { lastSuccessor[u] = lastSuccessorOut; u = parent[u] }
        if join != oldReverseThread && vIn != oldReverseThread {
            u = vOut
            while u != upLimitOut && lastSuccessor[u] == oldLastSuccessor { lastSuccessor[u] = oldReverseThread; u = parent[u] }
        } else if lastSuccessorOut != oldLastSuccessor {
            u = vOut
            while u != upLimitOut && lastSuccessor[u] == oldLastSuccessor { lastSuccessor[u] = lastSuccessorOut; u = parent[u] }
        }
        // Subtree sizes between the two ends and the join.
        u = vIn
        while u != join { subtreeSize[u] += oldSubtreeSize; u = parent[u] }
        u = vOut
        while u != join { subtreeSize[u] -= oldSubtreeSize; u = parent[u] }
    }
}
