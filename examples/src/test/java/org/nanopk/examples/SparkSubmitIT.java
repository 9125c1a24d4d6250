package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path end to end: a spec saved by {@code nanopk population --save-spec}, submitted with Spark's
 * own SparkSubmit (the class behind spark-submit, from spark-core) in local[2] mode with the shaded
 * {@code nanopk-spark-submit.jar}, prints what the command prints on one machine.
 */
class SparkSubmitIT {
    @Test
    void aSavedStudySubmittedToSparkPrintsTheCommandsOutput(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("study.json");
        String[] pop = {"population", "models/np9.json", "--n", "1200", "--cv", "0.3", "--parameters", "kEPR,VmL",
            "--readout", "Tumor", "--times", "0,1,24", "--rtol", "1e-6"};
        CommandLineTest.Run saved = CommandLineTest.run(SparkCommandTest.concat(pop, "--save-spec", study.toString()));
        assertEquals(0, saved.status(), saved.err());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String flags = Files.readString(Path.of("spark/target/classes/org/nanopk/spark/jvm-flags.txt")).strip();
        cmd.addAll(List.of(flags.split("\\s+")));
        // a Spark installation's jars: this test's class path without NanoPK's own classes and artifacts (what
        // NanoPK needs comes from the submitted jar, as on a cluster)
        String spark = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .filter(e -> !Path.of(e).getFileName().toString().startsWith("nanopk") && !e.endsWith("classes"))
            .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        cmd.addAll(List.of("-Dslf4j.internal.verbosity=ERROR", "-cp", spark,
            "org.apache.spark.deploy.SparkSubmit",
            "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
            "--class", "org.nanopk.spark.SparkMain", "spark/target/nanopk-spark-submit.jar", "population",
            study.toString(), "1200", "--partitions", "5"));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), Files.readString(dir.resolve("err.txt")));
        assertEquals(CommandLineTest.run(pop).out(), out);
    }
}
