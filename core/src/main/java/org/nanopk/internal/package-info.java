/**
 * Helpers shared by NanoPK's packages: argument checks, the expression language, the CSV dialect, safe
 * file reading and writing, text charts. Not exported by the module and not part of the API.
 */
package org.nanopk.internal;
