package org.nanopk.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.nanopk.Fit;
import org.nanopk.io.FitCsv;
import org.nanopk.io.FitJob;
import org.nanopk.io.SensitivityJson;
import org.nanopk.io.StudyJson;
import org.nanopk.population.Population;

/**
 * The main class {@code spark-submit} runs, with a spec file written by NanoPK ({@code --save-spec} of the
 * command line, or {@link StudyJson}, {@link SensitivityJson}, {@link FitJob#toJson()}):
 * <pre>
 * spark-submit --class org.nanopk.spark.SparkMain nanopk-spark-submit.jar population STUDY.json N [--out BANDS.csv]
 * spark-submit ... sensitivity ANALYSIS.json
 * spark-submit ... fit JOB.json [--estimates FILE.csv]
 * </pre>
 * Each takes {@code --partitions P} (default 4 per core); it prints what the command line prints.
 */
public final class SparkMain {
    private SparkMain() {
    }

    /** Runs a command on the context spark-submit configured; exit status 0, or 2 with a one-line error. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status;
        try {
            Command c = Command.parse(args);
            JavaSparkContext sc = SparkContexts.open(null, "nanopk " + c.name());
            try {
                status = run(args, sc, out, err);
            } finally {
                sc.stop();
            }
        } catch (IllegalArgumentException e) {
            err.println("nanopk-spark: error: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    /**
     * Runs a command ({@code population STUDY.json N}, …) on {@code sc}: its result to {@code out}, or a
     * one-line error to {@code err}.
     *
     * @return 0, or 2 after an error
     */
    public static int run(String[] args, JavaSparkContext sc, PrintWriter out, PrintWriter err) {
        try {
            Command.parse(args).run(sc, out);
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("nanopk-spark: error: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    /**
     * One command: its name, spec file, N for a population, partitions and the optional output file.
     *
     * @param name population, sensitivity or fit
     * @param spec the spec file
     * @param subjects N (population only; 0 otherwise)
     * @param partitions the partitions (0: the default)
     * @param out the output file (bands CSV or estimates CSV), or null
     */
    record Command(String name, Path spec, int subjects, int partitions, Path out) {
        static final String USAGE = "expected: population STUDY.json N [--out BANDS.csv] | sensitivity ANALYSIS.json "
            + "| fit JOB.json [--estimates FILE.csv], each with [--partitions P]";

        static Command parse(String[] args) {
            List<String> a = new ArrayList<>(List.of(args));
            int partitions = 0;
            Path out = null;
            for (int i = 0; i < a.size(); i++) {
                String flag = a.get(i);
                if (flag.equals("--partitions") || flag.equals("--out") || flag.equals("--estimates")) {
                    if (i + 1 >= a.size()) {
                        throw new IllegalArgumentException(flag + " without a value; " + USAGE);
                    }
                    String v = a.remove(i + 1);
                    a.remove(i--);
                    if (flag.equals("--partitions")) {
                        partitions = whole(flag, v);
                    } else {
                        out = Path.of(v);
                    }
                }
            }
            if (a.isEmpty() || !List.of("population", "sensitivity", "fit").contains(a.get(0))) {
                throw new IllegalArgumentException("command " + (a.isEmpty() ? "missing" : "'" + a.get(0) + "'") + "; "
                    + USAGE);
            }
            boolean population = a.get(0).equals("population");
            if (a.size() != (population ? 3 : 2)) {
                throw new IllegalArgumentException(a.get(0) + " " + a.subList(1, a.size()) + "; " + USAGE);
            }
            return new Command(a.get(0), Path.of(a.get(1)), population ? whole("N", a.get(2)) : 0, partitions, out);
        }

        private static int whole(String what, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(what + " = " + v + ": expected a whole number of at least 1");
        }

        /** Runs the command on {@code sc}, printing its result to {@code w}. */
        void run(JavaSparkContext sc, PrintWriter w) {
            switch (name) {
                case "population" -> {
                    SparkPopulation p = SparkPopulation.of(sc);
                    Population.Summary s = (partitions > 0 ? p.withPartitions(partitions) : p)
                        .run(StudyJson.read(spec), subjects);
                    w.println(s);
                    if (out != null) {
                        s.writeCsv(out);
                        w.println("wrote the percentile bands to " + out);
                    }
                }
                case "sensitivity" -> {
                    SparkSobol s = SparkSobol.of(sc);
                    w.println((partitions > 0 ? s.withPartitions(partitions) : s).sobol(SensitivityJson.read(spec)));
                }
                default -> {
                    SparkBatchFit f = SparkBatchFit.of(sc);
                    Map<String, Fit> fits = (partitions > 0 ? f.withPartitions(partitions) : f)
                        .bySubject(FitJob.read(spec));
                    for (Map.Entry<String, Fit> e : fits.entrySet()) {
                        w.println("subject " + e.getKey());
                        w.println(e.getValue());
                        w.println();
                    }
                    w.println(FitCsv.estimatesTable(fits));
                    if (out != null) {
                        FitCsv.writeEstimates(fits, out);
                        w.println("wrote the estimates to " + out);
                    }
                }
            }
            w.flush();
        }
    }
}
