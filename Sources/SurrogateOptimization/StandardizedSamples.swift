import ConvexNetworks

/// The samples in standardised units, x̃ = (x − mean)/scale per coordinate and ỹ likewise.
struct StandardizedSamples {
    let count: Int
    let dimension: Int
    /// x̃, d × n column-major as in ``Dataset``.
    let inputs: [Double]
    let targets: [Double]
    let inputScaler: Standardizer
    let targetScaler: Standardizer

    init(_ data: Dataset) {
        count = data.count
        dimension = data.dimension
        inputScaler = Standardizer(fitting: data.inputs, dimension: data.dimension)
        targetScaler = Standardizer(fitting: data.targets, dimension: 1)
        inputs = inputScaler.standardized(data.inputs)
        targets = targetScaler.standardized(data.targets)
    }

    /// The `k` samples nearest to sample i in ‖x̃ⱼ − x̃ᵢ‖ (i excluded; ties by index), nearest first.
    func nearestNeighbours(of i: Int, count k: Int) -> [Int] {
        guard k > 0 else { return [] }
        var best: [(Double, Int)] = []                                     // sorted, at most k
        best.reserveCapacity(k + 1)
        for j in 0..<count where j != i {
            var squared = 0.0
            for c in 0..<dimension {
                let r = inputs[j * dimension + c] - inputs[i * dimension + c]
                squared += r * r                                           // ‖x̃ⱼ − x̃ᵢ‖²
            }
            if best.count == k, squared >= best[k - 1].0 { continue }
            let position = best.firstIndex { $0.0 > squared } ?? best.count
            best.insert((squared, j), at: position)
            if best.count > k { best.removeLast() }
        }
        return best.map(\.1)
    }
}
