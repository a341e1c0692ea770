/// Misuse and bad input in the LinearProgramming module and the solvers built on it.
/// Solver outcomes (infeasible, unbounded, limits) are never thrown: see ``SolutionStatus``.
public enum LinearProgrammingError: Error, CustomStringConvertible, Equatable, Sendable {
    case emptyModel
    case nonFiniteCoefficient(row: String, column: String, value: Double)
    case nonFiniteCost(column: String, value: Double)
    case nonFiniteConstant(value: Double)
    case invalidBound(name: String, isRow: Bool, lower: Double, upper: Double)
    case columnIndexOutOfRange(row: String, index: Int, variableCount: Int)
    case coefficientCountMismatch(row: String, columns: Int, coefficients: Int)
    case duplicateEntry(row: String, column: String)
    case binaryBounds(column: String, lower: Double, upper: Double)
    case duplicateName(kind: String, name: String)
    case invalidName(kind: String, name: String, reason: String)
    case fileNotFound(path: String)
    case unreadableFile(path: String, reason: String)
    case malformedMPS(line: Int, reason: String)
    case malformedLP(line: Int, reason: String)
    case unwritableFile(path: String, reason: String)
    /// The model cannot be written exactly in this file format.
    case notRepresentable(format: String, reason: String)
    case invalidSetting(name: String, value: String, reason: String)
    case dimensionMismatch(what: String, expected: Int, actual: Int)
    case solverFailure(solver: String, reason: String)
    /// A number the ``NumericPolicy`` refuses: where it is, its value and the rule.
    case numberOutOfRange(place: String, value: Double, rule: String)
    /// An LP solver was given a model with integer columns (see ``SolverScope``).
    case integerColumnsInLPSolver(count: Int)

    public var description: String {
        switch self {
        case .emptyModel:
            return "the model has no variables: add at least one variable before solving"
        case let .nonFiniteCoefficient(row, column, value):
            return "constraint '\(row)': coefficient of '\(column)' is \(value); coefficients must be finite"
        case let .nonFiniteCost(column, value):
            return "variable '\(column)': objective coefficient is \(value); it must be finite"
        case let .nonFiniteConstant(value):
            return "the objective constant is \(value); it must be finite"
        case let .invalidBound(name, isRow, lower, upper):
            let what = isRow ? "constraint" : "variable"
            if lower.isNaN || upper.isNaN { return "\(what) '\(name)': a bound is NaN (lower \(lower), upper \(upper))" }
            if lower == .infinity || upper == -.infinity {
                return "\(what) '\(name)': lower bound \(lower) / upper bound \(upper) leave no value; use -inf for lower and +inf for upper"
            }
            return "\(what) '\(name)': lower bound \(lower) exceeds upper bound \(upper)"
        case let .columnIndexOutOfRange(row, index, variableCount):
            return "constraint '\(row)': variable index \(index) is out of range 0..<\(variableCount)"
        case let .coefficientCountMismatch(row, columns, coefficients):
            return "constraint '\(row)': \(columns) variable indices but \(coefficients) coefficients"
        case let .duplicateEntry(row, column):
            return "constraint '\(row)': variable '\(column)' appears more than once; merge the coefficients"
        case let .binaryBounds(column, lower, upper):
            return "binary variable '\(column)' has bounds [\(lower), \(upper)] outside [0, 1]"
        case let .duplicateName(kind, name):
            return "two \(kind)s are named '\(name)'; names must be unique"
        case let .invalidName(kind, name, reason):
            return "\(kind) name '\(name)' \(reason)"
        case let .fileNotFound(path):
            return "no such file: \(path)"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .malformedMPS(line, reason):
            return "MPS line \(line): \(reason)"
        case let .malformedLP(line, reason):
            return "LP line \(line): \(reason)"
        case let .unwritableFile(path, reason):
            return "cannot write \(path): \(reason)"
        case let .notRepresentable(format, reason):
            return "cannot write \(format): \(reason)"
        case let .invalidSetting(name, value, reason):
            return "setting \(name) = \(value): \(reason)"
        case let .dimensionMismatch(what, expected, actual):
            return "\(what): expected \(expected) entries, got \(actual)"
        case let .solverFailure(solver, reason):
            return "\(solver) failed: \(reason)"
        case let .numberOutOfRange(place, value, rule):
            return "\(place) is \(value): \(rule)"
        case let .integerColumnsInLPSolver(count):
            return "the model has \(count) integer column\(count == 1 ? "" : "s"); an LP solver solves only its relaxation "
                + "(solve the model's linear relaxation explicitly for that, or use a mixed-integer solver)"
        }
    }
}
