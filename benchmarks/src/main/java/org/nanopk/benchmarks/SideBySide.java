package org.nanopk.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.mechanism.Chou2023;
import org.nanopk.mechanism.Presets;
import org.nanopk.population.Population;
import org.nanopk.solve.Solver;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * NanoPK and R's deSolve (compiled C, LSODA) in one run, on the same equations, subjects, output times
 * and tolerances (rtol 1e-6, atol 1e-9): single solves ({@link SideBySideBenchmark}), populations of
 * 10,000 NP9 and 200 Chou 2023 subjects on 1 and 2 threads ({@link PopulationBenchmark}), 50,000 NP9
 * subjects through {@code nanopk population} as a whole process, and the start-up of a fresh JVM
 * ({@link StartUp}). deSolve's side is {@code benchmarks/desolve/desolve.R}, given C written from each
 * model's definition ({@link DeSolveC}) and the subjects' parameter values; its final states are checked
 * against NanoPK's. Prints Markdown tables with the ratios.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.nanopk.benchmarks.SideBySide [--quick] [--no-jmh]</pre>
 *
 * Needs {@code Rscript} with deSolve (Debian: {@code r-cran-desolve}, {@code r-base-dev} for compiling)
 * and, for the whole-process rows, {@code examples/target/nanopk.jar}; what is missing is skipped and said.
 */
public final class SideBySide {
    /** The 13 output times of the peers' runs (h). */
    static final double[] THIRTEEN = {0, 0.5, 1, 2, 4, 6, 8, 12, 24, 48, 72, 120, 168};
    static final double RTOL = 1e-6;
    static final double ATOL = 1e-9;
    static final int CLI_SUBJECTS = 50_000;

    private SideBySide() {
    }

