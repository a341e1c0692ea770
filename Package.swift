// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "HyCNN",
    products: [
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "DataFiles", targets: ["DataFiles"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "GLPKBackend", targets: ["GLPKBackend"]),
        .library(name: "ConvexNetworks", targets: ["ConvexNetworks"]),
        .library(name: "SurrogateOptimization", targets: ["SurrogateOptimization"]),
        .library(name: "InteriorPoint", targets: ["InteriorPoint"]),
        .library(name: "Transport", targets: ["Transport"]),
        .executable(name: "hycnn", targets: ["hycnn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .systemLibrary(name: "CLinearAlgebra", path: "Sources/CLinearAlgebra"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CCholmod", path: "Sources/CCholmod"),
        .target(name: "LinearAlgebra", dependencies: ["CLinearAlgebra", "CCholmod"]),
        .target(name: "DataFiles", dependencies: ["CZlib"]),
        .target(name: "LinearProgramming", dependencies: ["LinearAlgebra", "DataFiles"]),
        .target(name: "GLPKBackend", dependencies: ["LinearProgramming", "CGLPK"]),
        .target(name: "ConvexNetworks", dependencies: ["LinearAlgebra", "DataFiles"]),
        .target(name: "SurrogateOptimization", dependencies: ["ConvexNetworks", "LinearProgramming", "DataFiles"]),
        .target(name: "InteriorPoint", dependencies: ["LinearProgramming", "LinearAlgebra"]),
        .target(name: "Transport", dependencies: ["LinearProgramming", "LinearAlgebra", "ConvexNetworks"]),
        .executableTarget(name: "hycnn", dependencies: [
            "LinearProgramming", "GLPKBackend", "InteriorPoint", "ConvexNetworks", "SurrogateOptimization",
            "Transport", "DataFiles",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "hycnn-bench", dependencies: [
            "ConvexNetworks", "SurrogateOptimization", "LinearProgramming", "GLPKBackend", "InteriorPoint",
            "Transport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Benchmarks/hycnn-bench"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "DataFilesTests", dependencies: ["DataFiles"]),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "GLPKBackendTests", dependencies: ["GLPKBackend", "LinearProgramming"]),
        .testTarget(name: "ConvexNetworksTests", dependencies: ["ConvexNetworks", "DataFiles"]),
        .testTarget(name: "SurrogateOptimizationTests", dependencies: ["SurrogateOptimization", "GLPKBackend", "DataFiles"]),
        .testTarget(name: "InteriorPointTests", dependencies: ["InteriorPoint", "GLPKBackend", "LinearProgramming", "LinearAlgebra"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "GLPKBackend", "InteriorPoint", "LinearProgramming", "ConvexNetworks"]),
        .testTarget(name: "hycnnTests", dependencies: ["hycnn", "hycnn-bench"]),
    ]
)
