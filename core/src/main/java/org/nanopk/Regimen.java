package org.nanopk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.nanopk.internal.Checks;

/**
 * An immutable, time-ordered list of dosing records. Records at the same time keep the order in
 * which they were given (NONMEM processes them in file order).
 */
public final class Regimen {
    private static final Regimen EMPTY = new Regimen(List.of());

    private final List<Dose> doses;

    private Regimen(List<Dose> doses) {
        this.doses = doses;
    }

    /** No doses. */
    public static Regimen empty() {
        return EMPTY;
    }

    /** The given doses, ordered by time (stable). */
    public static Regimen of(Dose... doses) {
        Checks.notNull("doses", doses);
        return of(Arrays.asList(doses));
    }

    /** The given doses, ordered by time (stable). */
    public static Regimen of(List<Dose> doses) {
        Checks.notNull("doses", doses);
        List<Dose> list = new ArrayList<>(doses.size());
        for (int i = 0; i < doses.size(); i++) {
            list.add(Checks.notNull("doses[" + i + "]", doses.get(i)));
        }
        list.sort(Comparator.comparingDouble(Dose::time));
        return new Regimen(List.copyOf(list));
    }

    /** This regimen with one more dose. */
    public Regimen plus(Dose dose) {
        List<Dose> list = new ArrayList<>(doses);
        list.add(Checks.notNull("dose", dose));
        return of(list);
    }

    /** The records, in processing order. */
    public List<Dose> doses() {
        return doses;
    }

    /** True if there are no records. */
    public boolean isEmpty() {
        return doses.isEmpty();
    }

    /** The time of the last dose or reset, counting additional doses (h); 0 if empty. */
    public double lastTime() {
        double last = 0;
        for (Dose d : doses) {
            last = Math.max(last, d.time() + d.additional() * d.interval());
        }
        return last;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Regimen r && doses.equals(r.doses);
    }

    @Override
    public int hashCode() {
        return doses.hashCode();
    }

    @Override
    public String toString() {
        if (doses.isEmpty()) {
            return "no doses";
        }
        StringBuilder sb = new StringBuilder();
        for (Dose d : doses) {
            sb.append(d).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
