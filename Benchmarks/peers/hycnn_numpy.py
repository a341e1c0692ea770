"""Peer for `hycnn-bench throughput`: the same HyCNN (max gate, two lanes, input skips) trained
with hand-written backpropagation in NumPy (OpenBLAS underneath), one epoch of minibatch Adam
on n = 5000, d = 50, batch 1000. Prints one line per dtype: "dtype milliseconds-per-epoch".

Usage: python3 hycnn_numpy.py WIDTH DEPTH [EPOCHS]
"""
import sys
import time

import numpy as np


def epoch_seconds(width, depth, dtype, epochs, n=5000, d=50, batch=1000):
    rng = np.random.default_rng(0)
    x_all = rng.uniform(-1, 1, (n, d)).astype(dtype)
    y_all = (x_all ** 2).sum(1) + rng.normal(size=n).astype(dtype)
    m = width
    # Parameters: per hidden layer V (2m × fan-in, none for the first), W (2m × d), b (2m); output v, w, c.
    layers = []
    for l in range(depth):
        V = np.abs(rng.normal(0, 0.1, (2 * m, m))).astype(dtype) if l > 0 else None
        layers.append([V, rng.normal(0, d ** -0.5, (2 * m, d)).astype(dtype), np.zeros(2 * m, dtype)])
    out = [np.abs(rng.normal(0, 0.1, m)).astype(dtype), rng.normal(0, 0.1, d).astype(dtype), np.zeros(1, dtype)]
    params = [p for layer in layers for p in layer if p is not None] + out
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    times = []
    step = 0
    for _ in range(epochs):
        start = time.perf_counter()
        order = rng.permutation(n)
        for s in range(0, n, batch):
            idx = order[s:s + batch]
            x, y = x_all[idx], y_all[idx]
            zs, pres = [], []
            z = None
            for V, W, b in layers:                      # forward
                pre = x @ W.T + b
                if V is not None:
                    pre += z @ V.T
                pres.append(pre)
                z = np.maximum(pre[:, :m], pre[:, m:])
                zs.append(z)
            f = z @ out[0] + x @ out[1] + out[2]
            df = 2 * (f - y) / len(idx)
            grads_out = [zs[-1].T @ df, x.T @ df, df.sum(keepdims=True)]
            dz = np.outer(df, out[0])
            grads = []
            for l in range(depth - 1, -1, -1):          # backward
                V, W, b = layers[l]
                pre = pres[l]
                first = pre[:, :m] >= pre[:, m:]
                dpre = np.concatenate([dz * first, dz * ~first], axis=1)
                g = [dpre.T @ x, dpre.sum(0)]
                if V is not None:
                    g.insert(0, dpre.T @ zs[l - 1])
                    dz = dpre @ V
                grads = g + grads
            step += 1
            for p, g, (mo, ve) in zip(params, grads + grads_out, moments):   # Adam
                mo *= 0.9; mo += 0.1 * g
                ve *= 0.999; ve += 0.001 * g * g
                p -= 1e-3 * (mo / (1 - 0.9 ** step)) / (np.sqrt(ve / (1 - 0.999 ** step)) + 1e-8)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


if __name__ == "__main__":
    width, depth = int(sys.argv[1]), int(sys.argv[2])
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    for dtype in (np.float32, np.float64):
        print(np.dtype(dtype).name, f"{1000 * epoch_seconds(width, depth, dtype, epochs):.1f}")
