// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "HyCNN",
    // Built and tested on Linux (Debian 12, Swift 6); on macOS the system libraries come from Homebrew (untested).
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "DataFiles", targets: ["DataFiles"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "GLPKBackend", targets: ["GLPKBackend"]),
        .library(name: "ConvexNetworks", targets: ["ConvexNetworks"]),
        .library(name: "SurrogateOptimization", targets: ["SurrogateOptimization"]),
        .library(name: "ConvexRegression", targets: ["ConvexRegression"]),
        .library(name: "InteriorPoint", targets: ["InteriorPoint"]),
        .library(name: "Transport", targets: ["Transport"]),
        .library(name: "Solvers", targets: ["Solvers"]),
        .library(name: "TransportMaps", targets: ["TransportMaps"]),
        .executable(name: "hycnn", targets: ["hycnn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries: `make deps` installs them on Debian; the providers say where they come from elsewhere.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK",
                       providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]),
        .systemLibrary(name: "CLinearAlgebra", path: "Sources/CLinearAlgebra", pkgConfig: "lapacke",
                       providers: [.apt(["liblapack-dev", "liblapacke-dev", "libopenblas-dev"]), .brew(["openblas", "lapack"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .systemLibrary(name: "CCholmod", path: "Sources/CCholmod",
                       providers: [.apt(["libsuitesparse-dev"]), .brew(["suite-sparse"])]),
        .target(name: "LinearAlgebra", dependencies: ["CLinearAlgebra", "CCholmod"]),
        .target(name: "DataFiles", dependencies: ["CZlib"]),
        .target(name: "LinearProgramming", dependencies: ["LinearAlgebra", "DataFiles"]),
        .target(name: "GLPKBackend", dependencies: ["LinearProgramming", "CGLPK"]),
        .target(name: "ConvexNetworks", dependencies: ["LinearAlgebra", "DataFiles"]),
        .target(name: "SurrogateOptimization", dependencies: ["ConvexNetworks", "LinearProgramming", "DataFiles"]),
        .target(name: "ConvexRegression", dependencies: ["ConvexNetworks", "LinearProgramming"]),
        .target(name: "InteriorPoint", dependencies: ["LinearProgramming", "LinearAlgebra"]),
        .target(name: "Transport", dependencies: ["LinearProgramming", "LinearAlgebra", "ConvexNetworks", "DataFiles"]),
        .target(name: "Solvers", dependencies: ["LinearProgramming", "GLPKBackend", "InteriorPoint"]),
        .target(name: "TransportMaps", dependencies: [
            "Transport", "ConvexNetworks", "SurrogateOptimization", "LinearProgramming", "LinearAlgebra", "DataFiles",
        ]),
        .executableTarget(name: "hycnn", dependencies: [
            "LinearProgramming", "Solvers", "ConvexNetworks", "SurrogateOptimization",
            "ConvexRegression", "Transport", "TransportMaps", "DataFiles", "LinearAlgebra", "GLPKBackend",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "hycnn-bench", dependencies: [
            "ConvexNetworks", "SurrogateOptimization", "ConvexRegression", "LinearProgramming", "LinearAlgebra",
            "GLPKBackend", "InteriorPoint", "Solvers", "Transport", "TransportMaps", "DataFiles", "TestSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Benchmarks/hycnn-bench"),
        .target(name: "TestSupport", dependencies: ["LinearProgramming", "ConvexNetworks"], path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "DataFilesTests", dependencies: ["DataFiles"]),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming", "TestSupport"]),
        .testTarget(name: "GLPKBackendTests", dependencies: ["GLPKBackend", "LinearProgramming", "TestSupport"]),
        .testTarget(name: "ConvexNetworksTests", dependencies: ["ConvexNetworks", "DataFiles", "TestSupport"]),
        .testTarget(name: "SurrogateOptimizationTests", dependencies: [
            "SurrogateOptimization", "ConvexNetworks", "LinearProgramming", "GLPKBackend", "InteriorPoint", "DataFiles", "TestSupport",
        ]),
        .testTarget(name: "ConvexRegressionTests", dependencies: ["ConvexRegression", "ConvexNetworks", "LinearProgramming", "GLPKBackend", "DataFiles"]),
        .testTarget(name: "InteriorPointTests", dependencies: ["InteriorPoint", "GLPKBackend", "LinearProgramming", "LinearAlgebra", "TestSupport"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "GLPKBackend", "InteriorPoint", "LinearProgramming", "ConvexNetworks", "DataFiles"]),
        .testTarget(name: "SolversTests", dependencies: ["Solvers", "GLPKBackend", "InteriorPoint", "LinearProgramming", "TestSupport"]),
        .testTarget(name: "TransportMapsTests", dependencies: [
            "TransportMaps", "Transport", "ConvexNetworks", "LinearProgramming", "LinearAlgebra", "GLPKBackend", "DataFiles",
        ]),
        .testTarget(name: "ReadmeTests", dependencies: [
            "LinearProgramming", "GLPKBackend", "ConvexNetworks", "DataFiles", "SurrogateOptimization", "Transport", "TransportMaps",
        ]),
        .testTarget(name: "hycnnTests", dependencies: [
            "hycnn", "hycnn-bench", "LinearProgramming", "ConvexNetworks", "TransportMaps", "DataFiles", "TestSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ]
)
