import ArgumentParser
import Foundation

/// `hycnn-bench fuzz`: a seeded mutation fuzzer of the built `hycnn` over MPS, CSV, problem
/// JSON and model JSON inputs. Each input runs in a child process with a wall-clock limit and is
/// counted as a signal death, a hang, an exit code outside the README's contract, a claim
/// (optimal / verified / convex / infeasible) that an independent re-check rejects, or ok.
struct Fuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mutation-fuzz the hycnn tool and re-check its claims.",
        discussion: """
            Makes valid seed inputs (LPs and MIPs as MPS, CSV samples and point clouds, models of \
            every family, problem files), mutates them (byte flips, deleted / duplicated lines, \
            extreme numbers, truncation, misspelt and unknown JSON keys, wrong types, huge sizes) \
            and runs `hycnn` on each: solve (every --solver), fit / check-data / predict / transport, \
            minimize, certify / predict. Input i of a kind depends only on --seed, the kind and i. \
            Findings are saved under --output-dir/findings (input, command.sh, output, verdict); \
            runs.csv gets one line per input as it finishes (--resume skips the inputs it lists); \
            the summary table is printed and written to summary.csv. Exit 0 when nothing was \
            found, 1 otherwise.
            """)

    @Option(help: "Inputs per kind.") var count: Int = 200
    @Option(help: "Seed of the mutations.") var seed: UInt64 = 1
    @Option(help: "Wall-clock limit per run, in seconds (the child is killed after it).") var timeout: Double = 10
    @Option(help: "Kinds to fuzz: mps, csv, problem, model (comma-separated).") var kinds: String = "mps,csv,problem,model"
    @Option(help: "Folder for seeds, findings, runs.csv and summary.csv.") var outputDir: String = "fuzz-results"
    @Option(help: "The hycnn executable (default: the one beside this executable).") var hycnn: String?
    @Option(help: "Runs in parallel.") var jobs: Int = 2
    @Option(help: "Address-space limit of each child, in MB.") var memoryLimit: Int = 4096
    @Flag(help: "Keep runs.csv and skip the inputs it already lists.") var resume = false

    func run() throws {
        let kinds = try ListOption.parse(self.kinds, option: "--kinds", expected: FuzzKind.allCases.map(\.rawValue).joined(separator: ", "),
                                         example: "mps,csv") { FuzzKind(rawValue: $0) }
        guard count > 0 else { throw BenchError.badOption(name: "--count", value: "\(count)", reason: "must be positive") }
        guard jobs > 0 else { throw BenchError.badOption(name: "--jobs", value: "\(jobs)", reason: "must be positive") }
        guard timeout > 0, timeout.isFinite else { throw BenchError.badOption(name: "--timeout", value: "\(timeout)", reason: "must be a positive number of seconds") }
        let here = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent()
        let tool = hycnn ?? here.appendingPathComponent("hycnn").path
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            throw BenchError.badOption(name: "--hycnn", value: tool, reason: "not an executable; build it (swift build -c release --product hycnn) or name it")
        }
        let output = URL(fileURLWithPath: outputDir).standardizedFileURL.path
        let seeds = try FuzzSeeds()
        let seedFolder = output + "/seeds"
        try seeds.write(to: seedFolder)
        let log = FuzzLog(path: output + "/runs.csv")
        let done = resume ? try log.resume() : try log.start()
        let runner = FuzzRunner(hycnn: URL(fileURLWithPath: tool).standardizedFileURL.path,
                                bench: (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).path,
                                timeout: timeout, memoryLimitMB: memoryLimit, findings: output + "/findings", seedFolder: seedFolder)
        var tally = FuzzTally(kinds: kinds)
        for record in done.values where kinds.contains(record.kind) && record.index < count { tally.add(record) }
        printError("fuzzing \(tool) with seed \(seed): \(count) inputs per kind (\(kinds.map(\.rawValue).joined(separator: ", "))), "
                   + "\(jobs) at a time, \(timeout) s limit; results in \(output)")
        for kind in kinds {
            let pending = (0..<count).filter { done[FuzzLog.Key(kind: kind, index: $0)] == nil }
            try FuzzPool.run(pending, jobs: jobs, workFolder: output + "/work", seeds: seeds) { index, folder in
                let fuzzCase = FuzzCase.make(kind: kind, index: index, seed: seed, seeds: seeds)
                let (verdict, run) = runner.run(fuzzCase, in: folder)
                return FuzzLog.Record(kind: kind, index: index, category: verdict.category, ending: "\(run.ending)",
                                      seconds: run.seconds, command: fuzzCase.arguments.joined(separator: " "),
                                      reason: verdict.reason, mutations: fuzzCase.mutations.joined(separator: "; "),
                                      message: String(String(decoding: run.stderr.prefix(400), as: UTF8.self)
                                          .split(separator: "\n").first ?? "").prefix(200)
                                          .filter { !($0.asciiValue.map { $0 < 32 } ?? false) })
            } finished: { record in
                try log.append(record)
                tally.add(record)
                let n = tally.inputs(kind)
                if n % 25 == 0 || n == count || record.category != .ok {
                    printError("\(kind.rawValue) \(n)/\(count): " + tally.progress(kind)
                               + (record.category == .ok ? "" : "   [\(record.index)] \(record.category.rawValue): \(record.reason.prefix(160))"))
                }
            }
        }
        try? FileManager.default.removeItem(atPath: output + "/work")
        let table = tally.table()
        print(table.markdown)
        try Data(table.csv.utf8).write(to: URL(fileURLWithPath: output + "/summary.csv"))
        print("runs: \(output)/runs.csv; findings: \(output)/findings; summary: \(output)/summary.csv")
        if tally.findings > 0 { throw ExitCode(1) }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
