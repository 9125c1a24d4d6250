package org.nanopk.mechanism;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.nanopk.Compartment;
import org.nanopk.Model;
import org.nanopk.RateLaw;
import org.nanopk.Simulation;
import org.nanopk.internal.Checks;

/**
 * Blood circulation: a single blood pool, or arterial and venous plasma with organ capillary beds.
 *
 * <p>{@link #singlePool(String)} adds one blood compartment of volume BW·VBldC (mL). {@link
 * #arterialVenous(String...)} adds arterial (20 % of plasma) and venous (80 %) plasma and, for each
 * organ, a capillary bed {@code <organ>Blood} (volume V·BV) and a tissue {@code <organ>} (V·(1 − BV)),
 * with blood flow Q_organ = QC·Q_organC from the artery through the bed to the vein (the lung takes the
 * whole cardiac output from the vein to the artery; the spleen drains into the liver when both are
 * present, and the liver then returns QL + QS) and permeability-limited exchange
 * PA·(C_blood − C_tissue/P), PA = PAC·Q (the lung's of QC). The rest of the body is always added and
 * takes the cardiac output the listed organs leave (QRC = 1 − their fractions; VRC likewise), so flows
 * balance: at equilibrium every blood pool has the same concentration. Defaults: physiology of {@link Physiology#mouse()}; partition P = 0.15 and PAC = 0.001 for every
 * organ (the Lin et al. 2016 / Chou et al. 2023 lineage), the liver's P = 0.08. Organs: liver, spleen,
 * kidney, lung, brain, muscle, tumour, rest.
 */
public final class Circulation implements Consumer<Model.Builder> {
    private static final Map<String, String> CODES = Map.of("liver", "L", "spleen", "S", "kidney", "K", "lung", "Lu",
        "brain", "Br", "muscle", "M", "tumour", "T", "rest", "R");

    private final String blood;
    private final List<String> organs;

    private Circulation(String blood, List<String> organs) {
        this.blood = blood;
        this.organs = organs;
    }

    /** One well-mixed blood pool named {@code name}, volume BW·VBldC (mL). */
    public static Circulation singlePool(String name) {
        return new Circulation(Checks.name("blood compartment name", name), null);
    }

    /** Arterial and venous plasma with capillary beds and tissues for the given organs (and the rest). */
    public static Circulation arterialVenous(String... organs) {
        java.util.List<String> list = new java.util.ArrayList<>();
        for (String o : organs) {
            if (!CODES.containsKey(o)) {
                throw Checks.unknown("organ", o, new java.util.TreeSet<>(CODES.keySet()));
            }
            if (list.contains(o)) {
                throw new IllegalArgumentException("organ '" + o + "' listed twice");
            }
            if (!o.equals("rest")) {
                list.add(o);
            }
        }
        list.add("rest");
        return new Circulation(null, List.copyOf(list));
    }

    /** The code of an organ in parameter names (liver → L). */
    static String code(String organ) {
        return CODES.get(organ);
    }

    @Override
    public void accept(Model.Builder b) {
        Physiology.mouse().accept(b);
        if (organs == null) {
            b.compartment(Compartment.of(blood).withVolume("BW*VBldC*1000"));
            return;
        }
        StringBuilder qr = new StringBuilder("1");
        StringBuilder v = new StringBuilder("1-VPlasC");
        for (String o : organs) {
            String x = CODES.get(o);
            if (!o.equals("rest")) {
                v.append("-V").append(x).append("C");
                if (!o.equals("lung")) {
                    qr.append("-Q").append(x).append("C");
                }
            }
        }
        b.parameterIfAbsent("QRC", qr.toString());
        b.parameterIfAbsent("VRC", v.toString());
        b.compartment(Compartment.of("arterial").withVolume("0.2*BW*VPlasC*1000"));
        b.compartment(Compartment.of("venous").withVolume("0.8*BW*VPlasC*1000"));
        for (String o : organs) {
            String x = CODES.get(o);
            b.parameterIfAbsent("P" + x, o.equals("liver") ? 0.08 : 0.15);
            b.parameterIfAbsent("PAC" + x, 0.001);
            b.parameterIfAbsent("Q" + x, x.equals("Lu") ? "QC" : "QC*Q" + x + "C");
            b.parameterIfAbsent("V" + x, "BW*V" + x + "C");
            b.compartment(Compartment.of(o + "Blood").withVolume("V" + x + "*BV" + x + "*1000"));
            b.compartment(Compartment.of(o).withVolume("V" + x + "*(1-BV" + x + ")*1000"));
            b.transfer(o + "Blood", o, RateLaw.permeability("PAC" + x + "*Q" + x + "*1000", "P" + x));
        }
        for (String o : organs) {
            String x = CODES.get(o);
            String q = "Q" + x + "*1000";
            if (o.equals("lung")) {
                b.transfer("venous", "lungBlood", RateLaw.flow(q));
                b.transfer("lungBlood", "arterial", RateLaw.flow(q));
            } else {
                b.transfer("arterial", o + "Blood", RateLaw.flow(q));
                boolean intoLiver = o.equals("spleen") && organs.contains("liver");
                boolean fromSpleen = o.equals("liver") && organs.contains("spleen");
                b.transfer(o + "Blood", intoLiver ? "liverBlood" : "venous",
                    RateLaw.flow(fromSpleen ? "(QL+QS)*1000" : q));
            }
        }
        if (!organs.contains("lung")) {
            // without a lung the venous return goes straight to the artery
            b.transfer("venous", "arterial", RateLaw.flow("QC*1000"));
        }
    }

    /** The circulation half-life of a blood compartment or output: the terminal t½ of its curve (h). */
    public static double halfLife(Simulation s, String blood) {
        return s.amount(blood).nca(org.nanopk.NcaOptions.bolus()).halfLife();
    }

    @Override
    public String toString() {
        return organs == null ? "single blood pool " + blood : "arterial/venous circulation through " + organs;
    }
}
