extension NetworkSimplexTree {
    /// Block search pricing (LEMON's `BlockSearchPivotRule`): scan the arcs in row-major order
    /// from where the last search stopped, `blockSize` at a time, and return the arc with the
    /// most negative reduced cost c_ij + π_i − π_{n+j} as soon as a block ends with one below
    /// −max(tolerance · max(|π_i|, |π_{n+j}|, |c_ij|), noise floor) (``isImproving(_:_:)``); −1
    /// when a whole pass finds none (optimal).
    ///
    /// Tree arcs have reduced cost 0 up to rounding, so they never pass the threshold and need
    /// no state array; non-tree arcs sit at flow 0, so the reduced cost alone decides.
    func findEnteringArc() -> Int {
        let n = sourceCount, m = targetCount
        let targetPotential = potential + n
        var best = -1, minimum = 0.0
        var counted = 0
        var i = nextRow, j = nextColumn
        var remaining = arcCount
        while remaining > 0 {
            let stop = Swift.min(m, j + blockSize - counted)
            let row = cost + i * m
            let rowMinimum = Self.segmentMinimum(row, targetPotential, from: j, to: stop)   // min_k c_ik − π_k
            let pu = potential[i]
            if rowMinimum + pu < minimum {                                                   // rc = c_ij + π_i − π_j
                minimum = rowMinimum + pu
                best = i * m + Self.firstIndex(of: rowMinimum, row, targetPotential, from: j, to: stop)
            }
            counted += stop - j
            remaining -= stop - j
            j = stop
            if j == m {
                j = 0
                i += 1
                if i == n { i = 0 }
            }
            if counted == blockSize {
                if best >= 0 && isImproving(best, minimum) { nextRow = i; nextColumn = j; return best }
                counted = 0
            }
        }
        if best >= 0 && isImproving(best, minimum) { nextRow = i; nextColumn = j; return best }
        return -1
    }

    /// min over k in from..<to of row[k] − t[k], eight lanes at a time.
    @inline(__always)
    static func segmentMinimum(_ row: UnsafePointer<Double>, _ t: UnsafeMutablePointer<Double>, from: Int, to: Int) -> Double {
        var k = from
        var result = Double.infinity
        if to - from >= 16 {
            var lanes = SIMD8<Double>(repeating: .infinity)
            let rowRaw = UnsafeRawPointer(row), tRaw = UnsafeRawPointer(t)
            while k &+ 8 <= to {
                let c = rowRaw.loadUnaligned(fromByteOffset: k &* 8, as: SIMD8<Double>.self)
                let p = tRaw.loadUnaligned(fromByteOffset: k &* 8, as: SIMD8<Double>.self)
                let v = c - p                                            // c_ij − π_j
                lanes.replace(with: v, where: v .< lanes)                // (pointwiseMin is not inlined)
                k &+= 8
            }
            result = lanes.min()
        }
        while k < to {
            result = Swift.min(result, row[k] - t[k])
            k &+= 1
        }
        return result
    }

    /// The first k in from..<to with row[k] − t[k] == value (which `segmentMinimum` found there).
    @inline(__always)
    static func firstIndex(of value: Double, _ row: UnsafePointer<Double>, _ t: UnsafeMutablePointer<Double>,
                           from: Int, to: Int) -> Int {
        var k = from
        let rowRaw = UnsafeRawPointer(row), tRaw = UnsafeRawPointer(t)
        let goal = SIMD8<Double>(repeating: value)
        while k &+ 8 <= to {
            let c = rowRaw.loadUnaligned(fromByteOffset: k &* 8, as: SIMD8<Double>.self)
            let p = tRaw.loadUnaligned(fromByteOffset: k &* 8, as: SIMD8<Double>.self)
            if any(c - p .== goal) { break }
            k &+= 8
        }
        while k < to {
            if row[k] - t[k] == value { return k }
            k &+= 1
        }
        preconditionFailure("network simplex: the segment minimum vanished")
    }

    /// True when reduced cost `rc` of arc e is below −max(tolerance · max(|π_i|, |π_j|, |c_e|), noise floor):
    /// a reduced cost above the floor may be rounding error of the potentials, never an improvement.
    @inline(__always)
    func isImproving(_ e: Int, _ rc: Double) -> Bool {
        let scale = Swift.max(abs(potential[e / targetCount]), abs(potential[sourceCount + e % targetCount]), abs(cost[e]))
        return rc < -Swift.max(pricingTolerance * scale, noiseFloor)
    }

    /// Recomputes the tree's flows from the supplies (each predecessor arc carries the net
    /// supply of the subtree below it) and its potentials from the arc costs, removing the
    /// rounding that pivots accumulate. Potentials are rebuilt from each child of the root at 0
    /// and the artificial arcs' offsets (0 or ART) added once, only where they differ, so they
    /// stay small; only differences of potentials matter. With `clamp`, flows of −0-ish
    /// rounding are set to 0 (for pivoting); without, they are left as computed (for the plan).
    func refresh(clamp: Bool) {
        for u in 0...nodeCount { subtreeSupply[u] = supply[u] }
        var u = reverseThread[root]                 // reverse preorder: children before parents
        while u != root {
            let s = subtreeSupply[u]
            subtreeSupply[parent[u]] += s
            let f = upward[u] ? s : -s               // flow on u → parent is the subtree's surplus
            flow[u] = clamp ? Swift.max(0, f) : f
            u = reverseThread[u]
        }
        u = thread[root]                            // preorder: parents before children
        var homogeneous = true
        let base = upward[u] ? 0 : artificialCost
        while u != root {
            let p = parent[u]
            if p == root {
                offset[u] = upward[u] ? 0 : artificialCost   // π_u = π_root + (0 | ART)
                potential[u] = 0
                if offset[u] != base { homogeneous = false }
            } else {
                offset[u] = offset[p]
                let c = arcCost(predecessor[u])
                potential[u] = potential[p] + (upward[u] ? -c : c)   // c + π_child − π_parent = 0 or c + π_parent − π_child = 0
            }
            u = thread[u]
        }
        if !homogeneous {
            for w in 0..<nodeCount where offset[w] != base { potential[w] += offset[w] - base }
        }
        potential[root] = -base
    }

    /// The plan (real tree arcs with non-zero flow) and the potentials u_i = −π_i, v_j = π_{n+j}.
    func extract() -> (entries: [(source: Int, target: Int, mass: Double)], u: [Double], v: [Double]) {
        var entries: [(source: Int, target: Int, mass: Double)] = []
        entries.reserveCapacity(nodeCount)
        for w in 0..<nodeCount where predecessor[w] < arcCount && flow[w] != 0 {
            let e = predecessor[w]
            entries.append((e / targetCount, e % targetCount, flow[w]))
        }
        let u = (0..<sourceCount).map { -potential[$0] }
        let v = (0..<targetCount).map { potential[sourceCount + $0] }
        return (entries, u, v)
    }
}
