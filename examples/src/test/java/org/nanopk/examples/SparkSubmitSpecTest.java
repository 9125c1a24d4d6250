package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanopk.spark.SparkContexts;
import org.nanopk.spark.SparkMain;

/**
 * The cluster path: {@code --save-spec} writes the spec, and the spark-submit main ({@link SparkMain}) run on
 * it prints what the command prints on one machine.
 */
class SparkSubmitSpecTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = SparkContexts.open("local[2]", "nanopk tests");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    private static String submit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = SparkMain.run(args, sc, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, status, err.toString());
        return out.toString();
    }

    @Test
    void savedSpecsRunOnSparkPrintTheCommandsOutput(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("study.json");
        String[] pop = {"population", "models/np9.json", "--n", "900", "--cv", "0.3", "--parameters", "kEPR,VmL",
            "--readout", "Tumor", "--times", "0,1,24", "--rtol", "1e-6"};
        CommandLineTest.Run saved = CommandLineTest.run(SparkCommandTest.concat(pop, "--save-spec", study.toString()));
        assertEquals(0, saved.status(), saved.err());
        assertTrue(saved.out().contains("spark-submit --class org.nanopk.spark.SparkMain nanopk-spark-submit.jar "
            + "population " + study + " 900"), saved.out());
        assertEquals(CommandLineTest.run(pop).out(), submit("population", study.toString(), "900", "--partitions", "3"));

        Path sens = dir.resolve("sobol.json");
        String[] sobol = {"sensitivity", "models/np9.json", "--readout", "Tumor", "--parameters", "kEPR,kBack",
            "--global", "32", "--rtol", "1e-6"};
        assertEquals(0, CommandLineTest.run(SparkCommandTest.concat(sobol, "--save-spec", sens.toString())).status());
        String plain = CommandLineTest.run(sobol).out();
        assertTrue(plain.strip().endsWith(submit("sensitivity", sens.toString()).strip()), plain);

        Path job = dir.resolve("job.json");
        String[] fit = {"fit", "models/theophylline.json", "data/classic_theophylline_R_Theoph.csv", "--map",
            "serum=C", "--estimate", "ke,ka,CL", "--error", "additive", "--by", "subject"};
        assertEquals(0, CommandLineTest.run(SparkCommandTest.concat(fit, "--save-spec", job.toString())).status());
        assertEquals(CommandLineTest.run(fit).out(), submit("fit", job.toString()));
        assertTrue(Files.readString(job).contains("\"format\" : \"nanopk-fit-job\""));
    }

    @Test
    void badArgumentsGetOneLine() {
        StringWriter err = new StringWriter();
        assertEquals(2, SparkMain.run(new String[] {"populate", "x.json"}, sc, new PrintWriter(new StringWriter()),
            new PrintWriter(err)));
        assertTrue(err.toString().startsWith("nanopk-spark: error: command 'populate'; expected: population"),
            err.toString());
    }
}
