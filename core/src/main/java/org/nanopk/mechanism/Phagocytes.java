package org.nanopk.mechanism;

import java.util.function.Consumer;

import org.nanopk.Model;
import org.nanopk.RateLaw;
import org.nanopk.internal.Checks;

/**
 * Clearance by phagocytes of the mononuclear phagocyte system (liver Kupffer cells, spleen and tumour
 * macrophages): uptake from a source compartment into a phagocyte compartment by one of the uptake
 * laws of {@link org.nanopk.RateLaw}, with optional first-order release. Parameters are named after the phagocyte
 * compartment, e.g. {@code KupfferVmax}, {@code KupfferKm}, {@code KupfferRelease}.
 *
 * <ul>
 * <li>{@link #saturable}: Vmax·A/(Km + A) (%ID/h, %ID) — the uptake that saturates at high doses.</li>
 * <li>{@link #capacity}: kmax·(1 − A_cells/Cap)·A — uptake that stops when the cells are full.</li>
 * <li>{@link #bimolecular}: k·A·(Cap − A_cells) — Ouyang et al. 2020 (Nature Materials 19:1362).</li>
 * <li>{@link #hillTime}: kmax·tⁿ/(t50ⁿ + tⁿ)·A — rising after injection (Lin et al. 2016 lineage).</li>
 * </ul>
 * The presets: {@link #liver} (Vmax 20 %ID/h, Km 5 %ID) and {@link #spleen} (5, 5) are NP9's (design
 * §7); {@link #tumour} uses Chou et al. 2023's tumour RES defaults (kmax 0.4 /h, t50 24 h, n 5,
 * release 0.005 /h).
 */
public final class Phagocytes implements Consumer<Model.Builder> {
    private final String cells;
    private final String from;
    private final String law;
    private final double[] values;
    private final double release;

    private Phagocytes(String cells, String from, String law, double[] values, double release) {
        this.cells = Checks.name("phagocyte compartment", cells);
        this.from = Checks.name("source compartment", from);
        this.law = law;
        for (double v : values) {
            Checks.nonNegative("uptake parameter of " + cells, v);
        }
        this.values = values.clone();
        this.release = Checks.nonNegative("release rate of " + cells + " (1/h)", release);
    }

    /** Liver Kupffer cells ("Kupffer") taking up from {@code from}: saturable, Vmax 20 %ID/h, Km 5 %ID. */
    public static Phagocytes liver(String from) {
        return new Phagocytes("Kupffer", from, "saturable", new double[] {20, 5}, 0);
    }

    /** Spleen macrophages ("SpleenMac") taking up from {@code from}: saturable, Vmax 5 %ID/h, Km 5 %ID. */
    public static Phagocytes spleen(String from) {
        return new Phagocytes("SpleenMac", from, "saturable", new double[] {5, 5}, 0);
    }

    /** Tumour macrophages ("TumourMac") taking up from {@code from}: Hill in time (Chou et al. 2023 defaults). */
    public static Phagocytes tumour(String from) {
        return new Phagocytes("TumourMac", from, "hillTime", new double[] {0.4, 24, 5}, 0.005);
    }

    /** Phagocytes in compartment {@code cells} taking up from {@code from}, saturable by default. */
    public static Phagocytes of(String cells, String from) {
        return new Phagocytes(cells, from, "saturable", new double[] {10, 10}, 0);
    }

    /** Saturable uptake Vmax·A/(Km + A). */
    public Phagocytes saturable(double vmax, double km) {
        return new Phagocytes(cells, from, "saturable", new double[] {vmax, km}, release);
    }

    /** Capacity-limited uptake kmax·(1 − A_cells/cap)·A. */
    public Phagocytes capacity(double kmax, double cap) {
        return new Phagocytes(cells, from, "capacity", new double[] {kmax, cap}, release);
    }

    /** Bimolecular uptake k·A·(cap − A_cells). */
    public Phagocytes bimolecular(double k, double cap) {
        return new Phagocytes(cells, from, "bimolecular", new double[] {k, cap}, release);
    }

    /** Uptake growing after injection, kmax·tⁿ/(t50ⁿ + tⁿ)·A. */
    public Phagocytes hillTime(double kmax, double t50, double n) {
        return new Phagocytes(cells, from, "hillTime", new double[] {kmax, t50, n}, release);
    }

    /** First-order release from the phagocytes back to the source (1/h). */
    public Phagocytes release(double k) {
        return new Phagocytes(cells, from, law, values, k);
    }

    @Override
    public void accept(Model.Builder b) {
        if (!b.hasCompartment(cells)) {
            b.compartment(cells);
        }
        String p = cells;
        switch (law) {
            case "saturable" -> {
                b.parameterIfAbsent(p + "Vmax", values[0]).parameterIfAbsent(p + "Km", values[1]);
                b.transfer(from, cells, RateLaw.michaelisMenten(p + "Vmax", p + "Km"));
            }
            case "capacity" -> {
                b.parameterIfAbsent(p + "Kmax", values[0]).parameterIfAbsent(p + "Cap", values[1]);
                b.transfer(from, cells, RateLaw.capacity(p + "Kmax", p + "Cap"));
            }
            case "bimolecular" -> {
                b.parameterIfAbsent(p + "K", values[0]).parameterIfAbsent(p + "Cap", values[1]);
                b.transfer(from, cells, RateLaw.bimolecularCapacity(p + "K", p + "Cap"));
            }
            default -> {
                b.parameterIfAbsent(p + "Kmax", values[0]).parameterIfAbsent(p + "T50", values[1])
                    .parameterIfAbsent(p + "N", values[2]);
                b.transfer(from, cells, RateLaw.hillTime(p + "Kmax", p + "T50", p + "N"));
            }
        }
        if (release > 0) {
            b.parameterIfAbsent(p + "Release", release);
            b.firstOrder(cells, from, p + "Release");
        }
    }

    @Override
    public String toString() {
        return law + " uptake " + from + " -> " + cells;
    }
}
