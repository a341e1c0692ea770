/// "1 row", "2 rows", "1 entry", "3 entries": a count with its noun in the right number.
func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? singular : plural ?? (singular.hasSuffix("y") && !singular.hasSuffix("ey") ? singular.dropLast() + "ies" : singular + "s"))
}
