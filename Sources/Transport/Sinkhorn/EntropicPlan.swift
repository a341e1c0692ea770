import LinearAlgebra
import LinearProgramming

/// The entropic transport plan found by ``Sinkhorn``, with its potentials and costs.
///
/// The plan is Pᵢⱼ = aᵢ bⱼ exp((fᵢ + gⱼ − Cᵢⱼ)/ε), stored dense and row-major (n × m).
public struct EntropicPlan: Sendable, Equatable {
    /// `.optimal` when the marginal error reached the tolerance at the target ε,
    /// `.iterationLimit` when the iterations ran out first, `.numericalError` when a
    /// potential became non-finite (ε far too small for the cost's range).
    public var status: SolutionStatus
    public let sourceCount: Int
    public let targetCount: Int
    /// Pᵢⱼ at `plan[i * targetCount + j]`.
    public let plan: [Double]
    /// The source weights a the plan was solved for.
    public let sourceWeights: [Double]
    /// The target weights b the plan was solved for.
    public let targetWeights: [Double]
    /// Potentials f (n) and g (m) in cost units.
    public let sourcePotential: [Double]
    public let targetPotential: [Double]
    /// The ε of the returned plan: the target ε, or a larger stage ε when the iteration limit
    /// struck during ε-scaling (status `.iterationLimit`).
    public let epsilon: Double
    /// ⟨C, P⟩ + ε·KL(P ‖ a bᵀ) with the generalised KL(P ‖ Q) = Σᵢⱼ Pᵢⱼ log(Pᵢⱼ/Qᵢⱼ) − Pᵢⱼ + Qᵢⱼ,
    /// evaluated as Σᵢ fᵢ rᵢ + Σⱼ gⱼ cⱼ − ε (Σᵢⱼ Pᵢⱼ − (Σa)(Σb)) with r, c the plan's row and column
    /// sums (the same number: ε log(Pᵢⱼ/aᵢbⱼ) = fᵢ + gⱼ − Cᵢⱼ).
    public let regularizedCost: Double
    /// The dual objective Σ aᵢ fᵢ + Σ bⱼ gⱼ − ε (Σᵢⱼ Pᵢⱼ − (Σa)(Σb)) (equals ``regularizedCost`` at
    /// exact marginals; a lower bound on the optimal regularised cost).
    public let dualObjective: Double
    /// The unregularised transport cost ⟨C, P⟩ = Σᵢⱼ Cᵢⱼ Pᵢⱼ.
    public let cost: Double
    /// Σᵢ |rᵢ − aᵢ| + Σⱼ |cⱼ − bⱼ|, measured on the returned plan.
    public let marginalError: Double
    /// Row sums r and column sums c of the plan.
    public let rowSums: [Double]
    public let columnSums: [Double]
    /// Iterations (row pass + column pass) over all ε stages, and the number of stages.
    public let iterations: Int
    public let stages: Int
    public let seconds: Double

    init(status: SolutionStatus, sourceCount: Int, targetCount: Int, plan: [Double], sourceWeights: [Double],
         targetWeights: [Double], sourcePotential: [Double], targetPotential: [Double], epsilon: Double,
         regularizedCost: Double, dualObjective: Double, cost: Double, marginalError: Double, rowSums: [Double],
         columnSums: [Double], iterations: Int, stages: Int, seconds: Double) {
        self.status = status
        self.sourceCount = sourceCount
        self.targetCount = targetCount
        self.plan = plan
        self.sourceWeights = sourceWeights
        self.targetWeights = targetWeights
        self.sourcePotential = sourcePotential
        self.targetPotential = targetPotential
        self.epsilon = epsilon
        self.regularizedCost = regularizedCost
        self.dualObjective = dualObjective
        self.cost = cost
        self.marginalError = marginalError
        self.rowSums = rowSums
        self.columnSums = columnSums
        self.iterations = iterations
        self.stages = stages
        self.seconds = seconds
    }

    /// Pᵢⱼ, the mass moved from source i to target j.
    public subscript(i: Int, j: Int) -> Double { plan[i * targetCount + j] }

    /// The barycentric map T(xᵢ) = Σⱼ Pᵢⱼ yⱼ / aᵢ for every source point, given the target points
    /// `targets` (m × `dimension`, row-major). Returns n × `dimension`, row-major; the row of a
    /// source point with aᵢ = 0 (no mass, no conditional) is NaN. One dgemm: T = diag(a)⁻¹ P Y.
    public func barycentricMap(targets: [Double], dimension: Int) throws -> [Double] {
        guard dimension > 0 else {
            throw TransportError.shapeMismatch(what: "barycentric map dimension", expected: "a positive dimension", actual: "\(dimension)")
        }
        guard targets.count == targetCount * dimension else {
            throw TransportError.shapeMismatch(what: "target points for the barycentric map",
                                               expected: "\(targetCount) × \(dimension) = \(targetCount * dimension) values",
                                               actual: "\(targets.count)")
        }
        if let k = targets.firstIndex(where: { !$0.isFinite }) {
            throw TransportError.shapeMismatch(what: "target point \(k / dimension + 1), coordinate \(k % dimension + 1)",
                                               expected: "a finite number", actual: "\(targets[k])")
        }
        var mapped = [Double](repeating: 0, count: sourceCount * dimension)
        guard sourceCount > 0, targetCount > 0 else { return mapped }
        // T = P Y (n × d, row-major) is column-major Tᵀ = Yᵀ Pᵀ: (d × m)(m × n), with the
        // row-major Y (m × d) and P (n × m) read as column-major Yᵀ and Pᵀ.
        BLAS.gemm(m: dimension, n: sourceCount, k: targetCount,
                  a: targets, lda: dimension, b: plan, ldb: targetCount, beta: 0, c: &mapped, ldc: dimension)
        for i in 0..<sourceCount {
            let a = sourceWeights[i]
            for k in 0..<dimension { mapped[i * dimension + k] = a > 0 ? mapped[i * dimension + k] / a : .nan }   // Tᵢ = (PY)ᵢ / aᵢ
        }
        return mapped
    }
}
