import Foundation
import Testing

/// The layering ARCHITECTURE.md describes, checked against the files: every module a target
/// imports is declared in Package.swift and every declared dependency is imported; each C shim
/// is imported by its one owner; no library names a command-line flag; ARCHITECTURE.md names
/// every target; nothing in the project points to notes outside it.
@Suite("Package layout")
struct PackageLayoutTests {
    /// One target of Package.swift: its declared dependencies and its folder.
    struct Target {
        var name: String
        var kind: String
        var dependencies: Set<String>
        var path: String
    }

    static let root = ToolRunner.packageRoot

    /// Modules of the platform, never declared in Package.swift.
    static let platformModules: Set<String> = ["Foundation", "FoundationEssentials", "FoundationXML", "Dispatch", "Glibc", "Darwin", "Musl", "Testing"]

    /// Each C shim and the one target allowed to import it.
    static let shimOwners = ["CLinearAlgebra": "LinearAlgebra", "CCholmod": "LinearAlgebra", "CGLPK": "GLPKBackend", "CZlib": "DataFiles"]

    /// The targets of Package.swift (name, kind, quoted and product dependencies, path).
    static func targets() throws -> [Target] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let pattern = try NSRegularExpression(
            pattern: #"\.(target|executableTarget|testTarget)\(name: "([^"]+)", dependencies: \[(.*?)\](?:, path: "([^"]+)")?\)"#,
            options: [.dotMatchesLineSeparators])
        let text = manifest as NSString
        return pattern.matches(in: manifest, range: NSRange(location: 0, length: text.length)).map { match in
            func group(_ i: Int) -> String? {
                match.range(at: i).location == NSNotFound ? nil : text.substring(with: match.range(at: i))
            }
            let kind = group(1)!, name = group(2)!, list = group(3)!
            let names = list.split(separator: ",").compactMap { part -> String? in
                let item = part.trimmingCharacters(in: .whitespacesAndNewlines)
                if item.hasPrefix("\"") { return item.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                if item.hasPrefix(".product(name: \"") { return item.split(separator: "\"")[1].description }
                return nil
            }
            let path = group(4) ?? (kind == "testTarget" ? "Tests/" : "Sources/") + name
            return Target(name: name, kind: kind, dependencies: Set(names), path: path)
        }
    }

    /// The Swift files under `folder` (relative to the package root), recursively.
    static func swiftFiles(under folder: String) -> [URL] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    /// The modules `file` imports (`import M`, `@testable import M`).
    static func imports(of file: URL) throws -> Set<String> {
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        return Set(lines.compactMap { line -> String? in
            let words = line.split(separator: " ").map(String.init)
            if words.first == "import", words.count >= 2 { return words[1] }
            if words.first == "@testable", words.count >= 3, words[1] == "import" { return words[2] }
            return nil
        })
    }

    @Test func theManifestIsRead() throws {
        let names = try Self.targets().map(\.name)
        #expect(names.contains("LinearAlgebra") && names.contains("hycnn") && names.contains("hycnn-bench") && names.contains("hycnnTests"))
        #expect(names.count >= 20, "only \(names.count) targets parsed from Package.swift")
    }

    @Test func everyImportIsDeclaredAndEveryDependencyImported() throws {
        let targets = try Self.targets()
        let executables = Set(targets.filter { $0.kind == "executableTarget" }.map(\.name))
        for target in targets {
            let files = Self.swiftFiles(under: target.path)
            #expect(!files.isEmpty, "\(target.name): no Swift files under \(target.path)")
            var imported = Set<String>()
            for file in files { imported.formUnion(try Self.imports(of: file)) }
            imported.subtract(Self.platformModules)
            // A test target may depend on an executable only to have it built (the tests run it).
            let declared = target.dependencies.subtracting(executables)
            #expect(imported.subtracting(target.dependencies).isEmpty,
                    "\(target.name) imports \(imported.subtracting(target.dependencies).sorted()) without declaring it")
            #expect(declared.subtracting(imported).isEmpty,
                    "\(target.name) declares \(declared.subtracting(imported).sorted()) but never imports it")
        }
    }

    @Test func eachCShimIsImportedByItsOwnerOnly() throws {
        for folder in ["Sources", "Tests", "Benchmarks"] {
            for file in Self.swiftFiles(under: folder) {
                for shim in try Self.imports(of: file) {
                    guard let owner = Self.shimOwners[shim] else { continue }
                    #expect(file.path.contains("/Sources/\(owner)/"), "\(file.lastPathComponent) imports \(shim), which only \(owner) may")
                }
            }
        }
    }

    @Test func librariesNameNoCommandLineFlag() throws {
        // "--gate", "--solver mip", or a quoted one-letter option such as "-o".
        let flag = try NSRegularExpression(pattern: #"(^|[\s`"'(])--[a-z][a-z-]*[a-z]\b|"-[a-zA-Z]""#)
        for file in Self.swiftFiles(under: "Sources") where !file.path.contains("/Sources/hycnn/") {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                let found = flag.firstMatch(in: line, range: NSRange(location: 0, length: (line as NSString).length))
                #expect(found == nil, "\(file.lastPathComponent):\(number + 1) names a flag: \(line)")
            }
        }
    }

    @Test func architectureTableIsTheManifest() throws {
        let architecture = try String(contentsOf: Self.root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        // Rows "| `Name` | A, B, C | what it is |" of the table.
        var rows: [String: Set<String>] = [:]
        for line in architecture.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, !cells[0].contains(",") else { continue }
            let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            rows[name] = Set(cells[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        for target in try Self.targets() where target.kind != "testTarget" {
            #expect(rows[target.name] == target.dependencies,
                    "ARCHITECTURE.md's row for \(target.name) says \(rows[target.name]?.sorted() ?? []), Package.swift \(target.dependencies.sorted())")
        }
    }

    @Test func theProjectPointsToNothingOutsideIt() throws {
        let outside = ["../" + "shared", "HYCNN" + ".md", "DESIGN" + ".md", "PLATFORM" + ".md"]
        var files = ["README.md", "ARCHITECTURE.md", "CONTRIBUTING.md", "CHANGELOG.md", "Benchmarks/README.md", "Makefile"]
            .map { Self.root.appendingPathComponent($0) }
        for folder in ["Sources", "Tests", "Benchmarks", "Problems"] { files += Self.swiftFiles(under: folder) }
        // Every page of docs/ (Markdown and the JSON schemas) and every Problems README.
        for folder in ["docs", "Problems"] {
            let base = Self.root.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if ["md", "json"].contains(url.pathExtension) && !url.lastPathComponent.hasSuffix(".model.json") { files.append(url) }
            }
        }
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for name in outside {
                #expect(!text.contains(name), "\(file.lastPathComponent) points to \(name)")
            }
        }
    }
}
