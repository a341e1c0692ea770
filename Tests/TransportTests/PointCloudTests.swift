import DataFiles
import Testing
@testable import Transport

/// Point clouds, cost builders and the validation of balanced problems.
@Suite struct PointCloudTests {
    @Test func cloudFromACSVTableWithAWeightColumn() throws {
        let table = try CSVTable(text: "x,y,w\n0,0,1\n1,0,2\n0,2,1\n")
        let cloud = try PointCloud(table: table, weightColumn: "w", name: "source")
        #expect(cloud.count == 3 && cloud.dimension == 2)
        #expect(cloud.coordinates == [0, 0, 1, 0, 0, 2])
        #expect(cloud.weights == [1, 2, 1])
        #expect(cloud.totalMass == 4)
        #expect(Array(cloud.point(2)) == [0, 2])
        let uniform = try PointCloud(table: table)
        #expect(uniform.dimension == 3 && uniform.weights == [1.0 / 3, 1.0 / 3, 1.0 / 3])
        #expect(throws: CSVError.self) { _ = try PointCloud(table: table, weightColumn: "mass") }
        #expect(throws: TransportError.self) {
            _ = try PointCloud(table: try CSVTable(text: "w\n1\n"), weightColumn: "w")
        }
    }

    @Test func badCloudsAreNamed() throws {
        #expect(throws: TransportError.emptyCloud(side: "target")) {
            _ = try PointCloud(coordinates: [], dimension: 2, name: "target")
        }
        #expect(throws: TransportError.badWeight(side: "source", index: 1, value: -0.5)) {
            _ = try PointCloud(coordinates: [0, 1], dimension: 1, weights: [1, -0.5], name: "source")
        }
        let nan = try #require(throws: TransportError.self) {
            _ = try PointCloud(coordinates: [0, 1], dimension: 1, weights: [.nan, 1], name: "source")
        }
        #expect("\(nan)".contains("source weight 1 is nan"))
        #expect(throws: TransportError.zeroMass(side: "source")) {
            _ = try PointCloud(coordinates: [0, 1], dimension: 1, weights: [0, 0], name: "source")
        }
        #expect(throws: TransportError.badCoordinate(side: "target", point: 1, coordinate: 0, value: .infinity)) {
            _ = try PointCloud(coordinates: [0, 1, .infinity, 2], dimension: 2, name: "target")
        }
        #expect(throws: TransportError.self) { _ = try PointCloud(points: [[0, 1], [2]]) }
    }

    @Test func mismatchedDimensionsAndUnequalMass() throws {
        let a = try PointCloud(points: [[0, 0], [1, 1]], name: "source")
        let b = try PointCloud(points: [[0], [1]], name: "target")
        #expect(throws: TransportError.dimensionMismatch(source: 2, target: 1)) { _ = try TransportProblem(source: a, target: b) }
        #expect(throws: TransportError.dimensionMismatch(source: 2, target: 1)) { _ = try CostMatrix(from: a, to: b) }
        let heavy = try PointCloud(points: [[0, 0], [1, 1]], weights: [1, 1], name: "target")
        #expect(throws: TransportError.unbalancedMass(source: 1, target: 2)) { _ = try TransportProblem(source: a, target: heavy) }
        let message = "\(TransportError.unbalancedMass(source: 1, target: 2))"
        #expect(message.contains("partial / unbalanced"))
        let cost = try CostMatrix(rows: 2, columns: 2, values: [0, 1, 1, 0])
        #expect(throws: TransportError.shapeMismatch(what: "target weights", expected: "2 values", actual: "3")) {
            _ = try TransportProblem(sourceWeights: [1, 1], targetWeights: [1, 0.5, 0.5], cost: cost)
        }
    }

    @Test func costMatrixMatchesTheDefinition() throws {
        var random = SeededGenerator(seed: 3)
        let x = (0..<(7 * 4)).map { _ in random.nextNormal() }, y = (0..<(5 * 4)).map { _ in 3 * random.nextNormal() }
        let source = try PointCloud(coordinates: x, dimension: 4), target = try PointCloud(coordinates: y, dimension: 4)
        let squared = try CostMatrix(from: source, to: target, cost: .squaredEuclidean)
        let plain = try CostMatrix(from: source, to: target, cost: .euclidean)
        #expect(squared.rows == 7 && squared.columns == 5)
        for i in 0..<7 {
            for j in 0..<5 {
                let direct = (0..<4).reduce(0.0) { $0 + (x[i * 4 + $1] - y[j * 4 + $1]) * (x[i * 4 + $1] - y[j * 4 + $1]) }
                #expect(abs(squared[i, j] - direct) <= 1e-12 * (1 + direct))
                #expect(abs(plain[i, j] - direct.squareRoot()) <= 1e-10 * (1 + direct))
            }
        }
        let same = try CostMatrix(from: source, to: source)
        for i in 0..<7 { #expect(same[i, i] >= 0 && same[i, i] <= 1e-13) }     // clamped at 0, never negative
    }

    @Test func costMatrixFromATable() throws {
        let table = try CSVTable(text: "t1,t2,t3\n1,2,3\n4,5,6\n")
        let cost = try CostMatrix(table: table)
        #expect(cost.rows == 2 && cost.columns == 3 && cost[1, 0] == 4 && cost[0, 2] == 3)
        #expect(cost.maxAbsoluteValue == 6)
    }
}
