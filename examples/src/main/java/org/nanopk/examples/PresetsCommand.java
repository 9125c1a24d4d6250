package org.nanopk.examples;

import java.util.concurrent.Callable;

import org.nanopk.mechanism.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nanopk presets}: lists the preset models. */
@Command(name = "presets", mixinStandardHelpOptions = true, description = "List the preset models (use with simulate --preset NAME).")
final class PresetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Presets.describeAll());
        return 0;
    }
}
