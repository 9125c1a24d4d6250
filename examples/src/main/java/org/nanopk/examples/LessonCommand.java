package org.nanopk.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanopk lesson 03}: runs a lesson in the jshell tool with /open; without a number, lists them. */
@Command(name = "lesson", mixinStandardHelpOptions = true, description = {"Run a lesson of examples/lessons in the "
    + "JDK's jshell tool with /open, as ./nanopk jshell would (e.g. nanopk lesson 03); without a number, list them.",
    "The lessons are the notebooks of examples/notebooks (./nanopk notebook); --export writes their JShell twins."})
final class LessonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NN", description = "The lesson number.")
    String number;

    @Option(names = "--export", description = "Write examples/lessons/NN-*.jsh from the notebooks.")
    boolean export;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Path home = Lessons.home();
        if (export) {
            Lessons.export(home).forEach(p -> w.println("wrote " + p));
            return 0;
        }
        if (number == null) {
            Lessons.list(home).forEach(p -> w.println(p.getFileName()));
            w.println("run one with: nanopk lesson 01, /open it in ./nanopk jshell, or open the notebooks with "
                + "./nanopk notebook");
            return 0;
        }
        Path lesson = Lessons.find(home, number);
        w.flush();
        Lessons.runOpen(lesson, home, System.out);
        w.println("lesson " + lesson.getFileName() + " ran in jshell without errors");
        return 0;
    }
}
