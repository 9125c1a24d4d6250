// 03-dose-threshold.ipynb as a JShell script, made from the notebook by ./nanopk lesson --export; run it with /open in ./nanopk jshell.

// # Lesson 3: phagocytes and the dose threshold
//
// Liver Kupffer cells take up most nanoparticles, but they can only hold so many. Ouyang et al. (2020,
// Nature Materials) found that above a threshold dose the Kupffer cells saturate, particles stay longer
// in blood and tumour delivery rises several-fold. Their model takes particles up into each organ $j$
// at a bimolecular, capacity-limited rate
//
// $$\text{uptake}_j = k_j\,B\,(\mathrm{cap}_j - A_j).$$
//
// Amounts are in units of $10^{10}$ particles; the default dose is $5\times10^{3}$ ($5\times10^{13}$ particles).

var model = Presets.ouyang2020();
model

var sweep = DoseSweep.of(model, "B").
    withLogDoses(5e3 / 1024, 5e3 * 4, 25).
    percentIdAt("Tumor", 24).
    valueAt("KupfferSaturation", 24).
    percentIdAt("B", 24).
    run();
sweep

// Where does the threshold lie? Read it from the curve rather than from a round number: the dose at
// which the Kupffer cells are half full at 24 h, and the dose range over which tumour delivery rises most
// steeply (the largest increase of %ID per doubling of the dose).

var doses = sweep.doses();
var sat = sweep.column("KupfferSaturation at 24 h");
var tumour = sweep.column("Tumor %ID at 24 h");
int half = 0;
while (half < sat.length - 1 && sat[half + 1] < 0.5) half++;
double f = (0.5 - sat[half]) / (sat[half + 1] - sat[half]);
double halfDose = Math.exp(Math.log(doses[half]) + f * (Math.log(doses[half + 1]) - Math.log(doses[half])));
int steep = 0;
for (int i = 1; i < tumour.length - 1; i++) if (tumour[i + 1] - tumour[i] > tumour[steep + 1] - tumour[steep]) steep = i;
System.out.printf("Kupffer cells half full at 24 h from %.3g particles%n", halfDose * 1e10);
System.out.printf("steepest rise of tumour delivery between %.3g and %.3g particles%n", doses[steep] * 1e10, doses[steep + 1] * 1e10);
System.out.printf("tumour %%ID at 24 h rises %.1f-fold from the lowest to the highest dose%n", tumour[tumour.length - 1] / tumour[0]);

Chart.doseSweep(sweep, "Tumor %ID at 24 h").
    withTitle("The dose threshold: tumour %ID at 24 h (Ouyang 2020 model)").
    withXLabel("dose (1e10 particles)").
    withYLabel("tumour %ID at 24 h")

// ## Exercise
//
// Double the Kupffer cells' capacity `capL`. Does the half-saturation dose double?
//
// ## Answer
//
// No, it rises by only about 14 %. With uptake $k_L B (\mathrm{cap}_L - A_L)$ a larger capacity also
// takes particles up faster, so the Kupffer cells win a larger share of every dose from the other organs
// and fill almost as soon (the numbers below).

var big = DoseSweep.of(model.with("capL", 2 * model.parameter("capL")), "B").
    withLogDoses(5e3 / 1024, 5e3 * 4, 25).
    valueAt("KupfferSaturation", 24).
    run();
var sat2 = big.column("KupfferSaturation at 24 h");
int h2 = 0;
while (h2 < sat2.length - 1 && sat2[h2 + 1] < 0.5) h2++;
double f2 = (0.5 - sat2[h2]) / (sat2[h2 + 1] - sat2[h2]);
double halfDose2 = Math.exp(Math.log(doses[h2]) + f2 * (Math.log(doses[h2 + 1]) - Math.log(doses[h2])));
System.out.printf("half full from %.3g particles (was %.3g): %.2f times the dose%n", halfDose2 * 1e10, halfDose * 1e10, halfDose2 / halfDose);
