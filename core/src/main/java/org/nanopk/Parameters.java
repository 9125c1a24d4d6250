package org.nanopk;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nanopk.internal.Checks;

/**
 * Named parameter values in declaration order, for example the evaluated parameters of a
 * {@link Model} (derived parameters hold their evaluated value). Immutable.
 */
public final class Parameters {
    private final List<String> names;
    private final Map<String, Integer> index;
    private final double[] values;

    private Parameters(List<String> names, Map<String, Integer> index, double[] values) {
        this.names = names;
        this.index = index;
        this.values = values;
    }

    /**
     * Parameters with the given names and values.
     *
     * @throws IllegalArgumentException if the lengths differ, a name is invalid or repeated, or a
     *         value is not finite
     */
    public static Parameters of(List<String> names, double[] values) {
        Checks.notNull("parameter names", names);
        Checks.notNull("parameter values", values);
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " parameter names but " + values.length
                + " values; expected one value per name");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            String n = Checks.name("parameter name", names.get(i));
            if (index.put(n, i) != null) {
                throw new IllegalArgumentException("duplicate parameter name '" + n + "'");
            }
            Checks.finite("parameter " + n, values[i]);
        }
        return new Parameters(List.copyOf(names), Collections.unmodifiableMap(index), values.clone());
    }

    /** The value of parameter {@code name}; IllegalArgumentException listing the known names if unknown. */
    public double get(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw Checks.unknown("parameter", name, names);
        }
        return values[i];
    }

    /** The value at position {@code i} in declaration order. */
    public double get(int i) {
        return values[i];
    }

    /** The position of {@code name} in declaration order, or -1. */
    public int indexOf(String name) {
        return index.getOrDefault(name, -1);
    }

    /** True if a parameter of that name exists. */
    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /** The parameter names in declaration order. */
    public List<String> names() {
        return names;
    }

    /** The number of parameters. */
    public int size() {
        return names.size();
    }

    /** The values as an ordered map (a copy). */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), values[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The values in declaration order (a copy). */
    public double[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && names.equals(p.names) && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + Arrays.hashCode(values);
    }

    /** A two-column table: name, value. */
    @Override
    public String toString() {
        Table.Builder t = Table.builder("parameter", "value");
        for (int i = 0; i < names.size(); i++) {
            t.row(names.get(i), Checks.g(values[i]));
        }
        return t.toString();
    }
}
