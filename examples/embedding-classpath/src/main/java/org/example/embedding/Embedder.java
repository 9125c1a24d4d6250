package org.example.embedding;

import java.util.Map;

import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.io.ModelJson;
import org.nanopk.mechanism.Presets;
import org.nanopk.population.Population;

/** What an embedding tool does with NanoPK: build or load a model, simulate variants, read results. */
public final class Embedder {
    private Embedder() {
    }

    /** A one-compartment model with elimination rate {@code k} (1/h). */
    public static Model oneCompartment(double k) {
        return Model.builder("embedded").compartment("blood", 1.7).sink("urine").parameter("k", k)
            .firstOrder("blood", "urine", "k").dose(Dose.bolus("blood", 100)).build();
    }

    /** %ID in blood at {@code t} h. */
    public static double percentInBlood(Model m, double t) {
        Simulation s = m.simulate(Times.grid(0, t, t));
        return s.percentId("blood").at(t);
    }

    /** The model read back from its JSON. */
    public static Model roundTrip(Model m) {
        return ModelJson.parse(ModelJson.toJson(m));
    }

    /** The median tumour %ID at 24 h of a small NP9 population. */
    public static double medianDe24(int n) {
        return Population.of(Presets.np9()).withVariability("kEPR", 0.3).withSeed(1)
            .study(0, 24).readout("DE24", s -> s.percentId("Tumor").at(24)).percentiles(50).run(n).readout("DE24")[4];
    }

    /** Parameters changed for a variant. */
    public static Model variant(Model m, double k) {
        return m.with(Map.of("k", k));
    }
}
