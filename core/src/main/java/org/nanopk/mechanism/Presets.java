package org.nanopk.mechanism;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.RateLaw;
import org.nanopk.Table;

/**
 * Ready-made models, each documented with its source. Every preset is an ordinary {@link Model}:
 * print it, change it with {@code with(...)}, save it as JSON, simulate it, fit it.
 */
public final class Presets {
    private Presets() {
    }

    /**
     * NP9, NanoPK's benchmark model: a nanoparticle bolus of 100 %ID into blood B at t = 0,
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
     * koff = 500 /h. The binding makes the system stiff (eigenvalue about −1500 /h).
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

    /**
     * The four-compartment teaching model: blood (1.2 mL), phagocytes with saturable uptake (Vmax
     * 15 %ID/h, Km 10 %ID), the tumour (0.5 g) with EPR leakage (kEPR 0.03 /h, washout 0.05 /h) and its
     * cells' cytosol (internalisation and escape lumped, 0.002 /h), and renal clearance into urine
     * (kR 0.02 /h). Round numbers for lessons, not fitted to data. 100 %ID bolus into blood.
     */
    public static Model teaching() {
        return Model.builder("teaching")
            .compartment("blood", 1.2).compartment("phagocytes").compartment("Tumor", 0.5, 0.5)
            .compartment("cytosol").sink("urine")
            .parameter("Vmax", 15).parameter("Km", 10).parameter("kEPR", 0.03).parameter("kBack", 0.05)
            .parameter("kCyt", 0.002).parameter("kR", 0.02)
            .transfer("blood", "phagocytes", RateLaw.michaelisMenten("Vmax", "Km"))
            .firstOrder("blood", "Tumor", "kEPR").firstOrder("Tumor", "blood", "kBack")
            .firstOrder("Tumor", "cytosol", "kCyt").firstOrder("blood", "urine", "kR")
            .dose(Dose.bolus("blood", 100))
            .build();
    }

    /**
     * The dose-threshold model of Ouyang et al. 2020 (Nature Materials 19:1362; the authors' MATLAB model,
     * repository beeno/trillionParticlesODEs): blood B and four sinks with bimolecular, capacity-limited
     * uptake k_j·B·(cap_j − A_j) — Kupffer cells L, other liver cells I, tumour T, other organs O.
     * Amounts in units of 1e10 particles; k in 1/(1e10 particles·h). The default dose is the high dose,
     * 5e3 (5e13 particles), as a bolus into B. Outputs: {@code Tumor} (= T), {@code Liver} (= L + I),
     * {@code KupfferSaturation} (= L/capL).
     */
    public static Model ouyang2020() {
        return Model.builder("Ouyang 2020 dose threshold")
            .compartment("B").compartment("L").compartment("I").compartment("T").compartment("O")
            .parameter("kL", 4e-3).parameter("kI", 1.2e-3).parameter("kT", 5.5e-7).parameter("kO", 1e-4)
            .parameter("capL", 1e2).parameter("capI", 1.5e3).parameter("capT", 1e4).parameter("capO", 1.8e3)
            .transfer("B", "L", RateLaw.bimolecularCapacity("kL", "capL"))
            .transfer("B", "I", RateLaw.bimolecularCapacity("kI", "capI"))
            .transfer("B", "T", RateLaw.bimolecularCapacity("kT", "capT"))
            .transfer("B", "O", RateLaw.bimolecularCapacity("kO", "capO"))
            .output("Tumor", "T").output("Liver", "L+I").output("KupfferSaturation", "L/capL")
            .dose(Dose.bolus("B", 5e3))
            .build();
    }

    /**
     * Endosomal escape as measured for lipid nanoparticle siRNA (Gilleron et al. 2013; 70 % exocytosed,
     * Sahay et al. 2013): 100 %ID placed outside the cells ({@code extracellular}), internalised and
     * sorted as in {@link EndosomalEscape#gilleron2013(String)}; about 1.5 % reaches the cytosol.
     */
    public static Model gilleron2013() {
        return Model.builder("Gilleron 2013 endosomal escape").compartment("extracellular")
            .apply(EndosomalEscape.gilleron2013("extracellular"))
            .dose(Dose.bolus("extracellular", 100)).build();
    }

    /** Endosomal escape of about 17 % (Apgar et al. 2018); see {@link EndosomalEscape#apgar2018(String)}. */
    public static Model apgar2018() {
        return Model.builder("Apgar 2018 endosomal escape").compartment("extracellular")
            .apply(EndosomalEscape.apgar2018("extracellular"))
            .dose(Dose.bolus("extracellular", 100)).build();
    }

    /** The Chou et al. 2023 PBPK preset, see {@link Chou2023}. */
    public static Model chou2023() {
        return Chou2023.model();
    }

    private static final Map<String, String> DESCRIPTIONS = descriptions();

    private static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("np9", "NanoPK benchmark nanoparticle model, 100 %ID bolus into blood");
        d.put("np9-stiff", "NP9 plus fast reversible protein binding in blood (stiff)");
        d.put("teaching", "four compartments for lessons: blood, phagocytes, tumour, cytosol");
        d.put("chou2023", "Chou et al. 2023 mouse nanoparticle-tumour PBPK model (27 compartments)");
        d.put("ouyang2020", "Ouyang et al. 2020 dose threshold: capacity-limited uptake, 5e13 particles");
        d.put("gilleron2013", "endosomal escape of LNP siRNA, about 1.5 % (Gilleron 2013, Sahay 2013)");
        d.put("apgar2018", "endosomal escape of about 17 % (Apgar 2018)");
        return java.util.Collections.unmodifiableMap(d);
    }

    /** The preset names, as accepted by {@link #byName(String)}. */
    public static List<String> names() {
        return List.copyOf(DESCRIPTIONS.keySet());
    }

    /**
     * The preset called {@code name} (see {@link #names()}; any case).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Model byName(String name) {
        String key = name == null ? null : name.trim().toLowerCase(java.util.Locale.ROOT);
        if (key == null || !DESCRIPTIONS.containsKey(key)) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; known: " + String.join(", ", names()));
        }
        switch (key) {
            case "np9":
                return np9();
            case "np9-stiff":
                return np9Stiff();
            case "teaching":
                return teaching();
            case "chou2023":
                return chou2023();
            case "ouyang2020":
                return ouyang2020();
            case "gilleron2013":
                return gilleron2013();
            default:
                return apgar2018();
        }
    }

    /** A table of the presets: name, compartments, and a one-line description. */
    public static String describeAll() {
        Table.Builder t = Table.builder("preset", "compartments", "description");
        for (Map.Entry<String, String> e : DESCRIPTIONS.entrySet()) {
            t.row(e.getKey(), Integer.toString(byName(e.getKey()).compartments().size()), e.getValue());
        }
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
