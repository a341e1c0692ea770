@testable import DataFiles
import Foundation
import Testing

@Suite struct OutputFileTests {
    @Test func writesByRenamingAndKeepsPermissions() throws {
        let folder = try InputFileTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        let output = try OutputFile(path: path, role: "-o")
        #expect(!FileManager.default.fileExists(atPath: path))   // the check creates nothing
        try output.write("first\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")
        #expect(chmod(path, 0o640) == 0)
        try output.write("second\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])   // no temporary file left
        let long = folder.appendingPathComponent(String(repeating: "n", count: 250)).path   // the longest names still work
        try OutputFile(path: long).write("x")
        #expect(FileManager.default.contents(atPath: long) == Data("x".utf8))
    }

    @Test func anInputIsNeverAnOutput() throws {
        let folder = try InputFileTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("data.csv").path
        try "x\n1\n".write(toFile: input, atomically: true, encoding: .utf8)
        #expect(throws: FileError.outputIsInput(path: input, role: "-o", input: input)) { try OutputFile(path: input, role: "-o", inputs: [input]) }
        // Another spelling of the same path, a symbolic link and a hard link are the same file.
        let spelled = folder.path + "/./data.csv"
        #expect(throws: FileError.outputIsInput(path: spelled, role: "-o", input: input)) { try OutputFile(path: spelled, role: "-o", inputs: [input]) }
        let link = folder.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "data.csv")
        #expect(throws: FileError.outputIsInput(path: link, role: "-o", input: input)) { try OutputFile(path: link, role: "-o", inputs: [input]) }
        let hard = folder.appendingPathComponent("hard.csv").path
        try FileManager.default.linkItem(atPath: input, toPath: hard)
        #expect(throws: FileError.outputIsInput(path: hard, role: "-o", input: input)) { try OutputFile(path: hard, role: "-o", inputs: [input]) }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "x\n1\n")
        // Two outputs of one command may not be the same file.
        let first = try OutputFile(path: folder.appendingPathComponent("plan.csv").path, role: "-o")
        #expect(throws: FileError.self) { try OutputFile(path: first.path, role: "--svg", otherOutputs: [first]) }
    }

    @Test func symbolicLinksAreWrittenThroughAndKept() throws {
        let folder = try InputFileTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("model.json").path
        try "old".write(toFile: target, atomically: true, encoding: .utf8)
        let link = folder.appendingPathComponent("latest.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try OutputFile(path: link).write("new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
        let dangling = folder.appendingPathComponent("dangling.json").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: folder.appendingPathComponent("nothing").path)
        #expect(throws: FileError.self) { try OutputFile(path: dangling) }
    }

    @Test func devicesFoldersFIFOsAndMissingFoldersAreRefused() throws {
        let folder = try InputFileTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: FileError.outputNotRegularFile(path: "/dev/null", role: "-o", kind: "a character device")) { try OutputFile(path: "/dev/null", role: "-o") }
        #expect(throws: FileError.outputNotRegularFile(path: folder.path, role: "-o", kind: "a directory")) { try OutputFile(path: folder.path, role: "-o") }
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: FileError.outputNotRegularFile(path: fifo, role: "-o", kind: "a FIFO (named pipe)")) { try OutputFile(path: fifo, role: "-o") }
        let missing = folder.appendingPathComponent("no/such/out.csv").path
        #expect(throws: FileError.self) { try OutputFile(path: missing) }
        #expect(throws: FileError.self) { try OutputFile(path: "") }
    }
}
