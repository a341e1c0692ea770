import LinearProgramming

extension TransportProblem {
    /// The problem as an LP: a variable π_ij ≥ 0 with cost c_ij per pair, rows Σⱼ π_ij = a_i
    /// ("source<i>") and Σᵢ π_ij = b_j ("target<j>"). n·m variables: meant for cross-checks and
    /// moderate sizes; ``NetworkSimplex`` is the fast exact route.
    public func linearProgram() -> LinearProgram {
        allocationModel().program
    }

    func allocationModel() -> AllocationModel {
        AllocationModel(name: "transport", cost: cost,
                        sourceBounds: { (sourceWeights[$0], sourceWeights[$0]) },
                        targetBounds: { (targetWeights[$0], targetWeights[$0]) })
    }

    /// Solves the LP with any solver. The plan's potentials are the duals of the mass rows;
    /// the certificate is the independent transport check (dual feasibility over every pair,
    /// marginals, gap), with `verify`'s LP report attached and its failures included.
    public func solve(using solver: any LPSolver, tolerances: TransportTolerances = .init()) throws -> CertifiedTransportPlan {
        let model = allocationModel()
        let solution = try solver.solve(model.program)
        let plan = model.plan(from: solution, method: solver.name)
        var certificate = TransportCertificate.check(plan, for: self, tolerances: tolerances)
        let report = verify(solution, for: model.program)
        certificate.lpReport = report
        certificate.failures += report.failures.map { "LP certificate: " + $0 }
        return CertifiedTransportPlan(plan: plan, certificate: certificate)
    }
}
