// 01-one-compartment.ipynb as a JShell script, made from the notebook by ./nanopk lesson --export; run it with /open in ./nanopk jshell.

// # Lesson 1: one compartment
//
// The simplest PK model: a dose $D$ injected into a well-mixed volume $V$ and eliminated at a rate
// proportional to the amount,
//
// $$\frac{dA}{dt} = -k\,A, \qquad A(t) = D\,e^{-kt}, \qquad C(t) = \frac{D}{V}e^{-kt}.$$
//
// Everything follows from $k$ and $V$: the half-life $t_{1/2} = \ln 2 / k$, the clearance
// $CL = k\,V$ and the exposure $AUC_{0-\infty} = D / CL$.

var model = Model.builder("one compartment").
    compartment("blood", 2.0).
    sink("cleared").
    parameter("k", 0.2).
    firstOrder("blood", "cleared", "k").
    dose(Dose.bolus("blood", 100)).
    build();
model

// The volume is 2 mL, $k$ = 0.2 /h and the dose 100 %ID at $t = 0$. A simulation holds the solution;
// its table is the amounts (here %ID) at the times asked for.

var sim = model.simulate(Times.grid(0, 24, 2));
sim.percentIdTable("blood", "cleared")

// Non-compartmental analysis (NCA) reads the same numbers off the curve, without the model. For an
// exact bolus curve it must give back $\ln 2 / k$ = 3.4657 h and $k V$ = 0.4 mL/h.

var nca = sim.nca("blood");
System.out.printf("t1/2: NCA %.4f h, ln2/k %.4f h%n", nca.halfLife(), Math.log(2) / 0.2);
System.out.printf("CL:   NCA %.4f mL/h, k*V %.4f mL/h%n", nca.cl(), 0.2 * 2.0);
nca

// Doubling the dose of a linear model doubles the curve and leaves the half-life where it was.

var doubled = model.simulate(Regimen.of(Dose.bolus("blood", 200)), Times.grid(0, 24, 2));
System.out.printf("C(6 h): %.3f -> %.3f per mL; t1/2 %.3f -> %.3f h%n",
    sim.concentration("blood").at(6), doubled.concentration("blood").at(6),
    nca.halfLife(), doubled.nca("blood").halfLife());

// The chart draws the solution itself (not straight lines between the rows of the table).

Chart.percentId(sim, "blood", "cleared").withTitle("One compartment, 100 %ID bolus")

// ## Exercise
//
// Double $k$. What happens to the half-life, to the clearance and to $AUC_{0-\infty}$ of blood?
// Predict first from the equations, then check.
//
// ## Answer
//
// $t_{1/2} = \ln 2/k$ halves to 1.733 h, $CL = kV$ doubles to 0.8 mL/h, and the exposure halves: the
// AUC of the amount, $D/k$, falls from 500 to 250 %ID·h (of the concentration, $D/CL$, from 250 to 125).

var fast = model.with("k", 0.4).simulate(Times.grid(0, 48, 1));
System.out.printf("t1/2 %.4f h; AUC(0-inf) of the amount %.2f %%ID*h (D/k = %.2f)%n",
    fast.nca("blood").halfLife(), fast.amount("blood").auc(0, 48) + fast.amount("blood").at(48) / 0.4, 100 / 0.4);
