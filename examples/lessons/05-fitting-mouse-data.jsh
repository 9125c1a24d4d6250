// Lesson 5: fitting mouse data.
//
// Chou et al. (2023) fitted a mouse PBPK model to the tumour time courses of the Nano-Tumor Database.
// Here we take one dataset (ID 22: eight measurements of tumour %ID) and fit three tumour parameters
// ourselves: PATC (vascular permeability), PT (tumour partition) and KTRESmax (uptake by tumour
// macrophages), starting from the model's defaults.

var rows = Files.readAllLines(data("chou2023_G1_nanotumor_fitted_pbpk_params.csv"));
var header = List.of(rows.get(0).split(","));
var cells = rows.get(22).split(",");
var row = new LinkedHashMap<String, String>();
for (int i = 0; i < header.size(); i++) row.put(header.get(i), cells[i]);
var published = Chou2023.forDataset(row);   // the authors' fitted parameters for dataset 22

// the observations: tumour %ID of dataset 22 (the %ID/g rows are the same measurements per gram)
var all = ObservationsCsv.read(data("chou2023_G1_nanotumor_tumor_timecourse.csv"), Map.of("tumor", "Tumor"));
var points = new ArrayList<Observations.Point>();
for (var p : all.subject("chou2023_G1_ID22").points()) if (p.quantity() == Observations.Quantity.PERCENT_ID) points.add(p);
var obs = Observations.of(points);
System.out.println(obs);

var start = published.with(Map.of("PATC", 0.001, "PT", 0.15, "KTRESmax", 0.4));
var fit = Fitter.of(start, obs)
    .estimate("PATC", "PT", "KTRESmax")
    .withErrorModel(ErrorModel.proportional(0.2))
    .withSolver(Solver.stiff().withTolerances(1e-7, 1e-9))
    .withStarts(3, 5)
    .fit();
System.out.println(fit);
System.out.printf("published parameters: PATC %.4g, PT %.4g, KTRESmax %.4g%n",
    published.parameter("PATC"), published.parameter("PT"), published.parameter("KTRESmax"));

Chart.fit(fit).withTitle("Tumour %ID, dataset 22: observed and fitted").save(out("05-fit.png"));
Chart.observedVsPredicted(fit).save(out("05-observed-vs-predicted.svg"));
Chart.residuals(fit).save(out("05-residuals.svg"));
