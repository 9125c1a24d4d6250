package org.nanopk.mechanism;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nanopk.Compartment;
import org.nanopk.internal.Checks;
import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.RateLaw;
import org.nanopk.Regimen;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.solve.Solver;

/**
 * The mouse nanoparticle–tumour PBPK model of Chou, Lin et al. 2023 ("An artificial
 * intelligence-assisted physiologically-based pharmacokinetic model to predict nanoparticle delivery
 * to tumors in mice"; lineage Lin et al. 2016, Nanotoxicology 10:162; Cheng et al. 2020, ACS Nano
 * 14:3075), restated from the authors' mrgsolve code (repository UFPBPK/Nano-AI-PBPK-G1, CC0) with
 * every quirk kept, so that its numbers agree with theirs:
 * <ul>
 * <li>27 body compartments: arterial (20 % of plasma) and venous (80 %) plasma; lung, muscle, rest of
 * body, kidney, spleen, liver and tumour each as capillary blood, tissue and phagocytic (RES) cells;
 * brain as blood and tissue; urine and bile as sinks.</li>
 * <li>Blood flows as {@code flow} laws (the spleen drains into the liver; the lung receives the full
 * cardiac output), capillary ↔ tissue exchange as {@code permeability} laws with PA a fraction of the
 * organ's blood flow (the lung's of cardiac output), phagocytic uptake as {@code hillTime} laws
 * KXRESmax·tⁿ/(KXRES50ⁿ + tⁿ) — in the liver acting on the liver <em>blood</em> (a quirk of the
 * original) — with first-order release, urinary clearance from kidney blood and biliary clearance from
 * liver tissue.</li>
 * <li>Integrals ATRESUP and ATRESrel (cumulative tumour RES uptake and release) and AUCTumor
 * (∫ tumour concentration dt, mg·h/L). The original's ADOSE (cumulative dose) is
 * {@link Simulation#dosed()}.</li>
 * </ul>
 * Units: amounts in mg, time in h, volumes in mL (the original's litres × 1000), flows in mL/h.
 * All 80 parameters of the original are declared with its defaults (unused ones included, as
 * documented there); derived volumes, flows and permeabilities are expressions of them.
 *
 * <p>Dataset rows (the authors' file of 378 fitted datasets, {@code chou2023_G1_nanotumor_fitted_pbpk_params.csv})
 * are read by {@link #forDataset(Map)}: the columns KTRESrelease, KTRESmax, KTRES50, KTRESn, QTC, VTC,
 * BVT, PT and PATC set those parameters, BW is read in grams (÷ 1000), and the dose is a 0.005 h
 * infusion of Dose (mg/kg) × BW (kg) into venous plasma. Delivery efficiency DE(t) is the tumour's
 * %ID; DE24 and DE168 at 24 and 168 h, DEmax the largest on the grid 0, 0.1, …, 180 h.
 */
public final class Chou2023 {
    /** Duration of the IV dose (h). */
    public static final double INFUSION_H = 0.005;
    /** The dataset columns that set parameters of the model. */
    public static final List<String> DATASET_PARAMETERS = List.of("KTRESrelease", "KTRESmax", "KTRES50", "KTRESn",
        "QTC", "VTC", "BVT", "PT", "PATC");

    private static final List<String> ORGANS_WITH_RES = List.of("Lu", "M", "R", "K", "S", "L", "T");

    private Chou2023() {
    }

    /** The output grid of the original: 0, 0.1, …, 180 h. */
    public static double[] grid() {
        return Times.grid(0, 180, 0.1);
    }

