package org.nanopk.examples;

import java.nio.file.Path;

import org.nanopk.Model;
import org.nanopk.io.ModelJson;
import org.nanopk.mechanism.Presets;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where a command's model comes from: a model file or {@code --preset NAME} (one of them). */
final class ModelSource {
    @Parameters(index = "0", paramLabel = "MODEL.json", description = "The model file.")
    Path file;

    @Option(names = "--preset", paramLabel = "NAME", description = "A preset model instead (see: nanopk presets; "
        + "any case).")
    String preset;

    /** The model: the preset of that name, or the file read. */
    Model load() {
        return preset != null ? Presets.byName(preset) : ModelJson.read(file);
    }

    /** The model file as an input of the command (no path for a preset). */
    Cli.Input input() {
        return new Cli.Input("the model file", file);
    }
}
