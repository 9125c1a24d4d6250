package org.nanopk;

import java.util.List;
import java.util.Map;

/**
 * What a non-compartmental analysis reports: parameters by CDISC PP test code, the ones it could not
 * compute with the reason, and what it assumed. An {@link Nca} of one profile or a {@link SparseNca}
 * of a sparse design; {@link NcaReport} writes either.
 */
public sealed interface NcaResult permits Nca, SparseNca {
    /** The computed parameters and their values, by PP test code, in {@link NcaParameter}'s order. */
    Map<String, Double> parameters();

    /** The parameters that could not be computed, by PP test code, each with the reason. */
    Map<String, String> missing();

    /** What the analysis assumed or how it read the data, in words. */
    List<String> notes();

    /** The unit of the profile's values ({@code ""} if not given). */
    String unit();
}
