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
        SensitivityCommand.class, PresetsCommand.class, BatchCommand.class, LessonCommand.class,
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
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                err.println("nanopk: error: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof PkException) {
                err.println("nanopk: numerical failure: " + ex.getMessage());
                return 3;
            }
            if (ex instanceof IllegalStateException && cmd.getCommandName().equals("lesson")) {
                err.println("nanopk: lesson failed: " + ex.getMessage());
                return 1;
            }
            if (ex instanceof java.io.UncheckedIOException) {
                err.println("nanopk: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
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
