package org.nanopk.mechanism;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.nanopk.Model;
import org.nanopk.internal.Checks;
import org.nanopk.Table;

/**
 * Physiological parameters of a mouse, as used by the published mouse nanoparticle PBPK
 * models (Brown et al. 1997, Toxicology and Industrial Health 13:407; Lin et al. 2016; Chou et al.
 * 2023). Immutable; every value can be changed with {@link #with(String, double)}.
 *
 * <p>Names follow the PBPK convention: {@code BW} body weight (kg); {@code QCC} cardiac output
 * (L/h/kg^0.75), so QC = QCC·BW^0.75 (allometric scaling of all flows with exponent 0.75);
 * {@code Q<organ>C} fraction of cardiac output; {@code V<organ>C} fraction of body weight (1 kg =
 * 1 L); {@code BV<organ>} blood fraction of the organ. Organs: L liver (hepatic artery), Lu lung,
 * K kidney, Br brain, S spleen, M muscle, T tumour, R rest of body; Bld blood and Plas plasma volumes.
 * As a building block it adds these parameters (unless present) and the derived {@code QC} (L/h).
 */
public final class Physiology implements Consumer<Model.Builder> {
    private final Map<String, Double> values;

    private Physiology(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The default mouse (20 g; values in the class notes). */
    public static Physiology mouse() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("BW", 0.02);
        v.put("QCC", 16.5);
        v.put("QLC", 0.02);
        v.put("QKC", 0.091);
        v.put("QBrC", 0.033);
        v.put("QSC", 0.011);
        v.put("QMC", 0.159);
        v.put("QTC", 0.033);
        v.put("QLuC", 1.0);
        v.put("VLC", 0.055);
        v.put("VLuC", 0.007);
        v.put("VKC", 0.017);
        v.put("VBrC", 0.017);
        v.put("VSC", 0.005);
        v.put("VBldC", 0.06);
        v.put("VPlasC", 0.0355);
        v.put("VMC", 0.384);
        v.put("VTC", 0.04);
        v.put("BVL", 0.31);
        v.put("BVBr", 0.03);
        v.put("BVK", 0.24);
        v.put("BVS", 0.17);
        v.put("BVLu", 0.5);
        v.put("BVM", 0.04);
        v.put("BVR", 0.04);
        v.put("BVT", 0.03);
        return new Physiology(v);
    }

    /** This physiology with one value changed (names as in {@link #values()}). */
    public Physiology with(String name, double value) {
        if (!values.containsKey(name)) {
            throw Checks.unknown("physiological parameter", name, values.keySet());
        }
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("physiological parameter " + name + " = " + value
                + ": expected a finite number >= 0");
        }
        Map<String, Double> v = new LinkedHashMap<>(values);
        v.put(name, value);
        return new Physiology(v);
    }

    /** This physiology with another body weight (kg); flows scale with BW^0.75, volumes with BW. */
    public Physiology withBodyWeight(double kg) {
        Checks.positive("body weight (kg)", kg);
        return with("BW", kg);
    }

    /** All values by name. */
    public Map<String, Double> values() {
        return values;
    }

    /** One value by name. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw Checks.unknown("physiological parameter", name, values.keySet());
        }
        return v;
    }

    /** Cardiac output QC = QCC·BW^0.75 in mL/h. */
    public double cardiacOutput() {
        return get("QCC") * Math.pow(get("BW"), 0.75) * 1000;
    }

    /** Blood flow to an organ (L, K, Br, S, M, T, Lu) in mL/h. */
    public double flow(String organ) {
        return cardiacOutput() * get("Q" + organ + "C");
    }

    /** Volume of an organ (L, Lu, K, Br, S, M, T, Bld, Plas) in mL (density 1). */
    public double volume(String organ) {
        return get("BW") * get("V" + organ + "C") * 1000;
    }

    /** Adds every value as a model parameter (unless present) and QC = QCC·BW^0.75 (L/h). */
    @Override
    public void accept(Model.Builder b) {
        values.forEach(b::parameterIfAbsent);
        b.parameterIfAbsent("QC", "QCC*BW^0.75");
    }

    /** A table: name, value. */
    @Override
    public String toString() {
        Table.Builder t = Table.builder("physiology", "value");
        values.forEach((k, v) -> t.row(k, Checks.g(v)));
        return t.toString();
    }
}
