import DataFiles
import Testing
@testable import ConvexNetworks

@Suite("Dataset")
struct DatasetTests {
    /// Columns id (0…n−1), a = 10·id, t = id², b = −id.
    private func table(rows n: Int) throws -> CSVTable {
        let ids = (0..<n).map(Double.init)
        return try CSVTable(header: ["id", "a", "t", "b"],
                            columns: [ids, ids.map { 10 * $0 }, ids.map { $0 * $0 }, ids.map { -$0 }])
    }

    @Test("default inputs are every other column in file order, stored sample after sample")
    func defaultInputs() throws {
        let data = try Dataset(table: try table(rows: 4), target: "t")
        #expect(data.inputNames == ["id", "a", "b"])
        #expect(data.targetName == "t")
        #expect(data.dimension == 3)
        #expect(data.count == 4)
        #expect(data.targets == [0, 1, 4, 9])
        #expect(data.inputs == [0, 0, -0.0, 1, 10, -1, 2, 20, -2, 3, 30, -3])
        #expect(Array(data.input(ofSample: 2)) == [2, 20, -2])
    }

    @Test("explicit inputs keep the given order")
    func explicitInputs() throws {
        let data = try Dataset(table: try table(rows: 3), target: "a", inputs: ["b", "id"])
        #expect(data.inputNames == ["b", "id"])
        #expect(data.inputs == [-0.0, 0, -1, 1, -2, 2])
        #expect(data.targets == [0, 10, 20])
    }

    @Test("bad column choices are reported")
    func columnErrors() throws {
        let t = try table(rows: 3)
        let names = ["id", "a", "t", "b"]
        #expect(throws: ConvexNetworksError.unknownColumn(name: "z", available: names)) { try Dataset(table: t, target: "z") }
        #expect(throws: ConvexNetworksError.unknownColumn(name: "q", available: names)) {
            try Dataset(table: t, target: "t", inputs: ["a", "q"])
        }
        #expect {
            try Dataset(table: t, target: "t", inputs: ["a", "t"])
        } throws: { error in
            guard case let ConvexNetworksError.invalidSetting(name, _, reason) = error else { return false }
            return name == "inputs" && reason.contains("target")
        }
        #expect(throws: ConvexNetworksError.self) { try Dataset(table: t, target: "t", inputs: ["a", "a"]) }
        #expect {
            try Dataset(table: t, target: "t", inputs: [])
        } throws: { error in
            if case ConvexNetworksError.emptyDataset = error { return true } else { return false }
        }
        #expect {
            try Dataset(table: try CSVTable(text: "x,y\n"), target: "y")
        } throws: { error in
            if case ConvexNetworksError.emptyDataset = error { return true } else { return false }
        }
    }

    @Test("the memberwise initializer checks sizes and finiteness")
    func memberwiseValidation() throws {
        let ok = try Dataset(inputNames: ["u", "v"], targetName: "w", inputs: [1, 2, 3, 4], targets: [5, 6])
        #expect(ok.count == 2 && ok.dimension == 2)
        #expect(throws: ConvexNetworksError.dimensionMismatch(what: "inputs (2 features × 2 samples, one sample after another)",
                                                              expected: 4, actual: 3)) {
            try Dataset(inputNames: ["u", "v"], targetName: "w", inputs: [1, 2, 3], targets: [5, 6])
        }
        #expect {
            try Dataset(inputNames: ["u", "v"], targetName: "w", inputs: [1, 2, 3, .nan], targets: [5, 6])
        } throws: { error in
            guard case let ConvexNetworksError.nonFiniteValue(what) = error else { return false }
            return what.contains("'v'") && what.contains("sample 2")
        }
        #expect(throws: ConvexNetworksError.self) {
            try Dataset(inputNames: ["u"], targetName: "w", inputs: [1, 2], targets: [5, .infinity])
        }
        let empty = try Dataset(inputNames: ["u"], targetName: "w", inputs: [], targets: [])
        #expect(empty.count == 0)
    }

    @Test("subset picks samples in the given order, repeats allowed")
    func subset() throws {
        let data = try Dataset(table: try table(rows: 5), target: "t", inputs: ["id", "a"])
        let picked = data.subset([4, 1, 1])
        #expect(picked.inputNames == ["id", "a"] && picked.targetName == "t")
        #expect(picked.inputs == [4, 40, 1, 10, 1, 10])
        #expect(picked.targets == [16, 1, 1])
        #expect(data.subset([]).count == 0)
    }

    @Test("split sizes, determinism and disjointness")
    func split() throws {
        let data = try Dataset(table: try table(rows: 50), target: "id", inputs: ["a"])
        let (training, validation) = try data.split(validationFraction: 0.2, seed: 7)
        #expect(training.count == 40 && validation.count == 10)
        let trainIDs = Set(training.targets), validIDs = Set(validation.targets)
        #expect(trainIDs.isDisjoint(with: validIDs))
        #expect(trainIDs.union(validIDs) == Set((0..<50).map(Double.init)))
        #expect(training.targets == training.targets.sorted())  // original order kept
        #expect(zip(training.inputs, training.targets).allSatisfy { $0 == 10 * $1 })  // rows stay whole

        let again = try data.split(validationFraction: 0.2, seed: 7)
        #expect(again.training == training && again.validation == validation)
        let other = try data.split(validationFraction: 0.2, seed: 8)
        #expect(other.validation.targets != validation.targets)

        let none = try data.split(validationFraction: 0, seed: 7)
        #expect(none.validation.count == 0 && none.training == data)
        let most = try data.split(validationFraction: 0.999, seed: 7)
        #expect(most.training.count == 1 && most.validation.count == 49)
        let one = try data.subset([3]).split(validationFraction: 0.5, seed: 1)
        #expect(one.training.count == 1 && one.validation.count == 0)
    }

    @Test("split rejects fractions outside [0, 1) and empty data")
    func splitErrors() throws {
        let data = try Dataset(table: try table(rows: 4), target: "t")
        for bad in [-0.1, 1, 1.5, .nan, .infinity] {
            #expect(throws: ConvexNetworksError.self) { try data.split(validationFraction: bad, seed: 0) }
        }
        #expect {
            try data.subset([]).split(validationFraction: 0.1, seed: 0)
        } throws: { error in
            if case ConvexNetworksError.emptyDataset = error { return true } else { return false }
        }
    }
}
