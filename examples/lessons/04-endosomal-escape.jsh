// 04-endosomal-escape.ipynb as a JShell script, made from the notebook by ./nanopk lesson --export; run it with /open in ./nanopk jshell.

// # Lesson 4: endosomal escape
//
// A nanoparticle taken up by a cell sits in an endosome. Three first-order routes compete: escape to
// the cytosol ($k_{esc}$), degradation in lysosomes ($k_{deg}$) and exocytosis ($k_{exo}$). The share that
// ever reaches the cytosol is
//
// $$f_{esc} = \frac{k_{esc}}{k_{esc} + k_{deg} + k_{exo}},$$
//
// 1–2 % for lipid nanoparticle siRNA (Gilleron et al. 2013), with about 70 % exocytosed (Sahay et al. 2013).

var model = Presets.gilleron2013();
var sim = model.simulate(Times.grid(0, 48, 4));
sim.percentIdTable("extracellular", "endosome", "cytosol", "degraded", "exocytosed")

System.out.printf("escape fraction: %.4f; cytosol at 48 h: %.3f %%ID%n",
    model.parameter("escapeFraction"), sim.percentId("cytosol").at(48));
Chart.percentId(sim, "endosome", "cytosol", "degraded", "exocytosed").withTitle("Endosomal escape (Gilleron 2013)")

// Which rate should a formulation scientist engineer? The normalized sensitivity
// $S_p = \frac{\partial \ln y}{\partial \ln p}$ of the cytosolic delivery $y$ to each rate answers it.

var sens = Sensitivity.of(model, "cytosol %ID at 48 h", s -> s.percentId("cytosol").at(48)).
    withTimes(Times.grid(0, 48, 4)).
    withParameters("kInt", "kEsc", "kDeg", "kExo").
    local();
sens

// ## Exercise
//
// Is it better to make escape 10 times faster, or to stop exocytosis completely?
//
// ## Answer
//
// Stopping exocytosis gives degradation its share, so the escape fraction rises only about 3-fold;
// a 10-fold faster escape raises it almost 10-fold.

System.out.printf("no exocytosis: %.4f; 10x kEsc: %.4f (now %.4f)%n",
    model.with("kExo", 0.0).parameter("escapeFraction"),
    model.with("kEsc", 10 * model.parameter("kEsc")).parameter("escapeFraction"),
    model.parameter("escapeFraction"));
