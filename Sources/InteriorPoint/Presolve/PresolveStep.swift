/// One reduction made by ``Presolve``, recorded so that ``PresolvedProgram/postsolve(x:rowDuals:)``
/// can undo it. Indices are those of the original program. Steps are undone last-first.
enum PresolveStep: Sendable, Equatable {
    /// Column `column` was removed at `value` (fixed by its bounds, or an empty column set to
    /// the bound its cost prefers). Postsolve: xⱼ = value; its reduced cost comes out of
    /// dⱼ = cⱼ − aⱼᵀy at the end.
    case removeColumn(column: Int, value: Double)
    /// Singleton row `row`, lᵢ ≤ a·xⱼ ≤ uᵢ, was turned into bounds on xⱼ and removed.
    /// `lowerFromRow` / `upperFromRow` say which of xⱼ's bounds the row supplied.
    /// Postsolve: with dⱼ = cⱼ − aⱼᵀy over the duals restored so far, if xⱼ's active side
    /// (dⱼ > 0: lower, dⱼ < 0: upper, in minimisation form) came from the row, the row takes
    /// the reduced cost: yᵢ = dⱼ / a, so dⱼ − a·yᵢ = 0.
    case singletonRow(row: Int, column: Int, coefficient: Double, lowerFromRow: Bool, upperFromRow: Bool)
    /// Row `removed` equals `ratio` × row `kept` on the remaining columns: its bounds were
    /// divided by `ratio` and intersected with `kept`'s, and it was removed.
    /// Postsolve: if `kept`'s active side (yₖ > 0: lower, yₖ < 0: upper, minimisation form)
    /// came from `removed`, then y_removed = y_kept / ratio and y_kept = 0 (Aᵀy unchanged).
    case duplicateRow(kept: Int, removed: Int, ratio: Double, lowerFromRemoved: Bool, upperFromRemoved: Bool)
}
