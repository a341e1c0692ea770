/// Edit distances between keys, for "did you mean …?" suggestions.
public enum EditDistance {
    /// The optimal-string-alignment distance (insertions, deletions, substitutions and swaps
    /// of neighbours each cost 1) between `a` and `b`, compared case-insensitively.
    public static func between(_ a: String, _ b: String) -> Int {
        let s = Array(a.lowercased()), t = Array(b.lowercased())
        if s.isEmpty || t.isEmpty { return max(s.count, t.count) }
        // d[i][j] = distance between s[..<i] and t[..<j]
        var d = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
        for i in 0...s.count { d[i][0] = i }
        for j in 0...t.count { d[0][j] = j }
        for i in 1...s.count {
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[s.count][t.count]
    }

    /// The candidate nearest to `key`, when it is within 1 edit for keys of up to 3 characters
    /// and max(2, ⌊length/3⌋) edits for longer ones (ties: the first in sorted order); nil when
    /// nothing is that close or the key is over 100 characters.
    public static func nearest<S: Sequence>(to key: String, among candidates: S) -> String? where S.Element == String {
        guard key.count <= 100 else { return nil }
        let limit = key.count <= 3 ? 1 : max(2, key.count / 3)
        var best: (name: String, distance: Int)?
        for name in candidates.sorted() where abs(name.count - key.count) <= limit {
            let distance = between(key, name)
            if distance <= limit, distance < (best?.distance ?? .max) { best = (name, distance) }
        }
        return best?.name
    }
}
