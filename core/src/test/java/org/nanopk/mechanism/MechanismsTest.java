package org.nanopk.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.io.ModelJson;
import org.nanopk.population.DoseSweep;
import org.nanopk.solve.Solver;

/** The nanoparticle building blocks and presets against closed forms and the published findings. */
class MechanismsTest {

    @Test
    void ouyangDoseThreshold() {
        // Ouyang et al. 2020: tumour %ID at 24 h rises more than tenfold from 2e11 to 5e13 particles while
        // Kupffer-cell saturation goes from a few percent to above 95 %; liver %ID falls as dose rises
        DoseSweep.Result r = DoseSweep.of(Presets.ouyang2020(), "B").withLogDoses(5e3 / 256, 5e3, 9)
            .percentIdAt("Tumor", 24).valueAt("KupfferSaturation", 24).percentIdAt("Liver", 24)
            .withSolver(Solver.auto().withTolerances(1e-10, 1e-10)).run();
        double[] tumour = r.column("Tumor %ID at 24 h");
        double[] saturation = r.column("KupfferSaturation at 24 h");
        double[] liver = r.column("Liver %ID at 24 h");
        assertTrue(tumour[8] > 10 * tumour[0], "tumour %ID " + tumour[0] + " -> " + tumour[8]);
        assertTrue(tumour[0] > 0.2 && tumour[0] < 0.4, "low-dose tumour %ID " + tumour[0]);
        assertTrue(saturation[0] > 0.01 && saturation[0] < 0.1, "low-dose saturation " + saturation[0]);
        assertTrue(saturation[8] > 0.95, "high-dose saturation " + saturation[8]);
        for (int i = 1; i < liver.length; i++) {
            assertTrue(liver[i] < liver[i - 1], "liver %ID falls with dose: " + liver[i - 1] + " -> " + liver[i]);
        }
        assertTrue(r.toString().contains("Tumor %ID at 24 h"), r.toString());
    }

    @Test
    void endosomalEscapeFractionAtInfinity() {
        // competing first-order exits of the endosome: the cytosol ends with kEsc/(kEsc+kDeg+kExo) of
        // what was internalised, and everything is internalised; at 2000 h the remainder is e^{-1000}
        for (Model m : new Model[] {Presets.gilleron2013(), Presets.apgar2018(),
            Model.builder("custom").compartment("outside").apply(EndosomalEscape.from("outside")
                .withRates(0.7, 0.03, 0.9, 0.4)).dose(Dose.bolus("outside", 100)).build()}) {
            double kEsc = m.parameter("kEsc");
            double expected = kEsc / (kEsc + m.parameter("kDeg") + m.parameter("kExo"));
            assertEquals(expected, m.parameter("escapeFraction"), 1e-15);
            Simulation s = m.simulate(new double[] {0, 2000});
            assertEquals(expected, s.at("cytosol", 2000) / 100, 1e-9, m.name());
        }
        double gilleron = Presets.gilleron2013().parameter("escapeFraction");
        assertTrue(gilleron >= 0.01 && gilleron <= 0.02, "Gilleron 2013: 1-2 %, got " + gilleron);
        assertEquals(0.70, Presets.gilleron2013().simulate(new double[] {0, 2000}).at("exocytosed", 2000) / 100, 1e-9);
        assertEquals(0.17, Presets.apgar2018().parameter("escapeFraction"), 0.005);
    }

    @Test
    void physiologyScalesFlowsAllometrically() {
        Physiology p = Physiology.mouse();
        double qc = 16.5 * Math.pow(0.02, 0.75) * 1000;
        assertEquals(qc, p.cardiacOutput(), 1e-9 * qc);
        assertEquals(0.02 * qc, p.flow("L"), 1e-9 * qc);
        assertEquals(0.055 * 20, p.volume("L"), 1e-12);
        Physiology heavy = p.withBodyWeight(0.04);
        assertEquals(Math.pow(2, 0.75), heavy.cardiacOutput() / p.cardiacOutput(), 1e-12);
        assertEquals(2, heavy.volume("T") / p.volume("T"), 1e-12);
        Model m = Model.builder("p").apply(p).compartment("x").build();
        assertEquals(qc / 1000, m.parameter("QC"), 1e-12);
    }

