"""Regenerates the single-cell CSVs of this folder from the Debian package r-bioc-hsmmsinglecell.

Data: Trapnell et al. (2014), human skeletal-muscle myoblasts (HSMM), 271 cells x 47,192 genes
(FPKM), captured 0, 24, 48 and 72 hours after the switch to differentiation medium.

Steps (all deterministic):
  1. read HSMM_expr_matrix (FPKM, genes x cells) and HSMM_sample_sheet (Hours) from the package;
  2. log-expression e = log2(1 + FPKM);
  3. keep genes with FPKM >= 1 in at least 10 % of the cells, then the 1,000 of those with the
     largest variance of e over all cells;
  4. centre each gene over all cells and project onto the first 20 principal components (SVD of
     the centred cells x genes matrix; each component's sign fixed so that its largest-magnitude
     gene loading is positive);
  5. write cells_<H>h.csv (columns pc1..pc20, one cell per row, in the package's cell order) for
     H in 0, 24, 48, 72, and components.csv (the explained variance of each component).

Usage (needs Python 3 with numpy, pandas and pyreadr from PyPI; no R):
    apt-get download r-bioc-hsmmsinglecell && dpkg-deb -x r-bioc-hsmmsinglecell_*_all.deb pkg
    python3 make_data.py pkg/usr/lib/R/site-library/HSMMSingleCell/data
(or point it at /usr/lib/R/site-library/HSMMSingleCell/data when the package is installed).
"""
import os
import sys

import numpy as np
import pyreadr

GENES = 1000
COMPONENTS = 20


def main(folder, out):
    expr = pyreadr.read_r(os.path.join(folder, "HSMM_expr_matrix.rda"))["HSMM_expr_matrix"]
    sheet = pyreadr.read_r(os.path.join(folder, "HSMM_sample_sheet.rda"))["HSMM_sample_sheet"]
    assert list(expr.columns) == list(sheet.index), "cells of the matrix and the sample sheet differ"
    fpkm = expr.to_numpy(dtype=np.float64).T                       # cells x genes
    hours = sheet["Hours"].to_numpy().astype(int)
    expressed = (fpkm >= 1).mean(axis=0) >= 0.10
    e = np.log2(1 + fpkm[:, expressed])
    order = np.argsort(-e.var(axis=0), kind="stable")[:GENES]
    x = e[:, order]
    x = x - x.mean(axis=0)                                          # centre each gene
    u, s, vt = np.linalg.svd(x, full_matrices=False)
    for k in range(COMPONENTS):                                     # sign: largest loading positive
        if vt[k, np.argmax(np.abs(vt[k]))] < 0:
            u[:, k], vt[k] = -u[:, k], -vt[k]
    scores = u[:, :COMPONENTS] * s[:COMPONENTS]                     # cells x components
    header = ",".join("pc%d" % (k + 1) for k in range(COMPONENTS))
    for h in sorted(set(hours)):
        rows = scores[hours == h]
        np.savetxt(os.path.join(out, "cells_%dh.csv" % h), rows, delimiter=",", header=header, comments="", fmt="%.8g")
        print("cells_%dh.csv: %d cells" % (h, len(rows)))
    explained = s ** 2 / (s ** 2).sum()
    with open(os.path.join(out, "components.csv"), "w") as f:
        f.write("component,explained_variance,cumulative\n")
        for k in range(COMPONENTS):
            f.write("pc%d,%.6f,%.6f\n" % (k + 1, explained[k], explained[: k + 1].sum()))
    print("genes expressed in >= 10%% of cells: %d; kept %d; %d components explain %.1f %%"
          % (expressed.sum(), GENES, COMPONENTS, 100 * explained[:COMPONENTS].sum()))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1], os.path.dirname(os.path.abspath(__file__)))
