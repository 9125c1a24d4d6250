/**
 * ODE solvers on primitive arrays: the exact solution of linear models (matrix exponential), the stiff
 * Rosenbrock method Rodas5P with a sparse LU, Dormand–Prince 5(4), Hipparchus adapters and the
 * automatic choice ({@link org.nanopk.solve.Solver}); the {@link org.nanopk.solve.OdeSystem} they
 * integrate; steady states of periodic inputs. This package knows no file format, chart, biology or
 * fitting.
 */
package org.nanopk.solve;
