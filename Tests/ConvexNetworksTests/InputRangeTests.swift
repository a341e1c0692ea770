import DataFiles
import Foundation
import Testing
@testable import ConvexNetworks

/// The training data's input box: computed from the samples, saved in the model file, checked
/// on load, and absent from older files without harm.
@Suite struct InputRangeTests {
    @Test func theBoxOfTheSamples() throws {
        let range = try #require(InputRange(inputs: [1, -2, 3, 5, -1, 0], dimension: 2))   // (1,−2), (3,5), (−1,0)
        #expect(range.lower == [-1, -2] && range.upper == [3, 5])
        #expect(range.outside([0, 0]).isEmpty && range.outside([3, 5]).isEmpty)
        #expect(range.outside([3.1, -2.5]) == [0, 1])
        #expect(InputRange(inputs: [], dimension: 2) == nil)
    }

    @Test func savedAndLoadedWithTheModel() throws {
        var model = try ModelFileTests.model(.hycnn(inputDimension: 2, widths: [3, 3]))
        model.inputRange = try InputRange(lower: [0, -1], upper: [80, 1], dimension: 2)
        let object = try ModelFileTests.json(model)
        #expect((object["inputRange"] as? [String: [Double]])?["upper"] == [80, 1])
        #expect(try ModelFileTests.reload(object) == model)
        var older = object
        older["inputRange"] = nil                                          // a file written before the box was recorded
        #expect(try ModelFileTests.reload(older).inputRange == nil)
    }

    @Test(arguments: [
        ["lower": [0.0], "upper": [1.0, 2.0]],                             // one entry for two inputs
        ["lower": [0.0, 5.0], "upper": [1.0, 2.0]],                        // crossed
        ["lower": [0.0, 0.0], "upper": [1.0, 2.0], "middle": [0.5, 1.0]],  // unknown key
    ])
    func malformedRangesAreRefused(range: [String: [Double]]) throws {
        var object = try ModelFileTests.json(try ModelFileTests.model(.hycnn(inputDimension: 2, widths: [3, 3])))
        object["inputRange"] = range
        #expect(throws: ConvexNetworksError.self) { try ModelFileTests.reload(object) }
    }

    @Test func trainingRecordsTheDataBox() throws {
        let inputs = (0..<40).map { Double($0) / 4 - 3 }                   // 20 samples of 2 inputs
        let data = try Dataset(inputNames: ["a", "b"], targetName: "y", inputs: inputs,
                               targets: (0..<20).map { Double($0 % 7) })
        var settings = TrainingSettings()
        settings.epochs = 2
        settings.validationFraction = 0.25
        let result = try Trainer(settings: settings).fit(.hycnn(inputDimension: 2, widths: [4]), to: data)
        #expect(result.model.inputRange == InputRange(inputs: inputs, dimension: 2))   // every sample, validation split included
        #expect(result.model.inputRange?.lower == [-3, -2.75] && result.model.inputRange?.upper == [6.5, 6.75])
    }
}
