package org.nanopk.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanopk lesson 03}: runs a JShell lesson non-interactively; without a number, lists them. */
@Command(name = "lesson", mixinStandardHelpOptions = true, description = "Run a JShell lesson of examples/lessons non-interactively (e.g. nanopk "
    + "lesson 03); without a number, list the lessons. Charts are saved in nanopk-charts/.")
final class LessonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NN", description = "The lesson number.")
    String number;

    @Option(names = "--charts", paramLabel = "DIR", defaultValue = "nanopk-charts",
        description = "Where to save the lesson's charts (default ${DEFAULT-VALUE}).")
    Path charts;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Path home = Lessons.home();
        if (number == null) {
            Lessons.list(home).forEach(p -> w.println(p.getFileName()));
            w.println("run one with: nanopk lesson 01 (or open them in ./nanopk jshell with /open)");
            return 0;
        }
        Path lesson = Lessons.find(home, number);
        w.flush();
        int n = Lessons.run(lesson, home, charts, System.out);
        w.println("lesson " + lesson.getFileName() + ": " + n + " snippets ran; charts in " + charts);
        return 0;
    }
}