    /** The model with the original's default parameters and a 1 mg/kg dose (0.02 mg for the 20 g mouse). */
    public static Model model() {
        Model.Builder b = Model.builder("Chou 2023 mouse nanoparticle-tumour PBPK");
        parameters(b);
        compartments(b);
        transfers(b);
        b.integral("ATRESUP", "KTRESmax*t^KTRESn/(KTRES50^KTRESn+t^KTRESn)*ATt");
        b.integral("ATRESrel", "KTRESrelease*ATRES");
        b.integral("AUCTumor", "(ATb+ATt+ATRES)/VT");
        b.output("Tumor", "ATb+ATt+ATRES", "VT*1000");
        b.output("CTumor", "(ATb+ATt+ATRES)/VT");
        b.output("Body", "AA+AV+ALub+ALut+ALuRES+ABrb+ABrt+AMb+AMt+AMRES+ARb+ARt+ARRES+AKb+AKt+AKRES"
            + "+ASb+ASt+ASRES+ALb+ALt+ALRES+ATb+ATt+ATRES");
        b.output("Excreted", "Aurine+Abile");
        b.dose(Dose.infusion("AV", 1 * 0.02, INFUSION_H));
        return b.build();
    }

    /**
     * The model for one row of the authors' dataset file: the row's tumour parameters, body weight
     * (g → kg) and dose (mg/kg × BW as a 0.005 h infusion into venous plasma). Keys are column names;
     * missing columns keep the defaults.
     *
     * @throws IllegalArgumentException if a used value is not a number
     */
    public static Model forDataset(Map<String, String> row) {
        Model m = model();
        Map<String, Double> values = new LinkedHashMap<>();
        for (String p : DATASET_PARAMETERS) {
            String v = row.get(p);
            if (v != null) {
                values.put(p, number(p, v));
            }
        }
        double bwKg = row.containsKey("BW") ? number("BW", row.get("BW")) / 1000 : 0.02;
        values.put("BW", bwKg);
        double doseMgPerKg = row.containsKey("Dose") ? number("Dose", row.get("Dose")) : 1;
        if (!(doseMgPerKg > 0)) {
            throw new IllegalArgumentException("Dose = " + doseMgPerKg + " mg/kg: expected a dose > 0");
        }
        return m.with(values).withRegimen(Regimen.of(Dose.infusion("AV", doseMgPerKg * bwKg, INFUSION_H)));
    }

