import Foundation
import Testing
@testable import hycnn

/// The `--json` writer: what it prints parses back to the tree it was given, keys in order.
@Suite struct JSONTextTests {
    @Test func theTextParsesBackToTheTree() throws {
        let tree: [String: Any] = [
            "name": "a \"quoted\" \\ name/with slash\n\ttab \u{01}",
            "rows": 3, "ok": true, "no": false, "none": NSNull(),
            "values": [1.5, -2.0, 3e-15, 1e300, Double.nan, -Double.infinity] as [Any],
            "nested": ["b": 2, "a": ["x": 0.1], "empty": [String: Any](), "list": [Any]()] as [String: Any],
            "unicode": "θ ≤ 1",
            "seed": NSNumber(value: UInt64(0)), "big": NSNumber(value: UInt64.max), "flag": NSNumber(value: true),
            "small": Int32(-4), "half": NSNumber(value: 0.5),
        ]
        let text = try #require(JSONText.render(tree))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["name"] as? String == tree["name"] as? String)
        #expect(parsed["rows"] as? Int == 3 && parsed["ok"] as? Bool == true && parsed["no"] as? Bool == false)
        #expect(parsed["none"] is NSNull && parsed["unicode"] as? String == "θ ≤ 1")
        #expect(text.contains("\"seed\" : 0,") && text.contains("\"big\" : 18446744073709551615,"))   // NSNumber integers, not booleans
        #expect(text.contains("\"flag\" : true,") && text.contains("\"small\" : -4,") && text.contains("\"half\" : 0.5,"))
        let values = try #require(parsed["values"] as? [Any])
        #expect(values.count == 6 && values[4] is NSNull && values[5] is NSNull)       // non-finite → null
        #expect((values[0] as? Double) == 1.5 && (values[2] as? Double) == 3e-15 && (values[3] as? Double) == 1e300)
        let nested = try #require(parsed["nested"] as? [String: Any])
        #expect(((nested["a"] as? [String: Any])?["x"] as? Double) == 0.1)
        #expect(text.contains("\"rows\" : 3") && text.contains("-2,") && !text.contains("-2.0"))   // integral doubles as integers
        #expect(text.contains("name/with slash"))                                                      // slashes not escaped
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.dropFirst(3).prefix { $0 != "\"" } }
        #expect(keys == keys.sorted())
    }

    @Test func anUnknownTypeIsLeftToTheCaller() {
        #expect(JSONText.render(["date": Date()]) == nil)
    }
}
