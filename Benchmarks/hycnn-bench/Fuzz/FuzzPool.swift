import Foundation

/// Runs `work` on each index with `jobs` threads, each in its own folder holding a copy of the
/// seed files; `finished` receives the results one at a time (under a lock), in completion order.
enum FuzzPool {
    static func run(_ indices: [Int], jobs: Int, workFolder: String, seeds: FuzzSeeds,
                    _ work: @escaping (Int, String) -> FuzzLog.Record,
                    finished: @escaping (FuzzLog.Record) throws -> Void) throws {
        let state = State(indices: indices, work: work, finished: finished)
        var folders: [String] = []
        for w in 0..<jobs {
            let folder = "\(workFolder)/\(w)"
            try? FileManager.default.removeItem(atPath: folder)
            try seeds.write(to: folder)
            folders.append(folder)
        }
        let group = DispatchGroup()
        for folder in folders {
            group.enter()
            let thread = Thread { state.loop(folder: folder); group.leave() }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        if let error = state.error { throw error }
    }

    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var pending: ArraySlice<Int>
        let work: (Int, String) -> FuzzLog.Record
        let finished: (FuzzLog.Record) throws -> Void
        var error: Error?

        init(indices: [Int], work: @escaping (Int, String) -> FuzzLog.Record, finished: @escaping (FuzzLog.Record) throws -> Void) {
            pending = indices[...]
            self.work = work
            self.finished = finished
        }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            return error == nil ? pending.popFirst() : nil
        }

        func loop(folder: String) {
            while let index = next() {
                let record = work(index, folder)
                lock.lock()
                do { try finished(record) } catch { self.error = self.error ?? error }
                lock.unlock()
            }
        }
    }
}
