import DataFiles
import Foundation
import Testing

@Suite struct KeySchemaTests {
    /// A small format with every kind of schema: nested objects, lists of objects, free-form maps.
    static let schema: KeySchema = {
        let affine = KeySchema.object(["linear": .map(.value), "constant": .value])
        return .object([
            "items": .list(.object(["name": .value, "inputs": .list(affine)])),
            "objective": .object(["sense": .value, "surrogates": .list(.object(["name": .value, "weight": .value]))]),
            "rows": .list(.object(["linear": .map(.value), "equals": .value, "lower": .value, "upper": .value],
                                  exclusive: [.init(["equals"], ["lower", "upper"])])),
        ])
    }()

    static func check(_ json: String) throws {
        try schema.check(JSONSerialization.jsonObject(with: Data(json.utf8)), file: "f.json")
    }

    static func unknownKey(_ json: String) -> (key: String, path: String, suggestion: String?)? {
        do { try check(json) } catch let FileError.unknownKey(file, key, path, suggestion, _) {
            #expect(file == "f.json")
            return (key, path, suggestion)
        } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    @Test func validFilesPass() throws {
        try Self.check("""
            {"items": [{"name": "a", "inputs": ["x", {"linear": {"any name": 1, "x": 2}, "constant": 1}]}],
             "objective": {"sense": "min", "surrogates": ["a", {"name": "a", "weight": 2}]},
             "rows": [{"linear": {"x": 1}, "lower": 0, "upper": 1}, {"equals": 3}]}
            """)
        // Types are the decoder's business: a string where an object may stand passes.
        try Self.check(#"{"objective": "minimize", "items": 3}"#)
    }

    @Test func unknownKeysAreNamedWithTheirPathAndTheNearestValidKey() throws {
        let top = Self.unknownKey(#"{"objectve": {}}"#)
        #expect(top?.key == "objectve" && top?.path == "objectve" && top?.suggestion == "objective")
        let nested = Self.unknownKey(#"{"objective": {"surogates": ["c"]}}"#)
        #expect(nested?.path == "objective.surogates" && nested?.suggestion == "surrogates")
        let deep = Self.unknownKey(#"{"items": [{"name": "a"}, {"name": "b", "inputs": ["x", {"lineer": {"x": 1}}]}]}"#)
        #expect(deep?.path == "items[1].inputs[1].lineer" && deep?.suggestion == "linear")
        let inList = Self.unknownKey(#"{"objective": {"surrogates": [{"name": "a", "Weight": 2}]}}"#)
        #expect(inList?.path == "objective.surrogates[0].Weight" && inList?.suggestion == "weight")
        let far = Self.unknownKey(#"{"rows": [{"comment": "hello"}]}"#)
        #expect(far?.path == "rows[0].comment" && far?.suggestion == nil)
    }

    @Test func theMessageSaysWhereAndWhatToUse() {
        let message = FileError.unknownKey(file: "p.json", key: "surogates", keyPath: "objective.surogates",
                                           suggestion: "surrogates", allowed: ["sense", "surrogates"]).description
        #expect(message == "p.json: unknown key \"surogates\" at `objective.surogates`; did you mean `surrogates`?")
        let listed = FileError.unknownKey(file: "p.json", key: "zzz", keyPath: "zzz", suggestion: nil, allowed: ["a", "b"]).description
        #expect(listed.contains("valid keys there: `a`, `b`"))
    }

    @Test func keysThatExcludeEachOtherAreRefused() {
        #expect(throws: FileError.conflictingKeys(file: "f.json", objectPath: "rows[1]", keys: ["equals", "upper"])) {
            try Self.check(#"{"rows": [{"lower": 1}, {"equals": 3, "upper": 4}]}"#)
        }
    }

    @Test func editDistanceCountsSwapsAndIgnoresCase() {
        #expect(EditDistance.between("surogates", "surrogates") == 1)
        #expect(EditDistance.between("uppre", "upper") == 1)
        #expect(EditDistance.between("Lower", "lower") == 0)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.nearest(to: "lowr", among: ["lower", "upper", "equals"]) == "lower")
        #expect(EditDistance.nearest(to: "xyz", among: ["lower", "upper"]) == nil)
        #expect(EditDistance.nearest(to: String(repeating: "a", count: 10_000), among: ["a"]) == nil)   // long keys: no quadratic work
    }
}

@Suite struct DuplicateKeyTests {
    static func check(_ json: String) throws {
        let data = Data(json.utf8)
        try KeySchemaTests.schema.check(JSONSerialization.jsonObject(with: data), source: data, file: "f.json")
    }

    @Test func aKeyWrittenTwiceIsAnErrorWithItsPath() throws {
        #expect(throws: FileError.duplicateKey(file: "f.json", keyPath: "objective")) { try Self.check(#"{"objective": {}, "objective": {"sense": "max"}}"#) }
        #expect(throws: FileError.duplicateKey(file: "f.json", keyPath: "rows[1].lower")) {
            try Self.check(#"{"rows": [{"lower": 1}, {"lower": 1, "upper": 2, "lower": 0}]}"#)
        }
        #expect(throws: FileError.duplicateKey(file: "f.json", keyPath: "items[0].inputs[0].linear.x")) {
            try Self.check(#"{"items": [{"inputs": [{"linear": {"x": 1, "y": 2, "\u0078": 3}}]}]}"#)
        }
        // The same key in different objects, and keys that only look alike in strings, are fine.
        try Self.check(#"{"rows": [{"lower": 1}, {"lower": 2}], "items": [{"name": "lower\",\"lower"}]}"#)
    }
}
