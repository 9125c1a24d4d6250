package org.nanopk.mechanism;

import java.util.Map;

/** Gives other test packages the dataset rows read by {@link Chou2023Test}. */
public final class Chou2023TestAccess {
    private Chou2023TestAccess() {
    }

    /** The authors' dataset rows by ID. */
    public static Map<String, Map<String, String>> datasets() {
        return Chou2023Test.datasets();
    }
}
