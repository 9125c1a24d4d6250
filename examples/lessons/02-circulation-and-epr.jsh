// 02-circulation-and-epr.ipynb as a JShell script, made from the notebook by ./nanopk lesson --export; run it with /open in ./nanopk jshell.

// # Lesson 2: blood circulation and the EPR effect
//
// Nanoparticles reach a tumour through its leaky vessels (enhanced permeability and retention, EPR): a
// small first-order leak from blood ($k_{EPR}$) and a washout back ($k_{back}$), while phagocytes in the
// liver and spleen clear the blood:
//
// $$\frac{dT}{dt} = k_{EPR}\,B - k_{back}\,T.$$
//
// The tumour fills while blood still holds particles and empties slowly afterwards, so its %ID peaks
// hours after the blood peak at $t = 0$.

var model = Model.builder("circulation and EPR").
    apply(Circulation.singlePool("blood")).
    apply(Epr.firstOrder("blood", "Tumor").withRates(0.02, 0.05)).
    apply(Phagocytes.liver("blood")).
    apply(Phagocytes.spleen("blood")).
    dose(Dose.bolus("blood", 100)).
    build();
model

// The delivery efficiency reads the tumour curve: DE at a time, the maximum DEmax and when it is
// reached (found on the solution, between output times too), and the tumour-to-blood AUC ratio.

var sim = model.simulate(Times.grid(0, 72, 1));
var de = sim.deliveryEfficiency("Tumor", "blood");
System.out.printf("The tumour peaks at %.1f h with %.2f %%ID; DE24 = %.2f %%ID%n", de.timeOfMax(), de.deMax(), de.at(24));
de

Chart.percentId(sim, "blood", "Tumor").withLogY().withTitle("Blood and tumour %ID")

// ## Exercise
//
// A particle that leaks twice as fast ($k_{EPR}$ = 0.04 /h) but washes out three times as fast
// ($k_{back}$ = 0.15 /h): is its DE24 higher or lower? And its AUC ratio?
//
// ## Answer
//
// Both fall: the faster washout empties the tumour more than the faster leak fills it (the numbers below).
// DE24 is one time point; the AUC ratio integrates the whole exposure, and the two rank particles
// differently when their curves cross.

var leaky = model.with(Map.of("kEPR", 0.04, "kBack", 0.15)).simulate(Times.grid(0, 72, 1));
var de2 = leaky.deliveryEfficiency("Tumor", "blood");
System.out.printf("kEPR 0.02/kBack 0.05: DE24 %.2f, AUC ratio %.3f%n", de.at(24), de.aucRatio());
System.out.printf("kEPR 0.04/kBack 0.15: DE24 %.2f, AUC ratio %.3f%n", de2.at(24), de2.aucRatio());
