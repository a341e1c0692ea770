import ConvexNetworks

/// The samples in scaled units, x̃ = (x − centre)/halfRange per coordinate and ỹ likewise, so
/// every x̃ and ỹ lies in [−1, 1] (a constant coordinate maps to 0). Midrange and half-range
/// are computed as high/2 ± low/2, so that no magnitude up to the largest double overflows (a
/// standard deviation squares the values: 1e200 would become ∞) and the data LPs never see a
/// coefficient above 2.
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
        inputScaler = Self.rangeScaler(data.inputs, dimension: data.dimension)
        targetScaler = Self.rangeScaler(data.targets, dimension: 1)
        inputs = inputScaler.standardized(data.inputs)
        targets = targetScaler.standardized(data.targets)
    }

    /// centre = high/2 + low/2, scale = high/2 − low/2 (1 for a constant coordinate), per coordinate.
    static func rangeScaler(_ values: [Double], dimension d: Int) -> Standardizer {
        var low = [Double](repeating: .infinity, count: d), high = [Double](repeating: -.infinity, count: d)
        for (index, v) in values.enumerated() {
            low[index % d] = min(low[index % d], v)
            high[index % d] = max(high[index % d], v)
        }
        var centre = [Double](repeating: 0, count: d), scale = [Double](repeating: 1, count: d)
        for k in 0..<d where low[k] <= high[k] {
            centre[k] = high[k] / 2 + low[k] / 2
            let half = high[k] / 2 - low[k] / 2
            if half > 0 && half.isFinite { scale[k] = half }
        }
        // Finite data give a finite centre and a positive finite scale, as Standardizer requires.
        return (try? Standardizer(mean: centre, scale: scale)) ?? .identity(dimension: d)
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
