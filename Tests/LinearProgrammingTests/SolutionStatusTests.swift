import LinearProgramming
import Testing

/// Which statuses carry an optimal point, and which are limits.
@Suite struct SolutionStatusTests {
    @Test func onlyOptimalAndAlmostOptimalHaveAnOptimalPoint() {
        let withPoint = SolutionStatus.allCases.filter(\.hasOptimalPoint)
        #expect(withPoint == [.optimal, .almostOptimal])
    }

    @Test func onlyTheTwoLimitsAreLimits() {
        #expect(SolutionStatus.allCases.filter(\.isLimit) == [.iterationLimit, .timeLimit])
    }
}