    /**
     * The model for the dataset with this ID in a file laid out as the authors' dataset file
     * ({@code examples/data/chou2023_G1_nanotumor_fitted_pbpk_params.csv}: an ID column, then the
     * columns {@link #forDataset(Map)} reads).
     */
    public static Model forDataset(java.nio.file.Path file, String id) {
        Checks.notNull("dataset ID", id);
        org.nanopk.io.CsvTable t = org.nanopk.io.CsvTable.read(file);
        int idColumn = t.column("ID");
        if (idColumn < 0) {
            throw new IllegalArgumentException(file + ": no ID column; expected the authors' dataset file layout");
        }
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            String v = t.cell(r, idColumn).trim();
            ids.add(v);
            if (v.equals(id)) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < t.header().size(); c++) {
                    row.put(t.header().get(c), t.cell(r, c));
                }
                return forDataset(row);
            }
        }
        throw new IllegalArgumentException(file + ": no dataset with ID '" + id + "'; known: "
            + String.join(", ", ids.size() > 20 ? ids.subList(0, 20) : ids) + (ids.size() > 20 ? ", …" : ""));
    }

    private static double number(String column, String text) {
        double v = Checks.finiteDecimal(text == null ? null : text.trim());
        if (!Double.isNaN(v)) {
            return v;
        }
        throw new IllegalArgumentException("column " + column + ": '" + text + "' is not a finite decimal number");
    }

    /**
     * DE24, DE168 and DEmax (%ID of output {@code Tumor}) as the original defines them: DEmax is the
     * largest value at the simulation's output times ({@link #grid()} in the original). The largest value
     * of the solution itself, between output times too, is {@code s.percentId("Tumor").max()}.
     */
    public static Map<String, Double> deliveryEfficiency(Simulation s) {
        org.nanopk.Series de = s.percentId("Tumor");
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("DE24", de.at(24));
        out.put("DE168", de.at(168));
        double gridMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < de.size(); i++) {
            gridMax = Math.max(gridMax, de.value(i));
        }
        out.put("DEmax", gridMax);
        return out;
    }

    /** Simulates a model of this family on {@link #grid()} with the stiff solver at rtol/atol. */
    public static Simulation simulate(Model m, double rtol, double atol) {
        return m.simulate(m.regimen(), grid(), Solver.stiff().withTolerances(rtol, atol));
    }

    // ---- the model ---------------------------------------------------------------------------

    private static void parameters(Model.Builder b) {
        // $PARAM of the original, in declaration order
        Object[][] p = {
            {"QCC", 16.5}, {"QLC", 0.02}, {"QLuC", 1}, {"QKC", 0.091}, {"QBrC", 0.033}, {"QSC", 0.011},
            {"QMC", 0.159}, {"QTC", 0.033}, {"BW", 0.02}, {"VLC", 0.055}, {"VLuC", 0.007}, {"VKC", 0.017},
            {"VBrC", 0.017}, {"VSC", 0.005}, {"VBldC", 0.06}, {"VPlasC", 0.0355}, {"VMC", 0.384}, {"VTC", 0.04},
            {"BVL", 0.31}, {"BVBr", 0.03}, {"BVK", 0.24}, {"BVS", 0.17}, {"BVLu", 0.5}, {"BVM", 0.04},
            {"BVR", 0.04}, {"BVT", 0.03}, {"PL", 0.08}, {"PK", 0.15}, {"PBr", 0.15}, {"PS", 0.15}, {"PLu", 0.15},
            {"PM", 0.15}, {"PR", 0.15}, {"PH", 0.15}, {"PT", 0.15}, {"PALC", 0.001}, {"PABrC", 1e-6},
            {"PAKC", 0.01}, {"PASC", 0.15}, {"PALuC", 0.001}, {"PAMC", 5e-5}, {"PARC", 5e-5}, {"PATC", 0.001},
            {"KLRESrelease", 0.0015}, {"KLRESmax", 0.3}, {"KLRES50", 48}, {"KLRESn", 5}, {"ALREScap", 100},
            {"KSRESrelease", 0.001}, {"KSRESmax", 5}, {"KSRES50", 36}, {"KSRESn", 5}, {"ASREScap", 200},
            {"KKRESrelease", 0.001}, {"KKRESmax", 0.12}, {"KKRES50", 48}, {"KKRESn", 5}, {"AKREScap", 15},
            {"KLuRESrelease", 0.003}, {"KLuRESmax", 0.085}, {"KLuRES50", 48}, {"KLuRESn", 5},
            {"ALuREScap", 100},
            {"KMRESrelease", 0.005}, {"KMRESmax", 0.4}, {"KMRES50", 48}, {"KMRESn", 5}, {"AMREScap", 15},
            {"KRRESrelease", 0.005}, {"KRRESmax", 0.4}, {"KRRES50", 48}, {"KRRESn", 5}, {"ARREScap", 15},
            {"KTRESrelease", 0.005}, {"KTRESmax", 0.4}, {"KTRES50", 24}, {"KTRESn", 5}, {"ATREScap", 1},
            {"KbileC", 3e-5}, {"KurineC", 3e-6},
        };
        for (Object[] e : p) {
            b.parameter((String) e[0], ((Number) e[1]).doubleValue());
        }
        // derived quantities (L, L/h)
        b.parameter("QRC", "1-(QLC+QKC+QSC+QTC+QBrC+QMC)");
        b.parameter("VRC", "1-(VLC+VLuC+VKC+VSC+VBrC+VMC+VTC+VPlasC)");
        b.parameter("QC", "QCC*BW^0.75");
        for (String x : new String[] {"L", "Br", "K", "S", "M", "T", "R"}) {
            b.parameter("Q" + x, "QC*Q" + x + "C");
        }
        for (String x : new String[] {"L", "Lu", "K", "Br", "S", "M", "T", "R"}) {
            b.parameter("V" + x, "BW*V" + x + "C");
        }
        b.parameter("VPlasma", "BW*VPlasC");
        for (String x : new String[] {"L", "Br", "K", "S", "Lu", "M", "R", "T"}) {
            b.parameter("V" + x + "b", "V" + x + "*BV" + x);
            b.parameter("V" + x + "t", "V" + x + "-V" + x + "b");
        }
        b.parameter("PAL", "PALC*QL");
        b.parameter("PABr", "PABrC*QBr");
        b.parameter("PAK", "PAKC*QK");
        b.parameter("PAS", "PASC*QS");
        b.parameter("PALu", "PALuC*QC");
        b.parameter("PAM", "PAMC*QM");
        b.parameter("PAR", "PARC*QR");
        b.parameter("PAT", "PATC*QT");
        b.parameter("Kbile", "KbileC*BW^0.75");
        b.parameter("Kurine", "KurineC*BW^0.75");
    }

    private static void compartments(Model.Builder b) {
        b.compartment("AA", "0.2*VPlasma*1000");
        b.compartment("AV", "0.8*VPlasma*1000");
        tissue(b, "Lu", true);
        tissue(b, "Br", false);
        tissue(b, "M", true);
        tissue(b, "R", true);
        tissue(b, "K", true);
        b.sink("Aurine");
        tissue(b, "S", true);
        tissue(b, "L", true);
        b.sink("Abile");
        tissue(b, "T", true);
    }

    /** Capillary blood AXb, tissue AXt (volumes in mL) and, if any, the RES cells AXRES. */
    private static void tissue(Model.Builder b, String x, boolean res) {
        b.compartment(Compartment.of("A" + x + "b").withVolume("V" + x + "b*1000"));
        b.compartment(Compartment.of("A" + x + "t").withVolume("V" + x + "t*1000"));
        if (res) {
            b.compartment("A" + x + "RES");
        }
    }

    private static void transfers(Model.Builder b) {
        // lung: all of the cardiac output from the vein, then to the artery
        b.transfer("AV", "ALub", RateLaw.flow("QC*1000"));
        b.transfer("ALub", "AA", RateLaw.flow("QC*1000"));
        // arterial supply and venous return of the systemic organs (the spleen drains into the liver)
        for (String x : new String[] {"Br", "M", "R", "K", "S", "L", "T"}) {
            b.transfer("AA", "A" + x + "b", RateLaw.flow("Q" + x + "*1000"));
            b.transfer("A" + x + "b", x.equals("S") ? "ALb" : "AV", RateLaw.flow("Q" + x + "*1000"));
        }
        // capillary blood <-> tissue
        for (String x : new String[] {"Lu", "Br", "M", "R", "K", "S", "L", "T"}) {
            b.transfer("A" + x + "b", "A" + x + "t", RateLaw.permeability("PA" + x + "*1000", "P" + x));
        }
        // phagocytic uptake (Hill in time since the dose) and release; in the liver from the blood
        for (String x : ORGANS_WITH_RES) {
            String from = x.equals("L") ? "ALb" : "A" + x + "t";
            b.transfer(from, "A" + x + "RES", RateLaw.hillTime("K" + x + "RESmax", "K" + x + "RES50", "K" + x + "RESn"));
            b.transfer("A" + x + "RES", from, RateLaw.firstOrder("K" + x + "RESrelease"));
        }
        // excretion: urine from kidney blood, bile from liver tissue
        b.transfer("AKb", "Aurine", RateLaw.flow("Kurine*1000"));
        b.transfer("ALt", "Abile", RateLaw.flow("Kbile*1000"));
    }

    /** A short description for listings. */
    static String describe() {
        return String.format(Locale.ROOT, "Chou et al. 2023 mouse nanoparticle-tumour PBPK (27 compartments, "
            + "0.005 h IV infusion)");
    }
}
