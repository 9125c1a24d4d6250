// Lesson 3: phagocytes and the dose threshold.
//
// Liver Kupffer cells take up most nanoparticles, but they can only hold so many. Ouyang et al. (2020,
// Nature Materials) found that above about a trillion particles per mouse the Kupffer cells saturate,
// particles stay longer in blood, and tumour delivery rises several-fold. Their model: uptake into each
// organ j at k_j·B·(cap_j - A_j), bimolecular and capacity-limited.

var model = Presets.ouyang2020();   // amounts in units of 1e10 particles; default dose 5e3 (5e13 particles)
System.out.println(model);

// Saturable uptake in one line: the uptake rate per particle in blood falls as the Kupffer cells fill.
var sweep = DoseSweep.of(model, "B")
    .withLogDoses(5e3 / 256, 5e3, 9)                 // 2e11 to 5e13 particles
    .percentIdAt("Tumor", 24)
    .valueAt("KupfferSaturation", 24)
    .percentIdAt("Liver", 24)
    .percentIdAt("B", 24)
    .run();
System.out.println(sweep);

var tumour = sweep.column("Tumor %ID at 24 h");
System.out.printf("Tumour delivery rises %.1f-fold from the lowest to the highest dose%n",
    tumour[tumour.length - 1] / tumour[0]);

Chart.doseSweep(sweep, "Tumor %ID at 24 h")
    .withTitle("The dose threshold: tumour %ID at 24 h (Ouyang 2020 model)")
    .withXLabel("dose (1e10 particles)").withYLabel("tumour %ID at 24 h")
    .save(out("03-dose-threshold.png"));
Chart.doseSweep(sweep, "KupfferSaturation at 24 h").withYLabel("Kupffer-cell saturation at 24 h")
    .save(out("03-kupffer-saturation.svg"));
