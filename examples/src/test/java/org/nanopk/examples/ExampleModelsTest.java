package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.nanopk.Model;
import org.nanopk.io.ModelJson;
import org.nanopk.mechanism.Presets;

/** The model files in examples/models: they read, they equal the presets, and they survive a round trip. */
class ExampleModelsTest {
    static final Path MODELS = Path.of("models");

    @Test
    void np9FileIsThePreset() {
        Model fromFile = ModelJson.read(MODELS.resolve("np9.json"));
        assertEquals(Presets.np9(), fromFile);
        assertEquals(fromFile, ModelJson.parse(ModelJson.toJson(fromFile)));
    }

    @Test
    void np9StiffFileIsThePreset() {
        Model fromFile = ModelJson.read(MODELS.resolve("np9-stiff.json"));
        assertEquals(Presets.np9Stiff(), fromFile);
        assertEquals(fromFile, ModelJson.parse(ModelJson.toJson(fromFile)));
    }
}
