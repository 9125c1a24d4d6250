// 07-fitting-your-own-data.ipynb as a JShell script, made from the notebook by ./nanopk lesson --export; run it with /open in ./nanopk jshell.

// # Lesson 7: fitting your own data
//
// Your data come as a tidy CSV file: one row per measurement with `subject, time, compartment, value`,
// and optionally `unit`, `sd`, `lloq` and each subject's `dose`. Here: R's theophylline data, 12
// subjects given an oral dose each (mg/kg), serum concentrations in mg/L. The model is one compartment
// with first-order absorption,
//
// $$C(t) = \frac{D\,k_a\,k_e}{CL\,(k_a - k_e)}\left(e^{-k_e t} - e^{-k_a t}\right).$$

var model = ModelJson.read(models("theophylline.json"));
model

var data = ObservationsCsv.read(data("classic_theophylline_R_Theoph.csv"), Map.of("serum", "C"));
data.subjects()

// Units are never guessed: the output `C` declares mg/L, the data say mg/L, and the report states what
// was compared with what. Twelve subjects are never pooled silently: fitting them all at once asks
// whether to fit each or to pool.

try {
    Fitter.of(model, data).estimate("ke", "ka", "CL").fit();
} catch (IllegalArgumentException e) {
    System.out.println(e.getMessage());
}

var fits = Fitter.of(model, data).
    estimate("ke", "ka", "CL").
    withErrorModel(ErrorModel.additive(0.5)).
    bySubject();
FitCsv.estimatesTable(fits)

// Each subject received its own dose from the file's `dose` column. One subject's fit, with the curve
// drawn from the solution:

Chart.fit(fits.get("1")).withTitle("Theophylline, subject 1")

// ## Exercise
//
// Fit all subjects together with one set of parameters (`pooled()`). Is its residual sum of squares
// larger or smaller than the sum of the 12 individual ones, and why?
//
// ## Answer
//
// Larger: the individual fits have 36 parameters to the pooled fit's 3, and each subject's own
// parameters fit it at least as well as the shared ones.

var pooled = Fitter.of(model, data).estimate("ke", "ka", "CL").withErrorModel(ErrorModel.additive(0.5)).pooled().fit();
double individual = 0;
for (var f : fits.values()) individual += f.sumOfSquares();
System.out.printf("SS pooled %.2f, sum of individual SS %.2f%n", pooled.sumOfSquares(), individual);
