#include <glpk.h>
#include <setjmp.h>

/* GLPK stops on an internal error (a failed assertion: xassert, glp_error) by calling abort().
   Its documented way out is an error hook that frees the thread's GLPK environment and
   long-jumps back to the caller (GLPK reference manual, glp_error_hook). The functions below
   run one GLPK solve under such a hook and return HYCNN_GLPK_INTERNAL_ERROR instead of
   aborting; every GLPK problem object of the calling thread is then freed and must not be
   used or deleted again. No Swift frame lies between the setjmp and the longjmp: GLPK is
   called from here, and the only Swift code GLPK calls back (terminal and branch-and-cut
   hooks) returns before GLPK can raise its error. */

static const int HYCNN_GLPK_INTERNAL_ERROR = -1;

typedef struct { jmp_buf target; } hycnn_glpk_guard;

static void hycnn_glpk_error_hook(void *info) {
    glp_free_env();
    longjmp(((hycnn_glpk_guard *)info)->target, 1);
}

/* glp_scale_prob(GLP_SF_AUTO) and glp_adv_basis when requested, then glp_simplex: a cold solve
   scales and may start from the advanced basis; a re-solve keeps the scaling and basis it has. */
static inline int hycnn_guarded_simplex(glp_prob *problem, const glp_smcp *parameters, int scale, int advancedBasis) {
    hycnn_glpk_guard guard;
    if (setjmp(guard.target)) return HYCNN_GLPK_INTERNAL_ERROR;
    glp_error_hook(hycnn_glpk_error_hook, &guard);
    if (scale) glp_scale_prob(problem, GLP_SF_AUTO);
    if (advancedBasis) glp_adv_basis(problem, 0);
    int code = glp_simplex(problem, parameters);
    glp_error_hook(NULL, NULL);
    return code;
}

/* glp_adv_basis: the triangular basis a crossover starts from (the caller has scaled the
   problem and fixed the variables it wants kept out of the basis). Returns 0. */
static inline int hycnn_guarded_crash_basis(glp_prob *problem) {
    hycnn_glpk_guard guard;
    if (setjmp(guard.target)) return HYCNN_GLPK_INTERNAL_ERROR;
    glp_error_hook(hycnn_glpk_error_hook, &guard);
    glp_adv_basis(problem, 0);
    glp_error_hook(NULL, NULL);
    return 0;
}

/* glp_scale_prob(GLP_SF_AUTO) when asked, then glp_factorize of the basis the caller set: 0 when
   it is a nonsingular, well-conditioned basis, else GLPK's code (GLP_EBADB, GLP_ESING, GLP_ECOND). */
static inline int hycnn_guarded_factorize(glp_prob *problem, int scale) {
    hycnn_glpk_guard guard;
    if (setjmp(guard.target)) return HYCNN_GLPK_INTERNAL_ERROR;
    glp_error_hook(hycnn_glpk_error_hook, &guard);
    if (scale) glp_scale_prob(problem, GLP_SF_AUTO);
    int code = glp_factorize(problem);
    glp_error_hook(NULL, NULL);
    return code;
}

/* glp_warm_up: factorizes the current basis and computes its primal and dual values. */
static inline int hycnn_guarded_warm_up(glp_prob *problem) {
    hycnn_glpk_guard guard;
    if (setjmp(guard.target)) return HYCNN_GLPK_INTERNAL_ERROR;
    glp_error_hook(hycnn_glpk_error_hook, &guard);
    int code = glp_warm_up(problem);
    glp_error_hook(NULL, NULL);
    return code;
}

static inline int hycnn_guarded_interior(glp_prob *problem, const glp_iptcp *parameters) {
    hycnn_glpk_guard guard;
    if (setjmp(guard.target)) return HYCNN_GLPK_INTERNAL_ERROR;
    glp_error_hook(hycnn_glpk_error_hook, &guard);
    int code = glp_interior(problem, parameters);
    glp_error_hook(NULL, NULL);
    return code;
}

static inline int hycnn_guarded_intopt(glp_prob *problem, const glp_iocp *parameters) {
    hycnn_glpk_guard guard;
    if (setjmp(guard.target)) return HYCNN_GLPK_INTERNAL_ERROR;
    glp_error_hook(hycnn_glpk_error_hook, &guard);
    int code = glp_intopt(problem, parameters);
    glp_error_hook(NULL, NULL);
    return code;
}
