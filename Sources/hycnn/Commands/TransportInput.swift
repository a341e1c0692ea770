import DataFiles
import Foundation
import Transport

/// The problem `hycnn transport` reads: two CSV files of weighted points (or weights only,
/// with a cost matrix file), turned into validated weights and costs — a balanced
/// ``TransportProblem`` unless `balanced` is false (partial and unbalanced transport, whose
/// totals may differ).
///
/// Nothing is reinterpreted silently: each side records which columns are coordinates and
/// where its masses come from (``Side``), a column named like a mass (``looksLikeMass(_:)``)
/// is never taken as a coordinate or ignored unless named explicitly, a file whose first line
/// holds only numbers is refused (a header is required), and the memory the solve needs is
/// checked before anything of size n·m is allocated.
struct TransportInput {
    /// How one point file is read.
    struct Side {
        var file: String
        var points: Int
        /// The coordinate columns (empty when a cost matrix replaces them).
        var coordinates: [String]
        /// The weight column, or nil for uniform weights 1/points.
        var weightColumn: String?

        /// "coordinates x, y; weights uniform (1/100 each)".
        var summary: String {
            let where_ = coordinates.isEmpty ? "coordinates not used (cost matrix)" : "coordinates " + coordinates.joined(separator: ", ")
            let masses = weightColumn.map { "weights from column '\($0)'" } ?? "weights uniform (1/\(points) each)"
            return "\(where_); \(masses)"
        }

        var json: [String: Any] {
            ["file": file, "points": points, "coordinates": coordinates, "weightColumn": weightColumn ?? NSNull(),
             "uniformWeights": weightColumn == nil]
        }
    }

    /// The balanced problem (nil when the totals need not agree).
    var problem: TransportProblem?
    var sourceWeights: [Double], targetWeights: [Double]
    var cost: CostMatrix
    var sourceCount: Int { cost.rows }
    var targetCount: Int { cost.columns }
    var sourceMass: Double { sourceWeights.reduce(0, +) }
    var targetMass: Double { targetWeights.reduce(0, +) }
    var sourceFile: String, targetFile: String
    var source: Side, target: Side
    var costDescription: String
    /// The clouds' points when both are 2-D (for --svg).
    var planePoints: (source: PointCloud, target: PointCloud)?
    var dimension: Int?
    /// The estimated memory of the solve in bytes (``TransportMemory``), checked against the limit.
    var memoryEstimate: Double

    /// Name parts that mark a column as masses rather than coordinates.
    static let massWords: Set<String> = ["w", "wt", "weight", "weights", "mass", "masses", "demand", "demands", "supply",
                                         "supplies", "stock", "capacity", "capacities", "quantity", "amount", "probability", "prob"]

    /// True when a part of `name` (split at anything but letters and digits) is a mass word.
    static func looksLikeMass(_ name: String) -> Bool {
        name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { massWords.contains(String($0)) }
    }

    init(source: String, target: String, sourceWeights: String?, targetWeights: String?, coordinates: [String]?,
         cost: GroundCost, costMatrix: String?, needsPlanePoints: Bool, method: TransportMemory.Method, memoryLimit: Double,
         announce: Bool, balanced: Bool = true) throws {
        sourceFile = source
        targetFile = target
        let sourceTable = try HeaderedCSV.table(source, example: "x,y,weight"), targetTable = try HeaderedCSV.table(target, example: "x,y,weight")
        try TransportMemory.check(sources: sourceTable.rowCount, targets: targetTable.rowCount, method: method, limit: memoryLimit)
        memoryEstimate = TransportMemory.estimate(sources: sourceTable.rowCount, targets: targetTable.rowCount, method: method)
        if announce && memoryEstimate > 1e9 {                 // said before the n·m arrays are allocated
            printError(String(format: "memory: about %.3g GB for %d × %d pairs (limit %.3g GB)", memoryEstimate / 1e9,
                              sourceTable.rowCount, targetTable.rowCount, memoryLimit / 1e9))
        }
        let usesCoordinates = costMatrix == nil || needsPlanePoints
        let sourceColumns = try Self.coordinateColumns(sourceTable, file: source, weights: sourceWeights, named: coordinates,
                                                       side: "source", used: usesCoordinates)
        let targetColumns = try Self.coordinateColumns(targetTable, file: target, weights: targetWeights, named: coordinates,
                                                       side: "target", used: usesCoordinates)
        self.source = Side(file: source, points: sourceTable.rowCount, coordinates: costMatrix == nil ? sourceColumns : [],
                           weightColumn: sourceWeights)
        self.target = Side(file: target, points: targetTable.rowCount, coordinates: costMatrix == nil ? targetColumns : [],
                           weightColumn: targetWeights)
        if let costMatrix {
            let matrix = try Self.costMatrix(costMatrix, rows: sourceTable.rowCount, columns: targetTable.rowCount)
            let a = try Self.weights(sourceTable, column: sourceWeights), b = try Self.weights(targetTable, column: targetWeights)
            (self.sourceWeights, self.targetWeights, self.cost) = (a, b, matrix)
            if balanced { problem = try TransportProblem(sourceWeights: a, targetWeights: b, cost: matrix) } else {
                try Self.checkUnbalanced(a, b, matrix)
            }
            costDescription = "cost matrix \(costMatrix)"
            if needsPlanePoints {
                let sourceCloud = try PointCloud(table: sourceTable, weightColumn: sourceWeights, coordinateColumns: sourceColumns, name: "source")
                let targetCloud = try PointCloud(table: targetTable, weightColumn: targetWeights, coordinateColumns: targetColumns, name: "target")
                if sourceCloud.dimension == 2, targetCloud.dimension == 2 { planePoints = (sourceCloud, targetCloud) }
                dimension = sourceCloud.dimension
            }
        } else {
            let sourceCloud = try PointCloud(table: sourceTable, weightColumn: sourceWeights, coordinateColumns: sourceColumns, name: "source")
            let targetCloud = try PointCloud(table: targetTable, weightColumn: targetWeights, coordinateColumns: targetColumns, name: "target")
            if balanced {
                let balancedProblem = try TransportProblem(source: sourceCloud, target: targetCloud, cost: cost)
                (problem, self.sourceWeights, self.targetWeights, self.cost) =
                    (balancedProblem, balancedProblem.sourceWeights, balancedProblem.targetWeights, balancedProblem.cost)
            } else {
                guard sourceCloud.dimension == targetCloud.dimension else {
                    throw TransportError.dimensionMismatch(source: sourceCloud.dimension, target: targetCloud.dimension)
                }
                let matrix = try CostMatrix(from: sourceCloud, to: targetCloud, cost: cost)
                try Self.checkUnbalanced(sourceCloud.weights, targetCloud.weights, matrix)
                (self.sourceWeights, self.targetWeights, self.cost) = (sourceCloud.weights, targetCloud.weights, matrix)
            }
            costDescription = cost == .squaredEuclidean ? "squared Euclidean cost" : "Euclidean cost"
            if sourceCloud.dimension == 2 { planePoints = (sourceCloud, targetCloud) }
            dimension = sourceCloud.dimension
        }
        if needsPlanePoints && planePoints == nil {
            throw TransportError.invalidSetting(name: "--svg",
                                                reason: "draws 2-D clouds only; these points have \(dimension.map { "\($0) coordinates" } ?? "no coordinates")")
        }
    }

