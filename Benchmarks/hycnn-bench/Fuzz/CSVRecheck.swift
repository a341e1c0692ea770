import Foundation

/// Re-checks the CSV commands' claims from the CSV files, read here by a plain reader (header,
/// then rows of numbers separated by commas): `check-data`'s verdict — a non-convexity
/// certificate must name a point inside the hull of others, above their weighted targets, and a
/// "convex" verdict must survive ``HullRecheck`` and a `transport` plan
/// (non-negative masses, uniform marginals, the reported cost equal to Σ mass · cost, and for
/// equal sizes no worse than the optimal assignment).
enum CSVRecheck {
    struct Table {
        var header: [String]
        var rows: [[Double]]
    }

    /// The table, or nil when some cell is not a plain number (the tool may read it otherwise).
    static func read(_ path: String) -> Table? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        while lines.last == "" { lines.removeLast() }
        guard let first = lines.first else { return nil }
        let header = first.components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [[Double]] = []
        for line in lines.dropFirst() {
            let cells = line.components(separatedBy: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard cells.count == header.count, cells.allSatisfy({ $0 != nil && $0!.isFinite }) else { return nil }
            rows.append(cells.map { $0! })
        }
        return Table(header: header, rows: rows)
    }

    static func checkData(csv: String, answer json: [String: Any], exitCode: Int32) -> RecheckOutcome {
        if exitCode == 0 {
            guard json["convex"] as? Bool == true else { return .rejected("exit 0 without \"convex\": true") }
            guard let table = read(csv), let y = table.header.firstIndex(of: "y") else { return .undecided("the plain reader cannot read the CSV") }
            return HullRecheck.check(table, target: y)
        }
        if exitCode == 3 {
            let status = json["status"] as? String
            return status == "undecided" || status == "timeLimit" ? .accepted : .rejected("exit 3 with status \(status ?? "none"), not undecided or timeLimit")
        }
        guard exitCode == 4 else { return .accepted }
        guard let certificate = json["certificate"] as? [String: Any] else { return .rejected("exit 4 without a certificate") }
        guard certificate["verified"] as? Bool == true else { return .rejected("exit 4 whose certificate is not verified") }
        guard let point = certificate["point"] as? Int, let neighbours = certificate["neighbours"] as? [Int],
              var weights = JSONValue.numbers(certificate["weights"]), weights.count == neighbours.count else { return .accepted }
        guard let table = read(csv), let y = table.header.firstIndex(of: "y") else { return .undecided("the plain reader cannot read the CSV") }
        let n = table.rows.count
        guard point >= 0, point < n, neighbours.allSatisfy({ $0 >= 0 && $0 < n }) else { return .rejected("certificate rows out of range") }
        // Our own weights on the tool's support of at most d + 1 samples (printed weights are
        // rounded, and beside a coordinate of 1e9 their rounding alone exceeds the balance tolerance).
        let columns = table.header.indices.filter { $0 != y }
        if neighbours.count <= columns.count + 1,
           let solved = HullWeights.solve(support: neighbours.map { k in columns.map { table.rows[k][$0] } },
                                          point: columns.map { table.rows[point][$0] }) {
            // The printed weights must be near these (the tool prints the LP's weights, which its
            // enclosure places within a few 1e-9 of the exact ones); the proof is then checked with ours.
            if let far = zip(weights, solved).map({ abs($0 - $1) }).max(), far > 1e-6 {
                return .rejected("the certificate's weights \(weights) are not the hull weights \(solved) of row \(point + 1)")
            }
            weights = solved
        }
        guard weights.allSatisfy({ $0 >= -1e-12 }), abs(weights.reduce(0, +) - 1) <= 1e-9 else { return .rejected("hull weights not a convex combination: \(weights)") }
        for c in table.header.indices where c != y {
            // x_point = Σ w_k x_k within 1e-9 of the magnitudes that enter: Σ w_k |x_k| + |x_point|
            let combined = zip(neighbours, weights).reduce(0) { $0 + $1.1 * table.rows[$1.0][c] }
            let magnitude = zip(neighbours, weights).reduce(abs(table.rows[point][c])) { $0 + $1.1 * abs(table.rows[$1.0][c]) }
            if abs(combined - table.rows[point][c]) > 1e-9 * (1 + magnitude) {
                return .rejected("row \(point + 1) is not the weighted average of rows \(neighbours.map { $0 + 1 }) in \(table.header[c]): \(table.rows[point][c]) vs \(combined)")
            }
        }
        let combinedTarget = zip(neighbours, weights).reduce(0) { $0 + $1.1 * table.rows[$1.0][y] }
        let magnitude = zip(neighbours, weights).reduce(abs(table.rows[point][y])) { $0 + $1.1 * abs(table.rows[$1.0][y]) }
        guard table.rows[point][y] > combinedTarget + 1e-9 * (1 + magnitude) else {
            return .rejected("row \(point + 1)'s target \(table.rows[point][y]) does not exceed the combination \(combinedTarget)")
        }
        return .accepted
    }

