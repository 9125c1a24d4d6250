// Lesson 1: one compartment.
//
// The simplest PK model: a dose D injected into a well-mixed volume V, eliminated at a rate
// proportional to the amount, dA/dt = -k·A. Everything follows from k and V:
//   half-life t½ = ln 2 / k, clearance CL = k·V, concentration C = D/V·e^(-kt), AUC = D/CL.

var model = Model.builder("one compartment")
    .compartment("blood", 2.0)          // V = 2 mL
    .sink("cleared")
    .parameter("k", 0.2)                // 1/h
    .firstOrder("blood", "cleared", "k")
    .dose(Dose.bolus("blood", 100))     // 100 %ID at t = 0
    .build();

var sim = model.simulate(Times.grid(0, 24, 2));
System.out.println(sim.percentIdTable("blood", "cleared"));

// Non-compartmental analysis reads the same numbers off the curve:
var nca = sim.nca("blood");
System.out.println(nca);
System.out.printf("t1/2: NCA %.4f h, ln2/k %.4f h%n", nca.halfLife(), Math.log(2) / 0.2);
System.out.printf("CL:   NCA %.4f mL/h, k*V %.4f mL/h%n", nca.cl(), 0.2 * 2.0);

// What does doubling the dose do? For a linear model: the curve doubles, the half-life does not move.
var doubled = model.simulate(Regimen.of(Dose.bolus("blood", 200)), Times.grid(0, 24, 2));
System.out.printf("C(6 h): %.3f -> %.3f amount/mL; t1/2 %.3f -> %.3f h%n",
    sim.concentration("blood").at(6), doubled.concentration("blood").at(6),
    nca.halfLife(), doubled.nca("blood").halfLife());

// And a faster clearance shortens everything: with k doubled, the half-life halves.
System.out.println(model.with("k", 0.4).simulate(Times.grid(0, 24, 2)).plot("blood"));
Chart.amounts(sim, "blood", "cleared").withTitle("One compartment, 100 %ID bolus").save(out("01-one-compartment.png"));