    /// The costs' numeric policy, as a balanced problem checks it (the weights are checked by
    /// the partial or unbalanced problem built from them).
    static func checkUnbalanced(_ a: [Double], _ b: [Double], _ cost: CostMatrix) throws {
        if let reason = TransportNumericPolicy.violation(of: cost, sourceWeights: a, targetWeights: b) {
            throw TransportError.unresolvableCosts(reason: reason)
        }
    }

    /// The coordinate columns of one file: `named` (--coordinates) if given, else every column
    /// but the weights. A column named like a mass that is neither the weight column nor named
    /// in --coordinates is refused, whether it would become a coordinate or be ignored.
    static func coordinateColumns(_ table: CSVTable, file: String, weights: String?, named: [String]?,
                                  side: String, used: Bool) throws -> [String] {
        if let weights, !table.header.contains(weights) {
            throw CSVError.unknownColumn(name: weights, available: table.header)
        }
        if let named {
            for name in named where !table.header.contains(name) {
                throw CSVError.unknownColumn(name: name, available: table.header)
            }
            if Set(named).count < named.count {
                throw TransportError.invalidSetting(name: "--coordinates", reason: "names a column twice; list each coordinate once")
            }
            if let weights, named.contains(weights) {
                throw TransportError.invalidSetting(name: "--coordinates",
                                                    reason: "names '\(weights)', the \(side) weight column; a column is either masses or a coordinate")
            }
            return named
        }
        let rest = table.header.filter { $0 != weights }
        if let suspicious = rest.first(where: looksLikeMass) {
            let flag = side == "source" ? "--source-weights" : "--target-weights"
            let role = used ? "would be taken as a coordinate" : "would be ignored (the costs come from the cost matrix)"
            let otherwise = used ? "--coordinates with the coordinate columns (e.g. --coordinates \(rest.joined(separator: ","))) "
                + "to use it as a coordinate" : "remove the column to weigh every point equally"
            throw TransportError.invalidSetting(
                name: "column '\(suspicious)' of \(file)",
                reason: "is named like masses but \(role) (without \(flag) every point weighs 1/\(table.rowCount)); "
                    + "pass \(flag) \(suspicious) to use it as the masses, or \(otherwise)")
        }
        return rest
    }

    /// The weight column, or uniform weights 1/rows.
    static func weights(_ table: CSVTable, column: String?) throws -> [Double] {
        if let column { return try table.column(named: column) }
        return [Double](repeating: 1 / Double(max(table.rowCount, 1)), count: table.rowCount)
    }

    /// The cost matrix file: a header (one name per target) and one row per source.
    static func costMatrix(_ path: String, rows: Int, columns: Int) throws -> CostMatrix {
        let example = (1...max(1, min(columns, 3))).map { "t\($0)" }.joined(separator: ",") + (columns > 3 ? ",…" : "")
            + " (one name per target), then one row of \(columns) costs per source"
        let table = try HeaderedCSV.readTable(path, example: example)
        // Numbers as target names are allowed, but not when the rows are one short: the header is missing.
        if HeaderedCSV.isNumeric(table.header) && table.rowCount == rows - 1 && table.header.count == columns {
            throw HeaderedCSV.MissingHeader(path: path, line: table.header.joined(separator: ","), example: example)
        }
        let matrix = try CostMatrix(table: table)
        guard matrix.rows == rows, matrix.columns == columns else {
            throw TransportError.shapeMismatch(what: "cost matrix \(path)",
                                               expected: "\(rows) rows × \(columns) columns (sources × targets) below a header line",
                                               actual: "\(matrix.rows) × \(matrix.columns)")
        }
        return matrix
    }
}
