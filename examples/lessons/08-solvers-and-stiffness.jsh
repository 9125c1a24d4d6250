// 08-solvers-and-stiffness.ipynb as a JShell script, made from the notebook by ./nanopk lesson --export; run it with /open in ./nanopk jshell.

// # Lesson 8: choosing a solver, and why stiffness matters
//
// A model is stiff when it mixes very fast and very slow processes: an explicit method such as
// Dormand–Prince (DOPRI5) must then take steps as short as the fastest time scale, for stability, even
// when nothing is changing. For $\frac{dy}{dt} = -\lambda y$ an explicit step $h$ is stable only while
// $h\lambda$ stays below about 3.3; an implicit (Rosenbrock) method such as Rodas5P has no such limit
// and pays a linear solve per stage instead.

var np9 = Presets.np9();
var stiff = Presets.np9Stiff();
stiff

for (var m : List.of(np9, stiff)) {
    for (var s : List.of(Solver.nonstiff(), Solver.stiff(), Solver.auto())) {
        var sim = m.simulate(m.regimen(), Times.grid(0, 168, 24), s);
        System.out.printf("%-10s %-8s %s%n", m.name(), s.name(), sim.stats());
    }
}

// On NP9 DOPRI5 needs few steps and no linear algebra; on the stiff variant its step count explodes,
// while Rodas5P's hardly changes. `Solver.auto()` starts explicit and hands over to Rodas5P when it
// detects stiffness. Both give the same answer to their tolerance:

var a = stiff.simulate(stiff.regimen(), Times.grid(0, 168, 24), Solver.nonstiff().withTolerances(1e-10, 1e-12));
var b = stiff.simulate(stiff.regimen(), Times.grid(0, 168, 24), Solver.stiff().withTolerances(1e-10, 1e-12));
System.out.printf("Tumor at 24 h: DOPRI5 %.10f, Rodas5P %.10f%n", a.percentId("Tumor").at(24), b.percentId("Tumor").at(24));
Chart.percentId(b, "B", "Tumor", "L").withLogY().withTitle("NP9-stiff (Rodas5P)")

// ## Exercise
//
// Make NP9-stiff stiffer still: multiply its protein binding rates `kon` and `koff` by 10. How do the
// step counts change?
//
// ## Answer
//
// DOPRI5 gives up: its steps would grow about tenfold with the fastest rate (its stability limit), past its
// limit of 200,000 steps, and the error says where and what to do. Rodas5P's steps barely move.

var stiffer = stiff.with(Map.of("kon", 10 * stiff.parameter("kon"), "koff", 10 * stiff.parameter("koff")));
for (var s : List.of(Solver.nonstiff(), Solver.stiff())) {
    try {
        System.out.printf("%-8s %s%n", s.name(), stiffer.simulate(stiffer.regimen(), Times.grid(0, 168, 24), s).stats());
    } catch (PkException e) {
        System.out.println(s.name() + ": " + e.getMessage());
    }
}