    /** NP9, NP9-stiff or the Chou 2023 PBPK model. */
    static Model model(String name) {
        return switch (name) {
            case "np9" -> Presets.np9();
            case "np9-stiff" -> Presets.np9Stiff();
            case "chou2023" -> Chou2023.model();
            default -> throw new IllegalArgumentException("model '" + name + "': expected np9, np9-stiff or chou2023");
        };
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path dir = Files.createDirectories(Path.of("benchmarks", "target", "side-by-side"));
        Path cli = Path.of("examples", "target", "nanopk.jar");
        List<String> cases = new ArrayList<>(List.of("case,kind,model,times,parms,rtol,atol"));
        write(dir.resolve("t13.txt"), join(THIRTEEN));
        write(dir.resolve("hourly.txt"), join(Problems.HOURLY));
        write(dir.resolve("cli.txt"), join(Times.grid(0, 24, 0.5)));
        Map<String, double[]> nanopkLast = new LinkedHashMap<>();
        for (String name : List.of("np9", "np9-stiff", "chou2023")) {
            Model m = model(name);
            DeSolveC c = new DeSolveC(m);
            write(dir.resolve(name + ".c"), c.source());
            Simulation s = m.simulate(m.regimen(), Problems.HOURLY, Solver.auto().withTolerances(RTOL, ATOL));
            StringBuilder y0 = new StringBuilder(String.join(",", c.states())).append('\n');
            List<String> values = new ArrayList<>();
            double[] last = new double[c.states().size()];
            for (int i = 0; i < c.states().size(); i++) {
                String st = c.states().get(i);
                values.add(i < m.compartmentNames().size() ? fmt(s.value(st, 0)) : "0");
                last[i] = s.value(st, s.size() - 1);
            }
            write(dir.resolve(name + "_y0.csv"), y0.append(String.join(",", values)).append('\n').toString());
            nanopkLast.put(name, last);
            writeParameters(dir.resolve(name + "_parms.csv"), c, List.of(m));
            for (String grid : List.of("13", "hourly")) {
                cases.add(name + " " + grid + ",single," + name + "," + (grid.equals("13") ? "t13" : "hourly")
                    + ".txt," + name + "_parms.csv," + RTOL + "," + ATOL);
            }
        }
        writeParameters(dir.resolve("np9-pop_parms.csv"), new DeSolveC(Presets.np9()), subjects("np9", 10_000));
        writeParameters(dir.resolve("chou2023-pop_parms.csv"), new DeSolveC(Chou2023.model()), subjects("chou2023", 200));
        cases.add("np9 10000,population,np9,hourly.txt,np9-pop_parms.csv," + RTOL + "," + ATOL);
        cases.add("chou2023 200,population,chou2023,hourly.txt,chou2023-pop_parms.csv," + RTOL + "," + ATOL);
        write(dir.resolve("cases.csv"), String.join("\n", cases) + "\n");

        // NanoPK: JMH
        Map<String, Double> nanopk = new LinkedHashMap<>();
        OptionsBuilder o = new OptionsBuilder();
        o.include(SideBySideBenchmark.class.getSimpleName()).include(PopulationBenchmark.class.getSimpleName());
        if (quick) {
            o.warmupIterations(2).measurementIterations(3);
        }
        for (RunResult r : List.of(args).contains("--no-jmh") ? List.<RunResult>of() : new Runner(o.build()).run()) {
            var p = r.getParams();
            double score = r.getPrimaryResult().getScore();
            if (p.getBenchmark().contains("SideBySide")) {
                nanopk.put(p.getParam("model") + " " + p.getParam("times"), score);
            } else {
                int n = p.getParam("model").equals("np9") ? 10_000 : 200;
                nanopk.put(p.getParam("model") + " " + n + " " + p.getParam("threads") + " thread"
                    + (p.getParam("threads").equals("1") ? "" : "s"), n / (score / 1e3));
            }
        }
        // NanoPK: the command line, whole process, and start-up
        Map<String, Double> process = new LinkedHashMap<>();
        String java = ProcessHandle.current().info().command().orElse("java");
        if (Files.isRegularFile(cli)) {
            for (int threads : new int[] {1, 2}) {
                double s = seconds(List.of(java, "-jar", cli.toString(), "population", "--preset=np9", "--n=" + CLI_SUBJECTS,
                    "--cv=0.3", "--rtol=" + RTOL, "--atol=" + ATOL, "--threads=" + threads));
                process.put("nanopk population " + threads, CLI_SUBJECTS / s);
            }
        } else {
            System.out.println("(no " + cli + ": build it with mvn -B -DskipTests package for the whole-process rows)");
        }
        String classPath = System.getProperty("java.class.path");
        Map<String, String> startUp = new LinkedHashMap<>();
        for (String name : List.of("np9", "chou2023")) {
            startUp.put(name, output(List.of(java, "-cp", classPath, StartUp.class.getName(), name)).trim());
        }
        // deSolve
        Map<String, Double> desolve = new LinkedHashMap<>();
        Path script = Path.of("benchmarks", "desolve", "desolve.R");
        boolean haveR = Files.isRegularFile(script) && run(List.of("Rscript", "-e", "library(deSolve)")) == 0;
        if (haveR) {
            System.out.println(output(List.of("Rscript", script.toString(), dir.toString())));
            List<String> lines = Files.readAllLines(dir.resolve("desolve_results.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.replace("\"", "").split(",");
                desolve.put(f[0], Double.parseDouble(f[1]));
            }
            write(dir.resolve("cases.csv"), "case,kind,model,times,parms,rtol,atol\nnp9 " + CLI_SUBJECTS
                + ",process,np9,cli.txt,np9-cli_parms.csv," + RTOL + "," + ATOL + "\n");
            writeParameters(dir.resolve("np9-cli_parms.csv"), new DeSolveC(Presets.np9()), cliSubjects());
            double s = seconds(List.of("Rscript", script.toString(), dir.toString()));
            process.put("deSolve 1", CLI_SUBJECTS / s);
        } else {
            System.out.println("(no Rscript with deSolve: apt-get install r-cran-desolve r-base-dev for the deSolve column)");
        }

        System.out.println("\n| single solve (µs) | NanoPK | deSolve | deSolve / NanoPK | agreement at 168 h |");
        System.out.println("|---|---|---|---|---|");
        for (String model : nanopkLast.keySet()) {
            for (String grid : List.of("13", "hourly")) {
                String key = model + " " + grid;
                String agree = haveR ? String.format(Locale.ROOT, "%.1e",
                    agreement(dir.resolve(key + "_last.csv"), nanopkLast.get(model))) : "–";
                row(key, nanopk.get(key), desolve.get(key), false, agree);
            }
        }
        System.out.println("\n| population (subjects/s) | NanoPK | deSolve | NanoPK / deSolve |");
        System.out.println("|---|---|---|---|");
        for (String pop : List.of("np9 10000", "chou2023 200")) {
            for (String threads : List.of(" 1 thread", " 2 threads")) {
                row(pop + threads, nanopk.get(pop + threads), desolve.get(pop + threads), true, null);
            }
        }
        System.out.println("\n| whole process, " + CLI_SUBJECTS + " NP9 subjects, 0–24 h every 0.5 h (subjects/s) | NanoPK "
            + "(`nanopk population`) | deSolve (Rscript) | NanoPK / deSolve |");
        System.out.println("|---|---|---|---|");
        row("1 thread", process.get("nanopk population 1"), process.get("deSolve 1"), true, null);
        row("2 threads", process.get("nanopk population 2"), null, true, null);
        System.out.println("\n| start-up, hourly 0–168 h | first solve (µs) | steady (µs) | ratio |");
        System.out.println("|---|---|---|---|");
        startUp.forEach((k, v) -> {
            String[] f = v.split(" ");
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f |%n", k, f[0], f[1],
                Double.parseDouble(f[0]) / Double.parseDouble(f[1]));
        });
    }

    /** A table row: NanoPK's value, deSolve's, their ratio (NanoPK/deSolve for rates, deSolve/NanoPK for times), and {@code extra}. */
    private static void row(String what, Double nanopk, Double desolve, boolean rate, String extra) {
        String ratio = nanopk == null || desolve == null ? "–"
            : String.format(Locale.ROOT, "%.2f", rate ? nanopk / desolve : desolve / nanopk);
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%s%n", what, num(nanopk), num(desolve), ratio,
            extra == null ? "" : " " + extra + " |");
    }

    private static String num(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** The largest relative difference of deSolve's final states from NanoPK's, over values ≥ 1e-3. */
    private static double agreement(Path desolveLast, double[] nanopk) throws IOException {
        String[] v = Files.readAllLines(desolveLast).get(1).split(",");
        double max = 0;
        for (int i = 0; i < nanopk.length; i++) {
            if (Math.abs(nanopk[i]) >= 1e-3) {
                max = Math.max(max, Math.abs(Double.parseDouble(v[i]) - nanopk[i]) / Math.abs(nanopk[i]));
            }
        }
        return max;
    }

    /** The subjects of {@link PopulationBenchmark}'s populations. */
    private static List<Model> subjects(String name, int n) {
        Model m = model(name);
        Population pop = Population.of(m);
        for (String p : name.equals("np9") ? m.parameters().names() : Chou2023.DATASET_PARAMETERS) {
            pop = pop.withOmega(p, 0.3);
        }
        pop = pop.withSeed(2026);
        List<Model> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pop.subject(i));
        }
        return out;
    }

    /** The subjects of {@code nanopk population --preset=np9 --cv=0.3} (seed 1). */
    private static List<Model> cliSubjects() {
        Model m = Presets.np9();
        Population pop = Population.of(m);
        for (String p : m.parameters().names()) {
            pop = pop.withVariability(p, 0.3);
        }
        List<Model> out = new ArrayList<>();
        for (int i = 0; i < CLI_SUBJECTS; i++) {
            out.add(pop.subject(i));
        }
        return out;
    }

    private static void writeParameters(Path file, DeSolveC c, List<Model> models) {
        StringBuilder b = new StringBuilder(String.join(",", c.parameters())).append('\n');
        for (Model m : models) {
            List<String> row = new ArrayList<>();
            c.parameters().forEach(p -> row.add(fmt(m.parameter(p))));
            b.append(String.join(",", row)).append('\n');
        }
        write(file, b.toString());
    }

    private static String fmt(double v) {
        return Double.toString(v);
    }

    private static String join(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(fmt(x)).append('\n');
        }
        return b.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        return p.waitFor();
    }

    /** The wall time of a command, which must succeed (s). */
    private static double seconds(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        output(command);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The output of a command; an exception if it fails. */
    private static String output(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
