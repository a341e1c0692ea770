/// `items` grouped by `key`: groups in the order of their first item, items in their order.
func groupsInOrder<Item>(_ items: [Item], by key: (Item) -> String) -> [[Item]] {
    var groups: [[Item]] = [], index: [String: Int] = [:]
    for item in items {
        let k = key(item)
        if let g = index[k] { groups[g].append(item) } else { index[k] = groups.count; groups.append([item]) }
    }
    return groups
}
