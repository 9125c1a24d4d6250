/**
 * NanoPK: pharmacokinetic compartment models of nanomedicines in mice — state, dose, solve, analyse,
 * fit and simulate populations.
 *
 * <p>Charts ({@code org.nanopk.plot}) need XChart, an optional dependency: add
 * {@code org.knowm.xchart:xchart} (and, on the module path, {@code --add-modules org.knowm.xchart}).
 * The package {@code org.nanopk.internal} holds shared helpers and is not exported.
 */
module org.nanopk {
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.csv;
    requires org.apache.commons.rng.api;
    requires org.apache.commons.rng.simple;
    requires org.apache.commons.rng.sampling;
    requires hipparchus.core;
    requires hipparchus.ode;
    requires hipparchus.optim;
    requires hipparchus.stat;
    requires org.objectweb.asm;

    requires static org.knowm.xchart;
    requires static java.desktop;

    exports org.nanopk;
    exports org.nanopk.fit;
    exports org.nanopk.io;
    exports org.nanopk.mechanism;
    exports org.nanopk.plot;
    exports org.nanopk.population;
    exports org.nanopk.solve;
}
