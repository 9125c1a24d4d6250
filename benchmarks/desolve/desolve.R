# deSolve (compiled C, LSODA) on the same problems as NanoPK's side-by-side run: the C files, initial
# states, parameter rows and output times are written by org.nanopk.benchmarks.SideBySide into DIR.
#   Rscript desolve.R DIR        → DIR/desolve_results.csv (case, value, unit)
# Single solves: the median of 5 rounds of timed repetitions (at least 1 s each) after a warm-up.
# Populations: every subject's parameter row solved once, on 1 core and on 2 (parallel::mclapply);
# "process": the rows solved once on 1 core, for a whole-process time taken by the caller.
suppressPackageStartupMessages({library(deSolve); library(parallel)})
dir <- commandArgs(trailingOnly = TRUE)[1]
cases <- read.csv(file.path(dir, "cases.csv"), stringsAsFactors = FALSE)
loaded <- character(0)
results <- data.frame(case = character(0), value = numeric(0), unit = character(0))
add <- function(case, value, unit) results[nrow(results) + 1, ] <<- list(case, value, unit)
for (i in seq_len(nrow(cases))) {
  cs <- cases[i, ]
  src <- file.path(dir, paste0(cs$model, ".c"))
  lib <- file.path(dir, paste0(cs$model, .Platform$dynlib.ext))
  if (!(cs$model %in% loaded)) {
    status <- system2("R", c("CMD", "SHLIB", "-o", lib, src), stdout = FALSE, stderr = FALSE)
    if (status != 0) stop("R CMD SHLIB failed for ", src)
    dyn.load(lib)
    loaded <- c(loaded, cs$model)
  }
  y0 <- unlist(read.csv(file.path(dir, paste0(cs$model, "_y0.csv"))))
  P <- as.matrix(read.csv(file.path(dir, cs$parms)))
  times <- scan(file.path(dir, cs$times), quiet = TRUE)
  solve <- function(p) ode(y0, times, func = "derivs", parms = p, dllname = cs$model, initfunc = "initmod",
                           method = "lsoda", rtol = cs$rtol, atol = cs$atol, maxsteps = 1e6)
  if (cs$kind == "single") {
    p <- P[1, ]
    out <- solve(p)
    write.csv(out[nrow(out), -1, drop = FALSE], file.path(dir, paste0(cs$case, "_last.csv")), row.names = FALSE)
    reps <- 1
    repeat { el <- system.time(for (k in 1:reps) solve(p))[["elapsed"]]; if (el >= 1) break; reps <- reps * 2 }
    rounds <- sapply(1:5, function(r) system.time(for (k in 1:reps) solve(p))[["elapsed"]] / reps)
    add(cs$case, median(rounds) * 1e6, "us/solve")
  } else if (cs$kind == "process") {
    for (r in seq_len(nrow(P))) solve(P[r, ])
  } else {
    one <- function(rows) for (r in rows) solve(P[r, ])
    solve(P[1, ])
    el1 <- system.time(one(seq_len(nrow(P))))[["elapsed"]]
    halves <- split(seq_len(nrow(P)), rep(1:2, length.out = nrow(P)))
    el2 <- system.time(mclapply(halves, one, mc.cores = 2))[["elapsed"]]
    add(paste0(cs$case, " 1 thread"), nrow(P) / el1, "subjects/s")
    add(paste0(cs$case, " 2 threads"), nrow(P) / el2, "subjects/s")
  }
}
write.csv(results, file.path(dir, "desolve_results.csv"), row.names = FALSE)
cat(R.version.string, "deSolve", as.character(packageVersion("deSolve")), "\n")
