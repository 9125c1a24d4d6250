// Lesson 2: blood circulation and the EPR effect.
//
// Nanoparticles reach a tumour through its leaky vessels (enhanced permeability and retention, EPR):
// a small first-order leak from blood (kEPR) and a washout back (kBack). Meanwhile phagocytes in the
// liver and spleen clear the blood. The tumour fills while blood still holds particles and empties
// slowly afterwards: so its %ID peaks late, hours after the blood peak at t = 0.

var model = Model.builder("circulation and EPR")
    .apply(Circulation.singlePool("blood"))
    .apply(Epr.firstOrder("blood", "Tumor").withRates(0.02, 0.05))
    .apply(Phagocytes.liver("blood"))
    .apply(Phagocytes.spleen("blood"))
    .dose(Dose.bolus("blood", 100))
    .build();
System.out.println(model);

var sim = model.simulate(Times.grid(0, 72, 1));
var de = sim.deliveryEfficiency("Tumor", "blood");
System.out.println(de);
System.out.printf("The tumour peaks at %.0f h with %.2f %%ID; DE24 = %.2f %%ID%n", de.timeOfMax(), de.deMax(), de.at(24));

// DE24 is one time point; the AUC ratio integrates the whole exposure. A particle that leaks faster but
// washes out faster can have a similar DE24 and a different AUC ratio:
var leaky = model.with(Map.of("kEPR", 0.04, "kBack", 0.15)).simulate(Times.grid(0, 72, 1));
var de2 = leaky.deliveryEfficiency("Tumor", "blood");
System.out.printf("kEPR 0.02/kBack 0.05: DE24 %.2f, AUC ratio %.3f%n", de.at(24), de.aucRatio());
System.out.printf("kEPR 0.04/kBack 0.15: DE24 %.2f, AUC ratio %.3f%n", de2.at(24), de2.aucRatio());

System.out.println(sim.plot("blood", "Tumor"));
Chart.percentId(sim, "blood", "Tumor").withLogY().withTitle("Blood and tumour %ID").save(out("02-epr.png"));
