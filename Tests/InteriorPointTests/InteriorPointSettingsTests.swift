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
