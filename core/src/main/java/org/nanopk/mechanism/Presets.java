package org.nanopk.mechanism;

import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.RateLaw;

/**
 * Ready-made models, each documented with its source. Every preset is an ordinary {@link Model}:
 * print it, change it with {@code with(...)}, save it as JSON, simulate it, fit it.
 */
public final class Presets {
    private Presets() {
    }

    /**
     * NP9, NanoPK's benchmark model (design §7): a nanoparticle bolus of 100 %ID into blood B at t = 0,
     * cleared by the kidneys (U), leaking into the tumour interstitium Ti (EPR) and back, taken up by
     * liver L and spleen S macrophages with saturable (Michaelis–Menten) kinetics, by tumour macrophages
     * Tm and by tumour cells into endosomes E; from E a small fraction escapes to the cytosol C, the
     * rest is degraded (D). Amounts in %ID, time in h. Output {@code Tumor = Ti+Tm+E+C}.
     *
     * <pre>
     * B→U  kR·B            B→Ti kEPR·B          Ti→B kBack·Ti
     * B→L  VmL·B/(KmL+B)   B→S  VmS·B/(KmS+B)   Ti→Tm kTAM·Ti      Ti→E kCell·Ti
     * E→C  kEsc·E          E→D  kDeg·E          Tm→D kTdeg·Tm      C→D  kCdeg·C
     * </pre>
     */
    public static Model np9() {
        return np9Builder("NP9").build();
    }

    /**
     * NP9-stiff: NP9 plus fast reversible protein binding in blood, B ⇄ P with kon = 1000 /h and
     * koff = 500 /h (design §7). The binding makes the system stiff (eigenvalue about −1500 /h).
     */
    public static Model np9Stiff() {
        Model.Builder b = np9Builder("NP9-stiff");
        return b.compartment("P")
            .parameter("kon", 1000)
            .parameter("koff", 500)
            .firstOrder("B", "P", "kon")
            .firstOrder("P", "B", "koff")
            .build();
    }

    /** The preset names, as accepted by {@link #byName(String)}. */
    public static java.util.List<String> names() {
        return java.util.List.of("np9", "np9-stiff");
    }

    /**
     * The preset called {@code name} (see {@link #names()}).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Model byName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("preset name is null; known: " + String.join(", ", names()));
        }
        switch (name) {
            case "np9":
                return np9();
            case "np9-stiff":
                return np9Stiff();
            default:
                throw new IllegalArgumentException("unknown preset '" + name + "'; known: "
                    + String.join(", ", names()));
        }
    }

    /** A table of the presets: name, compartments, and a one-line description. */
    public static String describeAll() {
        org.nanopk.internal.Table t = new org.nanopk.internal.Table("preset", "compartments", "description");
        t.row("np9", "9", "NanoPK benchmark nanoparticle model (design section 7), 100 %ID bolus");
        t.row("np9-stiff", "10", "NP9 plus fast reversible protein binding in blood (stiff)");
        return t.toString();
    }

    private static Model.Builder np9Builder(String name) {
        return Model.builder(name)
            .compartment("B").compartment("Ti").compartment("Tm").compartment("L").compartment("S")
            .compartment("E").compartment("C").sink("D").sink("U")
            .parameter("kR", 0.01)
            .parameter("kEPR", 0.02)
            .parameter("kBack", 0.05)
            .parameter("VmL", 20)
            .parameter("KmL", 5)
            .parameter("VmS", 5)
            .parameter("KmS", 5)
            .parameter("kTAM", 0.1)
            .parameter("kCell", 0.05)
            .parameter("kEsc", 0.02)
            .parameter("kDeg", 1.0)
            .parameter("kTdeg", 0.01)
            .parameter("kCdeg", 0.05)
            .firstOrder("B", "U", "kR")
            .firstOrder("B", "Ti", "kEPR")
            .firstOrder("Ti", "B", "kBack")
            .transfer("B", "L", RateLaw.michaelisMenten("VmL", "KmL"))
            .transfer("B", "S", RateLaw.michaelisMenten("VmS", "KmS"))
            .firstOrder("Ti", "Tm", "kTAM")
            .firstOrder("Ti", "E", "kCell")
            .firstOrder("E", "C", "kEsc")
            .firstOrder("E", "D", "kDeg")
            .firstOrder("Tm", "D", "kTdeg")
            .firstOrder("C", "D", "kCdeg")
            .output("Tumor", "Ti+Tm+E+C")
            .dose(Dose.bolus("B", 100));
    }
}
