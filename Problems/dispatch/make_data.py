#!/usr/bin/env python3
"""Make the data of the economic-dispatch demo (Python 3 standard library only).

Six generators of the IEEE 30-bus test system (MATPOWER case30) with quadratic fuel costs
C_i(P) = a_i P^2 + b_i P  ($/h, P in MW), 0 <= P_i <= Pmax_i, total demand 189.2 MW.

Writes, next to this script:
  g1.csv ... g6.csv   header "P,cost", 100 noisy samples of each generator's cost curve
  dispatch.json       the problem file, with the true optimum of the quadratic problem as
                      its reference (equal-incremental-cost method, checked by KKT)

Noise model: for generator i, the P values are N = 100 independent draws uniform on
[0, Pmax_i], sorted ascending; each cost is a_i P^2 + b_i P + e with e ~ Normal(0, s_i^2),
s_i = 1 % of the true cost at Pmax_i, all draws independent. One random.Random(SEED) stream
is used for all six generators in order g1..g6 (per generator: 100 uniforms, then 100 normals).
Only Random.random() is used (normals by Box-Muller below), because that is the one method
whose sequence for a given integer seed Python guarantees not to change between versions.

Run:  python3 Problems/dispatch/make_data.py
"""

import json
import math
import os
import random
from fractions import Fraction

SEED = 20240601
SAMPLES = 100
NOISE_FRACTION = 0.01          # noise standard deviation / cost at Pmax
DEMAND = 189.2                 # MW, the total load of the IEEE 30-bus case

# (a [$/MW^2h], b [$/MWh], Pmax [MW]) for generators g1..g6 (Pmin = 0 for all).
GENERATORS = [
    (0.02, 2.0, 80.0),
    (0.0175, 1.75, 80.0),
    (0.0625, 1.0, 50.0),
    (0.00834, 3.25, 55.0),
    (0.025, 3.0, 30.0),
    (0.025, 3.0, 40.0),
]

HERE = os.path.dirname(os.path.abspath(__file__))


def cost(g, p):
    a, b, _ = g
    return a * p * p + b * p


def gaussian(rng):
    """One standard normal draw by the Box-Muller transform (uses two rng.random())."""
    u1 = 1.0 - rng.random()    # in (0, 1], so log(u1) is finite
    u2 = rng.random()
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def write_samples(rng):
    for i, g in enumerate(GENERATORS, start=1):
        pmax = g[2]
        sigma = NOISE_FRACTION * cost(g, pmax)
        ps = sorted(pmax * rng.random() for _ in range(SAMPLES))
        noise = [sigma * gaussian(rng) for _ in range(SAMPLES)]
        path = os.path.join(HERE, "g%d.csv" % i)
        with open(path, "w", newline="\n") as f:
            f.write("P,cost\n")
            for p, e in zip(ps, noise):
                f.write("%.6f,%.6f\n" % (p, cost(g, p) + e))
        print("wrote %s  (%d samples, P in [0, %g], noise sd %.6g $/h)"
              % (os.path.relpath(path), SAMPLES, pmax, sigma))


# ---- true optimum: equal incremental cost (lambda) method ---------------------------------

def dispatch_at(lam):
    """P_i(lambda) = clamp((lambda - b_i) / (2 a_i), 0, Pmax_i)."""
    return [min(max((lam - b) / (2.0 * a), 0.0), pmax) for a, b, pmax in GENERATORS]


def solve_lambda():
    """Bisection on lambda: sum_i P_i(lambda) is continuous and non-decreasing."""
    lo = min(b for _, b, _ in GENERATORS)                        # every unit at 0
    hi = max(2.0 * a * pmax + b for a, b, pmax in GENERATORS)   # every unit at Pmax
    assert sum(dispatch_at(lo)) <= DEMAND <= sum(dispatch_at(hi)), "demand not servable"
    while True:
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:     # no double strictly between lo and hi: done
            break
        if sum(dispatch_at(mid)) < DEMAND:
            lo = mid
        else:
            hi = mid
    # Of the two adjacent doubles, keep the one with the smaller balance residual.
    return min((lo, hi), key=lambda l: abs(sum(dispatch_at(l)) - DEMAND))


def check_kkt(lam, p):
    """KKT of min sum C_i(P_i) s.t. sum P_i = D, 0 <= P_i <= Pmax_i.
    Stationarity: C_i'(P_i) - lambda - mu_lo_i + mu_hi_i = 0, mu >= 0, complementarity.
    Interior units: C_i'(P_i) = lambda. At Pmax: mu_hi = lambda - C_i'(Pmax) >= 0.
    At 0: mu_lo = C_i'(0) - lambda >= 0."""
    ok = True
    print("KKT check at lambda = %r $/MWh" % lam)
    for i, ((a, b, pmax), pi) in enumerate(zip(GENERATORS, p), start=1):
        marginal = 2.0 * a * pi + b
        if pi >= pmax:
            mu = lam - marginal
            good = mu >= 0.0
            print("  g%d  P = %-20r at upper limit  mu_hi = lambda - C'(Pmax) = %.6g  (>= 0: %s)"
                  % (i, pi, mu, good))
        elif pi <= 0.0:
            mu = marginal - lam
            good = mu >= 0.0
            print("  g%d  P = %-20r at lower limit  mu_lo = C'(0) - lambda = %.6g  (>= 0: %s)"
                  % (i, pi, mu, good))
        else:
            r = marginal - lam
            good = abs(r) <= 1e-12 * max(1.0, abs(lam))
            print("  g%d  P = %-20r interior       C'(P) - lambda = %.3g  (|.| <= 1e-12: %s)"
                  % (i, pi, r, good))
        ok = ok and good
    residual = sum(p) - DEMAND
    good = abs(residual) < 1e-9
    print("  balance residual sum(P) - D = %.3g MW  (|.| < 1e-9: %s)" % (residual, good))
    return ok and good


