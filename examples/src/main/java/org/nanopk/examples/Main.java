package org.nanopk.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.nanopk.PkException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nanopk} command line: {@code simulate}, {@code demo}, {@code presets} and more.
 * Bad input prints a one-line error and exits with status 2; a numerical failure exits with 3.
 */
@Command(name = "nanopk", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Pharmacokinetic compartment models of nanomedicines in mice.",
    subcommands = {DemoCommand.class, SimulateCommand.class, FitCommand.class, PopulationCommand.class,
        SensitivityCommand.class, NcaCommand.class, PresetsCommand.class, BatchCommand.class, LessonCommand.class, NotebookCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    /** Runs the command line. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            err.println("nanopk: error: " + oneLine(ex.getMessage()) + " (see: nanopk "
                + (c.getCommandName().equals("nanopk") ? "" : c.getCommandName() + " ") + "--help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException) {
                err.println("nanopk: error: " + message(ex));
                return 2;
            }
            if (ex instanceof PkException) {
                err.println("nanopk: numerical failure: " + message(ex));
                return 3;
            }
            if (ex instanceof IllegalStateException && cmd.getCommandName().equals("lesson")) {
                err.println("nanopk: lesson failed: " + message(ex));
                return 1;
            }
            if (ex instanceof IllegalStateException) {
                err.println("nanopk: error: " + message(ex));
                return 2;
            }
            // a defect of NanoPK: one line, and the stack trace only when asked for
            err.println("nanopk: internal error: " + message(ex) + "; please report it (set NANOPK_DEBUG=1 for "
                + "the details)");
            if (System.getenv("NANOPK_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return 70;
        });
        int status;
        try {
            status = cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("nanopk: error: out of memory; ask for less (fewer output times, subjects or samples) or give "
                + "Java more memory (-Xmx)");
            status = 2;
        }
        out.flush();
        err.flush();
        return status;
    }

    /** The message of a failure as one line, without Java class names; its kind when it has no message. */
    static String message(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return oneLine(t.getMessage());
            }
        }
        return "unexpected " + ex.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }

    /** One line: line breaks become "; ", Java class names of exceptions are left out. */
    static String oneLine(String message) {
        return message.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*(?:Exception|Error)\\b:?\\s*", "")
            .replaceAll("\\s*\\R\\s*", "; ").trim();
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** The version from the jar's manifest (Implementation-Version, set by the build). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"NanoPK " + (v == null ? "(development build)" : v)};
        }
    }
}
