package org.nanopk.mechanism;

import java.util.function.Consumer;

import org.nanopk.Compartment;
import org.nanopk.Model;
import org.nanopk.RateLaw;
import org.nanopk.internal.Checks;

/**
 * EPR leakage: nanoparticles leave the blood through the leaky vessels of a tumour into its
 * interstitium, and wash out back. The tumour compartment is added if absent, with mass BW·VTC (g).
 *
 * <p>{@link #firstOrder(String, String)}: blood → tumour at kEPR·A_blood and back at kBack·A_tumour
 * (defaults 0.02 and 0.05 /h, as in the NP9 benchmark preset). {@link #permeabilityLimited(String, String)}:
 * PA_T·(C_blood − C_tumour/P_T) with PA_T = PATC·QT (defaults PATC 0.001, P_T 0.15, QT = QC·QTC; Chou et
 * al. 2023 defaults), which needs volumes for both compartments.
 */
public final class Epr implements Consumer<Model.Builder> {
    private final String blood;
    private final String tumour;
    private final boolean permeability;
    private final double kEpr;
    private final double kBack;

    private Epr(String blood, String tumour, boolean permeability, double kEpr, double kBack) {
        this.blood = Checks.name("blood compartment", blood);
        this.tumour = Checks.name("tumour compartment", tumour);
        this.permeability = permeability;
        this.kEpr = Checks.nonNegative("kEPR (1/h)", kEpr);
        this.kBack = Checks.nonNegative("kBack (1/h)", kBack);
    }

    /** First-order leakage kEPR and washout kBack between {@code blood} and {@code tumour}. */
    public static Epr firstOrder(String blood, String tumour) {
        return new Epr(blood, tumour, false, 0.02, 0.05);
    }

    /** Permeability-limited exchange between a blood compartment and the tumour tissue. */
    public static Epr permeabilityLimited(String blood, String tumour) {
        return new Epr(blood, tumour, true, 0, 0);
    }

    /** This block with other first-order rates (1/h). */
    public Epr withRates(double leakage, double washout) {
        return new Epr(blood, tumour, permeability, leakage, washout);
    }

    @Override
    public void accept(Model.Builder b) {
        Physiology.mouse().accept(b);
        if (permeability) {
            b.parameterIfAbsent("PATC", 0.001);
            b.parameterIfAbsent("PT", 0.15);
            b.parameterIfAbsent("QT", "QC*QTC");
            b.compartmentIfAbsent(Compartment.of(tumour).withVolume("BW*VTC*1000"));
            b.transfer(blood, tumour, RateLaw.permeability("PATC*QT*1000", "PT"));
        } else {
            b.parameterIfAbsent("kEPR", kEpr);
            b.parameterIfAbsent("kBack", kBack);
            b.compartmentIfAbsent(Compartment.of(tumour).withMass("BW*VTC*1000"));
            b.firstOrder(blood, tumour, "kEPR");
            b.firstOrder(tumour, blood, "kBack");
        }
    }

    @Override
    public String toString() {
        return "EPR " + blood + " -> " + tumour + (permeability ? " (permeability-limited)" : " (first order)");
    }
}
