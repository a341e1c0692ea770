import ConvexNetworks
import Foundation
import Transport

/// The problem `hycnn transport` reads: two CSV files of weighted points (or weights only,
/// with a cost matrix file), turned into a validated balanced ``TransportProblem``.
struct TransportInput {
    var problem: TransportProblem
    var sourceFile: String, targetFile: String
    var costDescription: String
    /// The clouds' points when both are 2-D (for --svg).
    var planePoints: (source: PointCloud, target: PointCloud)?
    var dimension: Int?

    init(source: String, target: String, sourceWeights: String?, targetWeights: String?,
         cost: GroundCost, costMatrix: String?, needsPlanePoints: Bool) throws {
        sourceFile = source
        targetFile = target
        let sourceTable = try CSVTable(contentsOfFile: source), targetTable = try CSVTable(contentsOfFile: target)
        if let costMatrix {
            let matrix = try CostMatrix(table: CSVTable(contentsOfFile: costMatrix))
            guard matrix.rows == sourceTable.rowCount, matrix.columns == targetTable.rowCount else {
                throw TransportError.shapeMismatch(what: "cost matrix \(costMatrix)",
                                                   expected: "\(sourceTable.rowCount) rows × \(targetTable.rowCount) columns (sources × targets)",
                                                   actual: "\(matrix.rows) × \(matrix.columns)")
            }
            let a = try Self.weights(sourceTable, column: sourceWeights), b = try Self.weights(targetTable, column: targetWeights)
            problem = try TransportProblem(sourceWeights: a, targetWeights: b, cost: matrix)
            costDescription = "cost matrix \(costMatrix)"
            let sourceCloud = try? Self.cloud(sourceTable, weights: sourceWeights, name: "source")
            let targetCloud = try? Self.cloud(targetTable, weights: targetWeights, name: "target")
            if let sourceCloud, let targetCloud, sourceCloud.dimension == 2, targetCloud.dimension == 2 {
                planePoints = (sourceCloud, targetCloud)
            }
            dimension = sourceCloud?.dimension
        } else {
            let sourceCloud = try Self.cloud(sourceTable, weights: sourceWeights, name: "source")
            let targetCloud = try Self.cloud(targetTable, weights: targetWeights, name: "target")
            problem = try TransportProblem(source: sourceCloud, target: targetCloud, cost: cost)
            costDescription = cost == .squaredEuclidean ? "squared Euclidean cost" : "Euclidean cost"
            if sourceCloud.dimension == 2 { planePoints = (sourceCloud, targetCloud) }
            dimension = sourceCloud.dimension
        }
        if needsPlanePoints && planePoints == nil {
            throw TransportError.invalidSetting(name: "--svg",
                                                reason: "draws 2-D clouds only; these points have \(dimension.map { "\($0) coordinates" } ?? "no coordinates")")
        }
    }

    static func cloud(_ table: CSVTable, weights: String?, name: String) throws -> PointCloud {
        try PointCloud(table: table, weightColumn: weights, name: name)
    }

    /// The weight column, or uniform weights 1/rows.
    static func weights(_ table: CSVTable, column: String?) throws -> [Double] {
        if let column { return try table.column(named: column) }
        return [Double](repeating: 1 / Double(max(table.rowCount, 1)), count: table.rowCount)
    }
}
