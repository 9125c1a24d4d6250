package org.nanopk.mechanism;

import java.util.function.Consumer;

import org.nanopk.Model;
import org.nanopk.RateLaw;
import org.nanopk.internal.Checks;

/**
 * Renal clearance with the size cut-off of glomerular filtration: particles with a hydrodynamic
 * diameter below about 5.5 nm are filtered, larger ones are not (Choi et al. 2007, Nature
 * Biotechnology 25:1165). The blood compartment is cleared into the sink {@code urine} by a flow law
 * with q = GFR·θ(HD), θ(HD) = 1/(1 + e^{(HD − HDcut)/HDwidth}) the sieving coefficient:
 * <pre>
 * rate = GFR·θ(HD)·A_blood/V_blood
 * </pre>
 * Defaults: HD 10 nm; HDcut 5.5 nm and HDwidth 0.5 nm (Choi et al. 2007: below 5.5 nm most of the dose
 * is in urine within 4 h, above about 8 nm almost none); GFR = 15·(BW/0.025)^0.75 mL/h (mouse GFR
 * about 250 µL/min for a 25 g mouse, Qi et al. 2004, Am J Physiol Renal Physiol 286:F590). The blood
 * compartment needs a volume.
 */
public final class Renal implements Consumer<Model.Builder> {
    private final String blood;
    private final double diameterNm;

    private Renal(String blood, double diameterNm) {
        this.blood = Checks.name("blood compartment", blood);
        this.diameterNm = Checks.positive("hydrodynamic diameter (nm)", diameterNm);
    }

    /** Renal clearance from {@code blood} into {@code urine}, for a 10 nm particle. */
    public static Renal clearance(String blood) {
        return new Renal(blood, 10);
    }

    /** This block for a particle of the given hydrodynamic diameter (nm). */
    public Renal withDiameter(double nm) {
        return new Renal(blood, nm);
    }

    /** The sieving coefficient θ(HD) = 1/(1 + e^{(HD − 5.5)/0.5}) of the defaults. */
    public static double sievingCoefficient(double diameterNm) {
        return 1 / (1 + Math.exp((diameterNm - 5.5) / 0.5));
    }

    @Override
    public void accept(Model.Builder b) {
        b.parameterIfAbsent("BW", 0.02);
        b.parameterIfAbsent("HD", diameterNm);
        b.parameterIfAbsent("HDcut", 5.5);
        b.parameterIfAbsent("HDwidth", 0.5);
        b.parameterIfAbsent("GFR", "15*(BW/0.025)^0.75");
        if (!b.hasCompartment("urine")) {
            b.sink("urine");
        }
        b.transfer(blood, "urine", RateLaw.flow("GFR/(1+exp((HD-HDcut)/HDwidth))"));
    }

    @Override
    public String toString() {
        return "renal clearance of " + blood + " (HD " + diameterNm + " nm)";
    }
}
