// Lesson 6: variability.
//
// No two mice are alike: EPR leakage and phagocyte capacity vary from animal to animal. A virtual
// population draws each parameter from a lognormal distribution (here CV 30 %) and simulates every
// subject; percentiles across subjects show what a typical and an unusual mouse look like.

var population = Population.of(Presets.np9())
    .withVariability("kEPR", 0.3)
    .withVariability("VmL", 0.3)
    .withVariability("kBack", 0.3)
    .withSeed(2026);

var summary = population.study(Times.grid(0, 168, 4))
    .track("Tumor")
    .readout("DE24 (%ID)", s -> s.percentId("Tumor").at(24))
    .readout("DEmax (%ID)", s -> s.percentId("Tumor").max())
    .percentiles(5, 50, 95)
    .run(2000);
System.out.println(summary);

// Which of the three varying parameters drives the spread? Sobol indices split the variance.
var sobol = Sensitivity.of(Presets.np9(), "DE24", s -> s.percentId("Tumor").at(24)).
    withParameters("kEPR", "VmL", "kBack").
    withCv(0.3).
    withSamples(256).
    sobol();
System.out.println(sobol);

Chart.bands(summary, "Tumor").withYLabel("tumour %ID").withTitle("Tumour %ID in 2000 virtual mice (P5, P50, P95)")
    .save(out("06-bands.png"));
