import LinearProgramming
import Testing
@testable import InteriorPoint

@Test func defaultSettingsAreValid() throws {
    try InteriorPointSettings().validate()
}

@Test func badSettingsAreRejectedByName() {
    var settings = InteriorPointSettings()
    settings.gapTolerance = 0
    #expect(throws: InteriorPointError.invalidSetting(name: "gapTolerance", value: 0, reason: "must lie in (0, 1)")) {
        try settings.validate()
    }
    settings = InteriorPointSettings()
    settings.timeLimit = -1
    #expect(throws: InteriorPointError.self) { try settings.validate() }
    settings = InteriorPointSettings()
    settings.maxIterations = 0
    #expect(throws: InteriorPointError.self) { try settings.validate() }
}

@Test func workingConstantsAreValidatedByName() {
    var settings = InteriorPointSettings()
    settings.sparseFlopsFraction = 1.5
    #expect(throws: InteriorPointError.invalidSetting(name: "sparseFlopsFraction", value: 1.5, reason: "must lie in (0, 1)")) {
        try settings.validate()
    }
    settings = InteriorPointSettings()
    settings.freeColumnRegularization = 0
    #expect(throws: InteriorPointError.invalidSetting(name: "freeColumnRegularization", value: 0, reason: "must lie in (0, 1)")) {
        try settings.validate()
    }
    settings = InteriorPointSettings()
    settings.factorizationRetries = -1
    #expect(throws: InteriorPointError.invalidSetting(name: "factorizationRetries", value: -1, reason: "must be zero or positive")) {
        try settings.validate()
    }
    settings = InteriorPointSettings()
    settings.centralityCorrectors = -1
    #expect(throws: InteriorPointError.invalidSetting(name: "centralityCorrectors", value: -1, reason: "must be zero or positive")) {
        try settings.validate()
    }
    settings = InteriorPointSettings()
    settings.stallIterations = 0
    #expect(throws: InteriorPointError.invalidSetting(name: "stallIterations", value: 0, reason: "must be positive")) {
        try settings.validate()
    }
    settings = InteriorPointSettings()
    settings.nearlyOptimalStallIterations = 0
    #expect(throws: InteriorPointError.invalidSetting(name: "nearlyOptimalStallIterations", value: 0, reason: "must be positive")) {
        try settings.validate()
    }
    settings = InteriorPointSettings()
    settings.nearlyOptimalMerit = .nan
    #expect(throws: InteriorPointError.self) { try settings.validate() }
    settings = InteriorPointSettings()
    settings.regularizationGrowth = 1
    #expect(throws: InteriorPointError.invalidSetting(name: "regularizationGrowth", value: 1,
                                                      reason: "must be a finite number above 1")) {
        try settings.validate()
    }
}

@Test func aSolveValidatesTheWorkingConstants() {
    var settings = InteriorPointSettings()
    settings.divergenceLimit = .infinity
    let solver = InteriorPointSolver(settings: settings)
    var lp = LinearProgram()
    lp.addVariable("x", lower: 0, upper: 1, cost: 1)
    #expect(throws: InteriorPointError.self) { try solver.solve(lp) }
}
