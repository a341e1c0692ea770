import ArgumentParser
import ConvexNetworks
import TransportMaps

/// `--potential f|g` of `certify` and `predict`: which potential of a transport map file to use.
/// A map file needs it; a model file refuses it.
enum PotentialChoice: String, ExpressibleByArgument, CaseIterable {
    case f, g

    /// The model in `path`: the model file itself, or with `potential` the named potential of a
    /// map file. Errors say which of the two kinds of file was given and what to do.
    static func model(at path: String, potential: PotentialChoice?) throws -> RegressionModel {
        guard let potential else {
            do {
                return try RegressionModel(contentsOfFile: path)
            } catch {
                guard isMapFile(path) else { throw error }
                throw ValidationError("\(path) is a transport map file holding two potentials: choose one with --potential f "
                                      + "(the forward potential, the map is ∇f) or --potential g (the inverse map is ∇g)")
            }
        }
        do {
            let map = try TransportMap(contentsOfFile: path)
            return potential == .f ? map.forward : map.backward
        } catch TransportMapsError.notAMapFile(_, let format) where format == "hycnn-model" {
            throw ValidationError("--potential applies only to a transport map file; \(path) is a model file (omit --potential)")
        }
    }

    /// True when `path` holds a transport map file (valid or not: its format says so).
    private static func isMapFile(_ path: String) -> Bool {
        do {
            _ = try TransportMap(contentsOfFile: path)
            return true
        } catch TransportMapsError.notAMapFile {
            return false
        } catch TransportMapsError.file {
            return false
        } catch {
            return true
        }
    }
}