    @Test
    void renalClearanceFollowsTheSizeCutOff() {
        // one blood pool cleared at GFR·θ(HD)/V: blood(t) = 100 exp(-GFR θ t / V)
        for (double hd : new double[] {3, 5.5, 8}) {
            Model m = Model.builder("renal").apply(Circulation.singlePool("blood"))
                .apply(Renal.clearance("blood").withDiameter(hd)).dose(Dose.bolus("blood", 100)).build();
            double k = 15 * Math.pow(0.02 / 0.025, 0.75) * Renal.sievingCoefficient(hd) / (0.02 * 0.06 * 1000);
            Simulation s = m.simulate(Times.grid(0, 4, 1));
            assertEquals(100 * Math.exp(-k * 4), s.at("blood", 4), 1e-8 * 100, "HD " + hd);
        }
        assertTrue(Renal.sievingCoefficient(4) > 0.9 && Renal.sievingCoefficient(8) < 0.01);
    }

    @Test
    void arterialVenousCirculationEquilibratesAtThePartitionCoefficients() {
        // a closed loop with no elimination: blood concentrations become equal everywhere, each tissue
        // holds P times its capillary concentration, and the total is conserved (exact linear solution)
        Model m = Model.builder("circulation")
            .apply(Circulation.arterialVenous("lung", "liver", "spleen", "kidney", "muscle", "tumour", "rest"))
            .dose(Dose.bolus("venous", 100)).build();
        assertTrue(m.isLinear());
        Simulation s = m.simulate(new double[] {0, 1, 20000});
        assertEquals(100, s.total().at(20000), 1e-9);
        double cBlood = s.concentration("arterial").at(20000);
        assertEquals(cBlood, s.concentration("venous").at(20000), 1e-8 * cBlood);
        for (String organ : new String[] {"lung", "liver", "spleen", "kidney", "muscle", "tumour", "rest"}) {
            String x = Circulation.code(organ);
            assertEquals(cBlood, s.concentration(organ + "Blood").at(20000), 1e-8 * cBlood, organ + " blood");
            assertEquals(m.parameter("P" + x) * cBlood, s.concentration(organ).at(20000), 1e-8 * cBlood, organ);
        }
    }

    @Test
    void blocksComposeIntoAnOrdinaryModel() {
        Model m = Model.builder("composed")
            .apply(Circulation.singlePool("blood"))
            .apply(Epr.firstOrder("blood", "Tumor"))
            .apply(Phagocytes.liver("blood"))
            .apply(Phagocytes.spleen("blood").capacity(0.5, 30).release(0.01))
            .apply(Phagocytes.tumour("Tumor"))
            .apply(Phagocytes.of("bone", "blood").bimolecular(1e-4, 500))
            .apply(Renal.clearance("blood").withDiameter(5))
            .apply(EndosomalEscape.from("Tumor"))
            .dose(Dose.bolus("blood", 100))
            .build();
        Simulation s = m.simulate(Times.grid(0, 48, 6));
        assertEquals(100, s.total().at(48), 1e-9);
        assertTrue(s.percentIdPerGram("Tumor").at(24) > 0);
        assertEquals(m, ModelJson.parse(ModelJson.toJson(m)), "a composed model is written and read back");
        assertTrue(m.toString().contains("KupfferVmax*blood/(KupfferKm+blood)"), m.toString());
    }

    @Test
    void teachingModelKeepsMass() {
        Simulation s = Presets.teaching().simulate(Times.grid(0, 72, 12));
        assertEquals(100, s.total().at(72), 1e-9);
        assertTrue(s.percentId("Tumor").max() > 1);
    }

    @Test
    void everyPresetBuildsAndSimulates() {
        for (String name : Presets.names()) {
            Model m = Presets.byName(name);
            Simulation s = m.simulate(m.regimen(), new double[] {0, 1, 24}, Solver.auto());
            assertEquals(s.dosed().at(24), s.total().at(24), 1e-8 * s.dosed().at(24), name);
        }
        assertTrue(Presets.describeAll().contains("ouyang2020"));
    }
}
