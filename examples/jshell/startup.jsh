// NanoPK JShell startup: the everyday types, presets, files, solvers, fitting, populations and charts.
import org.nanopk.*;
import org.nanopk.mechanism.*;
import org.nanopk.io.*;
import org.nanopk.solve.*;
import org.nanopk.fit.*;
import org.nanopk.population.*;
import org.nanopk.plot.*;
import org.nanopk.examples.notebook.Display;
import java.nio.file.*;
import java.util.*;
/** A data file shipped in examples/data. */
Path data(String name) { return Path.of(System.getProperty("nanopk.home", ".")).resolve("examples/data").resolve(name); }
/** A model file shipped in examples/models. */
Path models(String name) { return Path.of(System.getProperty("nanopk.home", ".")).resolve("examples/models").resolve(name); }
/** Where charts are saved (nanopk-charts/ unless nanopk.out is set). */
Path out(String name) { return Path.of(System.getProperty("nanopk.out", "nanopk-charts")).resolve(name); }