    static func transport(source: String, target: String, plan: String, squared: Bool, answer json: [String: Any], exitCode: Int32) -> RecheckOutcome {
        guard exitCode == 0 else { return .accepted }
        let certificate = json["certificate"] as? [String: Any] ?? [:]
        guard certificate["verified"] as? Bool == true else { return .rejected("exit 0 whose certificate is not verified") }
        guard let cost = JSONValue.number(json["objective"]), cost.isFinite else { return .rejected("exit 0 without a finite objective (the plan's cost)") }
        guard let a = read(source), let b = read(target), a.header.count == b.header.count, let p = read(plan) else {
            return .undecided("the plain reader cannot read the clouds or the plan")
        }
        let n = a.rows.count, m = b.rows.count
        var rowMass = [Double](repeating: 0, count: n), columnMass = [Double](repeating: 0, count: m)
        var total = 0.0, recomputed = 0.0, magnitude = 0.0
        for entry in p.rows {
            guard entry.count >= 3, let i = Int(exactly: entry[0] - 1), let j = Int(exactly: entry[1] - 1),
                  (0..<n).contains(i), (0..<m).contains(j) else { return .rejected("plan row \(entry) names no pair") }
            let mass = entry[2]
            guard mass >= -1e-9 else { return .rejected("negative mass \(mass) at (\(i + 1), \(j + 1))") }
            // c_ij = ‖a_i − b_j‖² (or its square root)
            let squaredDistance = zip(a.rows[i], b.rows[j]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let c = squared ? squaredDistance : squaredDistance.squareRoot()
            rowMass[i] += mass
            columnMass[j] += mass
            total += mass
            recomputed += mass * c
            magnitude += abs(mass * c)
        }
        guard total > 0 else { return .rejected("a plan without mass") }
        if let i = rowMass.indices.first(where: { abs(rowMass[$0] / total - 1 / Double(n)) > 1e-6 }) {
            return .rejected("source row \(i + 1) sends \(rowMass[i] / total) of the mass, uniform is \(1 / Double(n))")
        }
        if let j = columnMass.indices.first(where: { abs(columnMass[$0] / total - 1 / Double(m)) > 1e-6 }) {
            return .rejected("target row \(j + 1) receives \(columnMass[j] / total) of the mass, uniform is \(1 / Double(m))")
        }
        guard JSONValue.close(cost, recomputed, scale: magnitude, tolerance: 1e-7) else {
            return .rejected("cost \(cost) but Σ mass · c over the plan = \(recomputed)")
        }
        if n == m, n <= 200 {
            let matrix = a.rows.map { p in b.rows.map { q in
                let squaredDistance = zip(p, q).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                return squared ? squaredDistance : squaredDistance.squareRoot()
            } }
            // Uniform weights total/n: the optimum is total/n times the optimal assignment's cost.
            let optimum = AssignmentSolver.minimumCost(matrix) * total / Double(n)
            if optimum.isFinite, recomputed - optimum > 1e-7 * (1 + abs(optimum) + magnitude) {
                return .rejected("plan cost \(recomputed), but the optimal assignment (Hungarian method) costs \(optimum)")
            }
        }
        return .accepted
    }
}
