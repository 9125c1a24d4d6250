// NanoPK JShell startup: the everyday types, the presets, files and solvers are in scope.
import org.nanopk.*;
import org.nanopk.mechanism.*;
import org.nanopk.io.*;
import org.nanopk.solve.*;
System.out.println("NanoPK: try  var sim = Presets.np9().simulate(Times.grid(0, 168, 12));  then  sim");
