package org.nanopk.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.nanopk.examples.notebook.Kernelspec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanopk notebook [install [--dir DIR]]}: the Jupyter kernel and the lessons as notebooks. */
@Command(name = "notebook", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Open the lessons (examples/notebooks) in the classic Jupyter Notebook with the NanoPK kernel, "
        + "or with 'install' write the kernel (kernels/nanopk) to a Jupyter data directory."})
final class NotebookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "install", description = "Install the kernel instead of opening notebooks.")
    String action;

    @Option(names = "--dir", paramLabel = "DIR", description = "With install: the Jupyter data directory (default: "
        + "the user's, e.g. ~/.local/share/jupyter).")
    Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter w = spec.commandLine().getOut();
        Path home = Lessons.home();
        if (action != null && !action.equals("install")) {
            throw new IllegalArgumentException("notebook " + action + ": expected 'notebook' or 'notebook install'");
        }
        if (action == null && dir != null) {
            throw new IllegalArgumentException("--dir is for 'notebook install'");
        }
        Path data = dir != null ? dir : Kernelspec.userDataDir();
        if (action != null) {
            Path k = Kernelspec.install(data, home);
            w.println("installed the NanoPK kernel in " + k + (dir != null ? " (use it with JUPYTER_PATH=" + data
                + ")" : ""));
            return 0;
        }
        if (!onPath("jupyter-notebook") && !onPath("jupyter")) {
            throw new IllegalStateException("Jupyter is not installed: install the classic Notebook (Debian/Ubuntu: "
                + "sudo apt-get install jupyter-notebook; elsewhere: pip install notebook), then run ./nanopk notebook");
        }
        Path k = Kernelspec.install(data, home);
        w.println("installed the NanoPK kernel in " + k);
        Path notebooks = home.resolve("examples/notebooks");
        w.println("opening " + notebooks + " in Jupyter Notebook (Ctrl-C here stops it)");
        w.flush();
        List<String> cmd = onPath("jupyter-notebook") ? List.of("jupyter-notebook", "--notebook-dir=" + notebooks)
            : List.of("jupyter", "notebook", "--notebook-dir=" + notebooks);
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
