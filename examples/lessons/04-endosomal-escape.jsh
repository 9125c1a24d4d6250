// Lesson 4: endosomal escape.
//
// A nanoparticle taken up by a cell sits in an endosome. From there three first-order routes compete:
// escape to the cytosol (kEsc), degradation in lysosomes (kDeg), and exocytosis out of the cell (kExo).
// The share that ever reaches the cytosol is kEsc/(kEsc + kDeg + kExo): for lipid nanoparticle siRNA
// it is 1-2 % (Gilleron et al. 2013), with about 70 % exocytosed (Sahay et al. 2013).

var model = Presets.gilleron2013();
var sim = model.simulate(Times.grid(0, 48, 4));
System.out.println(sim.percentIdTable("extracellular", "endosome", "cytosol", "degraded", "exocytosed"));
System.out.printf("escape fraction: %.4f (kEsc/(kEsc+kDeg+kExo)); cytosol at 48 h: %.3f %%ID%n",
    model.parameter("escapeFraction"), sim.percentId("cytosol").at(48));

// Which rate should a formulation scientist engineer? The normalized sensitivity of the cytosolic
// delivery to each rate answers it: doubling kEsc doubles delivery; halving kExo helps less than one
// might hope, because degradation then takes its share.
var sens = Sensitivity.of(model, "cytosol %ID at 48 h", s -> s.percentId("cytosol").at(48)).
    withTimes(Times.grid(0, 48, 4)).
    withParameters("kInt", "kEsc", "kDeg", "kExo").
    local();
System.out.println(sens);

for (double kExo : new double[] {0.35, 0.175, 0.0}) {
    var m = model.with("kExo", kExo);
    System.out.printf("kExo %.3f: escape fraction %.4f%n", kExo, m.parameter("escapeFraction"));
}
System.out.printf("10x kEsc: escape fraction %.4f%n", model.with("kEsc", 0.075).parameter("escapeFraction"));
Chart.percentId(sim, "endosome", "cytosol", "degraded", "exocytosed").withTitle("Endosomal escape (Gilleron 2013)")
    .save(out("04-endosomal-escape.png"));
