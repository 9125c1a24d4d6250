package org.nanopk.mechanism;

import java.util.function.Consumer;

import org.nanopk.Model;
import org.nanopk.internal.Checks;

/**
 * The intracellular fate of a payload: internalisation from {@code source} into endosomes (kInt),
 * then from the endosome escape to the cytosol (kEsc), lysosomal degradation (kDeg, into the sink
 * {@code degraded}) or exocytosis out of the cell (kExo, into the sink {@code exocytosed}); an
 * optional cytosolic degradation kCyt. Competing first-order routes make the escape fraction
 * <pre>
 * escapeFraction = kEsc/(kEsc + kDeg + kExo)
 * </pre>
 * the share of internalised payload that ever reaches the cytosol; it is added as a derived parameter.
 * Measured values are around 1–2 % for lipid nanoparticle siRNA (Gilleron et al. 2013, Nature
 * Biotechnology 31:638), with about 70 % of the internalised siRNA exocytosed (Sahay et al. 2013,
 * Nature Biotechnology 31:653).
 */
public final class EndosomalEscape implements Consumer<Model.Builder> {
    private final String source;
    private final double kInt;
    private final double kEsc;
    private final double kDeg;
    private final double kExo;
    private final double kCyt;

    private EndosomalEscape(String source, double kInt, double kEsc, double kDeg, double kExo, double kCyt) {
        this.source = Checks.name("source compartment", source);
        this.kInt = Checks.nonNegative("kInt (1/h)", kInt);
        this.kEsc = Checks.nonNegative("kEsc (1/h)", kEsc);
        this.kDeg = Checks.nonNegative("kDeg (1/h)", kDeg);
        this.kExo = Checks.nonNegative("kExo (1/h)", kExo);
        this.kCyt = Checks.nonNegative("kCyt (1/h)", kCyt);
        if (!(kEsc + kDeg + kExo > 0)) {
            throw new IllegalArgumentException("kEsc + kDeg + kExo = 0: expected at least one route out of the endosome");
        }
    }

    /** Internalisation from {@code source} at 1 /h, escape 0.02 /h, degradation 1 /h, no exocytosis. */
    public static EndosomalEscape from(String source) {
        return new EndosomalEscape(source, 1, 0.02, 1, 0, 0);
    }

    /**
     * Gilleron et al. 2013 / Sahay et al. 2013: escape 1.5 % and 70 % exocytosed of what leaves the
     * endosome (kEsc 0.0075, kExo 0.35, kDeg 0.1425 /h: a total of 0.5 /h), internalisation 1 /h.
     */
    public static EndosomalEscape gilleron2013(String source) {
        return new EndosomalEscape(source, 1, 0.0075, 0.1425, 0.35, 0);
    }

    /**
     * About 17 % escape (Apgar et al. 2018, lipid nanoparticle mRNA): kEsc 0.085, kDeg 0.415 /h,
     * no exocytosis, internalisation 1 /h.
     */
    public static EndosomalEscape apgar2018(String source) {
        return new EndosomalEscape(source, 1, 0.085, 0.415, 0, 0);
    }

    /** This block with other rates (1/h): internalisation, escape, lysosomal degradation, exocytosis. */
    public EndosomalEscape withRates(double internalisation, double escape, double degradation, double exocytosis) {
        return new EndosomalEscape(source, internalisation, escape, degradation, exocytosis, kCyt);
    }

    /** This block with degradation of the payload in the cytosol (1/h). */
    public EndosomalEscape withCytosolicDegradation(double k) {
        return new EndosomalEscape(source, kInt, kEsc, kDeg, kExo, k);
    }

    /** kEsc/(kEsc + kDeg + kExo) of this block. */
    public double escapeFraction() {
        return kEsc / (kEsc + kDeg + kExo);
    }

    @Override
    public void accept(Model.Builder b) {
        b.parameterIfAbsent("kInt", kInt).parameterIfAbsent("kEsc", kEsc).parameterIfAbsent("kDeg", kDeg)
            .parameterIfAbsent("kExo", kExo).parameterIfAbsent("kCyt", kCyt)
            .parameterIfAbsent("escapeFraction", "kEsc/(kEsc+kDeg+kExo)");
        b.compartment("endosome").compartment("cytosol").sink("degraded").sink("exocytosed");
        b.firstOrder(source, "endosome", "kInt");
        b.firstOrder("endosome", "cytosol", "kEsc");
        b.firstOrder("endosome", "degraded", "kDeg");
        b.firstOrder("endosome", "exocytosed", "kExo");
        b.firstOrder("cytosol", "degraded", "kCyt");
    }

    @Override
    public String toString() {
        return "endosomal escape from " + source + " (escape fraction " + Checks.g(escapeFraction()) + ")";
    }
}
