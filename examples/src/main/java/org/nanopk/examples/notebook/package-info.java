/**
 * The NanoPK Jupyter kernel: notebook cells run in the JDK's JShell with NanoPK on the class path
 * ({@link org.nanopk.examples.notebook.Cells}), values shown as Jupyter MIME bundles
 * ({@link org.nanopk.examples.notebook.Display}), the protocol from the JJava project's library
 * ({@link org.nanopk.examples.notebook.NanoPkKernel}), and the kernelspec and notebook launcher
 * ({@link org.nanopk.examples.notebook.Kernelspec}).
 */
package org.nanopk.examples.notebook;