def exact_solution(p):
    """Exact rational optimum on the active set found by bisection.

    With U = units at Pmax, L = units at 0 and I = interior units, the balance gives
    lambda = (D - sum_U Pmax_i + sum_I b_i/(2a_i)) / sum_I 1/(2a_i). The coefficients are
    taken as the exact decimals they are written as (Fraction(repr(x)))."""
    q = lambda x: Fraction(repr(x))
    upper = [pi >= g[2] for g, pi in zip(GENERATORS, p)]
    lower = [pi <= 0.0 for pi in p]
    inner = [not (u or l) for u, l in zip(upper, lower)]
    num = q(DEMAND) - sum(q(g[2]) for g, u in zip(GENERATORS, upper) if u)
    num += sum(q(b) / (2 * q(a)) for (a, b, _), i in zip(GENERATORS, inner) if i)
    den = sum(1 / (2 * q(a)) for (a, _, _), i in zip(GENERATORS, inner) if i)
    lam = num / den
    ps = []
    for (a, b, pmax), u, l in zip(GENERATORS, upper, lower):
        ps.append(q(pmax) if u else Fraction(0) if l else (lam - q(b)) / (2 * q(a)))
    assert sum(ps) == q(DEMAND)
    total = sum(q(a) * x * x + q(b) * x for (a, b, _), x in zip(GENERATORS, ps))
    return lam, ps, total


def problem_json(problem):
    """The problem as JSON, one list entry per line; floats as shortest round-trip repr."""
    dump = lambda x: json.dumps(x, ensure_ascii=False)
    parts = []
    for key, value in problem.items():
        if isinstance(value, list):
            body = ",\n    ".join(dump(v) for v in value)
            parts.append('  "%s": [\n    %s\n  ]' % (key, body))
        elif key == "reference":
            body = ",\n    ".join("%s: %s" % (dump(k), dump(v)) for k, v in value.items())
            parts.append('  "%s": {\n    %s\n  }' % (key, body))
        else:
            parts.append('  "%s": %s' % (key, dump(value)))
    text = "{\n" + ",\n".join(parts) + "\n}\n"
    assert json.loads(text) == problem
    return text


def main():
    rng = random.Random(SEED)
    write_samples(rng)

    lam_bisect = solve_lambda()
    p_bisect = dispatch_at(lam_bisect)
    if not check_kkt(lam_bisect, p_bisect):
        raise SystemExit("KKT check failed")

    # Cross-check in exact rational arithmetic; the reference stores the correctly rounded
    # doubles of the exact optimum.
    lam_x, p_x, total_x = exact_solution(p_bisect)
    lam, p, total = float(lam_x), [float(x) for x in p_x], float(total_x)
    print("exact rational check on the same active set:")
    print("  |lambda_bisection - lambda_exact| = %.3g  (lambda ulp %.3g)"
          % (abs(Fraction(lam_bisect) - lam_x), math.ulp(lam)))
    print("  max_i |P_i,bisection - P_i,exact| = %.3g MW"
          % max(abs(Fraction(a) - b) for a, b in zip(p_bisect, p_x)))
    if abs(Fraction(lam_bisect) - lam_x) > 4 * math.ulp(lam):
        raise SystemExit("bisection and exact lambda disagree")
    if not check_kkt(lam, p):
        raise SystemExit("KKT check of the rounded exact optimum failed")
    print("true optimum: lambda = %r $/MWh, total cost = %r $/h" % (lam, total))
    for i, (g, pi) in enumerate(zip(GENERATORS, p), start=1):
        print("  P%d = %-20r MW   cost %-20r $/h" % (i, pi, cost(g, pi)))

    n = len(GENERATORS)
    problem = {
        "variables": [{"name": "P%d" % i, "lower": 0, "upper": GENERATORS[i - 1][2]}
                      for i in range(1, n + 1)],
        "surrogates": [{"name": "cost%d" % i, "model": "g%d.model.json" % i,
                        "inputs": ["P%d" % i], "data": "g%d.csv" % i}
                       for i in range(1, n + 1)],
        "objective": {"sense": "minimize", "surrogates": ["cost%d" % i for i in range(1, n + 1)]},
        "constraints": [{"name": "demand", "linear": {"P%d" % i: 1 for i in range(1, n + 1)},
                         "equals": DEMAND}],
        "reference": {
            "objective": total,
            "variables": {"P%d" % i: pi for i, pi in enumerate(p, start=1)},
            "source": "quadratic costs, equal-incremental-cost (λ) method, λ = %r $/MWh" % lam,
            "truth": {"cost%d" % i: [0, b, a] for i, (a, b, _) in enumerate(GENERATORS, start=1)},
        },
    }
    # Bounds as integers where they are whole numbers (80, not 80.0).
    for v in problem["variables"]:
        if float(v["upper"]).is_integer():
            v["upper"] = int(v["upper"])
    path = os.path.join(HERE, "dispatch.json")
    with open(path, "w", newline="\n") as f:
        f.write(problem_json(problem))
    print("wrote %s" % os.path.relpath(path))


if __name__ == "__main__":
    main()
