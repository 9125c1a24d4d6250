package org.nanopk;

import java.util.Arrays;
import java.util.List;

import org.nanopk.internal.Checks;

/**
 * The parameters of a non-compartmental analysis, each named by its CDISC SDTM PP test code
 * (PPTESTCD), with what it is and its unit in terms of the profile's value unit (C), hours and the
 * dose's unit (D). The one home of the vocabulary that {@link Nca}, {@link SparseNca} and their CSV
 * output share.
 */
public enum NcaParameter {
    /** Largest observed value, C. */
    CMAX("maximum value", Kind.VALUE),
    /** Time of CMAX (the first, if tied), h. */
    TMAX("time of maximum value", Kind.TIME),
    /** Time of the last positive value, h. */
    TLST("time of last positive value", Kind.TIME),
    /** Last positive value, C. */
    CLST("last positive value", Kind.VALUE),
    /** Value at the time of an IV bolus: observed at t = 0, or back-extrapolated log-linearly from the first two samples, C. */
    C0("initial value (at 0 h or back-extrapolated)", Kind.VALUE),
    /** AUC from the first time to TLST, C·h. */
    AUCLST("AUC to last positive value", Kind.AUC),
    /** AUC from the first to the last time, a zero after TLST included (linear trapezoid), C·h. */
    AUCALL("AUC to last time", Kind.AUC),
    /** AUCLST + CLST/LAMZ, C·h. */
    AUCIFO("AUC to infinity (observed CLST)", Kind.AUC),
    /** AUCLST + predicted CLST/LAMZ, the prediction of the λz regression at TLST, C·h. */
    AUCIFP("AUC to infinity (predicted CLST)", Kind.AUC),
    /** Percentage of AUCIFO extrapolated beyond TLST, %. */
    AUCPEO("AUC extrapolated (observed), %", Kind.PERCENT),
    /** Percentage of AUCIFP extrapolated beyond TLST, %. */
    AUCPEP("AUC extrapolated (predicted), %", Kind.PERCENT),
    /** Percentage of AUCIFO back-extrapolated from 0 to the first sample (IV bolus), %. */
    AUCPBEO("AUC back-extrapolated (observed), %", Kind.PERCENT),
    /** Percentage of AUCIFP back-extrapolated from 0 to the first sample (IV bolus), %. */
    AUCPBEP("AUC back-extrapolated (predicted), %", Kind.PERCENT),
    /** Terminal rate constant λz, the negative slope of ln C on t, 1/h. */
    LAMZ("terminal rate constant", Kind.RATE),
    /** Terminal half-life ln 2/λz, h. */
    LAMZHL("terminal half-life", Kind.TIME),
    /** First time of the λz regression, h. */
    LAMZLL("lambda z lower time", Kind.TIME),
    /** Last time of the λz regression, h. */
    LAMZUL("lambda z upper time", Kind.TIME),
    /** Number of points of the λz regression. */
    LAMZNPT("lambda z points", Kind.NUMBER),
    /** R² of the λz regression. */
    R2("R squared", Kind.NUMBER),
    /** Adjusted R² of the λz regression, 1 − (1 − R²)(n − 1)/(n − 2). */
    R2ADJ("adjusted R squared", Kind.NUMBER),
    /** Area under the first-moment curve t·C to TLST, C·h². */
    AUMCLST("AUMC to last positive value", Kind.AUMC),
    /** AUMCLST + CLST·TLST/λz + CLST/λz², C·h². */
    AUMCIFO("AUMC to infinity (observed CLST)", Kind.AUMC),
    /** As AUMCIFO with the predicted CLST, C·h². */
    AUMCIFP("AUMC to infinity (predicted CLST)", Kind.AUMC),
    /** AUMCLST/AUCLST after an extravascular dose, h. */
    MRTEVLST("MRT to last positive value", Kind.TIME),
    /** AUMCIFO/AUCIFO after an extravascular dose, h. */
    MRTEVIFO("MRT to infinity (observed)", Kind.TIME),
    /** AUMCIFP/AUCIFP after an extravascular dose, h. */
    MRTEVIFP("MRT to infinity (predicted)", Kind.TIME),
    /** AUMCLST/AUCLST − duration/2 after an IV dose, h. */
    MRTIVLST("MRT to last positive value", Kind.TIME),
    /** AUMCIFO/AUCIFO − duration/2 after an IV dose, h. */
    MRTIVIFO("MRT to infinity (observed)", Kind.TIME),
    /** AUMCIFP/AUCIFP − duration/2 after an IV dose, h. */
    MRTIVIFP("MRT to infinity (predicted)", Kind.TIME),
    /** Dose/AUCIFO after an extravascular dose (CL/F), D/(C·h). */
    CLFO("CL/F (observed)", Kind.CLEARANCE),
    /** Dose/AUCIFP after an extravascular dose, D/(C·h). */
    CLFP("CL/F (predicted)", Kind.CLEARANCE),
    /** Dose/AUCIFO after an IV dose, D/(C·h). */
    CLO("CL (observed)", Kind.CLEARANCE),
    /** Dose/AUCIFP after an IV dose, D/(C·h). */
    CLP("CL (predicted)", Kind.CLEARANCE),
    /** Dose/(λz·AUCIFO) after an extravascular dose (Vz/F), D/C. */
    VZFO("Vz/F (observed)", Kind.VOLUME),
    /** Dose/(λz·AUCIFP) after an extravascular dose, D/C. */
    VZFP("Vz/F (predicted)", Kind.VOLUME),
    /** Dose/(λz·AUCIFO) after an IV dose, D/C. */
    VZO("Vz (observed)", Kind.VOLUME),
    /** Dose/(λz·AUCIFP) after an IV dose, D/C. */
    VZP("Vz (predicted)", Kind.VOLUME),
    /** MRTIVIFO·CLO after an IV dose, D/C. */
    VSSO("Vss (observed)", Kind.VOLUME),
    /** MRTIVIFP·CLP after an IV dose, D/C. */
    VSSP("Vss (predicted)", Kind.VOLUME),
    /** AUC of the mean profile of a sparse design (linear trapezoids), C·h. */
    SPAUCLST("sparse AUC of the mean profile", Kind.AUC),
    /** Standard error of SPAUCLST (Bailer), C·h. */
    SPAUCSE("standard error of sparse AUC", Kind.AUC),
    /** Satterthwaite degrees of freedom of SPAUCSE. */
    SPAUCDF("degrees of freedom of sparse AUC", Kind.NUMBER);

    /** What a parameter's unit is made of. */
    enum Kind {
        VALUE, TIME, AUC, AUMC, RATE, PERCENT, NUMBER, CLEARANCE, VOLUME
    }

    private final String description;
    private final Kind kind;

    NcaParameter(String description, Kind kind) {
        this.description = description;
        this.kind = kind;
    }

    /** The parameter with PP test code {@code code} (any case), or an error listing the codes. */
    public static NcaParameter of(String code) {
        Checks.notNull("PPTESTCD", code);
        for (NcaParameter p : values()) {
            if (p.name().equalsIgnoreCase(code.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("NCA parameter '" + code + "' is unknown; known PPTESTCD codes: "
            + String.join(", ", Arrays.stream(values()).map(Enum::name).toList()));
    }

    /** What the parameter is, in words. */
    public String description() {
        return description;
    }

    /**
     * Its unit for a profile in {@code valueUnit} after a dose in {@code doseUnit} (for example
     * {@code "mg/L*h"} for an AUC of mg/L); empty for counts and ratios.
     */
    public String unit(String valueUnit, String doseUnit) {
        String c = valueUnit == null || valueUnit.isEmpty() ? "C" : valueUnit;
        String d = doseUnit == null || doseUnit.isEmpty() ? "dose" : doseUnit;
        return switch (kind) {
            case VALUE -> c;
            case TIME -> "h";
            case AUC -> c + "*h";
            case AUMC -> c + "*h^2";
            case RATE -> "1/h";
            case PERCENT -> "%";
            case NUMBER -> "";
            case CLEARANCE -> d + "/(" + c + "*h)";
            case VOLUME -> d + "/(" + c + ")";
        };
    }

    /** The parameters an NCA of a single dose by {@code route} can report, in the order they are written. */
    public static List<NcaParameter> reportedFor(NcaOptions.Route route) {
        boolean ev = route == NcaOptions.Route.EXTRAVASCULAR;
        boolean bolus = route == NcaOptions.Route.BOLUS;
        return Arrays.stream(values()).filter(p -> switch (p) {
            case C0, AUCPBEO, AUCPBEP -> bolus;
            case MRTEVLST, MRTEVIFO, MRTEVIFP, CLFO, CLFP, VZFO, VZFP -> ev;
            case MRTIVLST, MRTIVIFO, MRTIVIFP, CLO, CLP, VZO, VZP, VSSO, VSSP -> !ev;
            case SPAUCLST, SPAUCSE, SPAUCDF -> false;
            default -> true;
        }).toList();
    }
}
