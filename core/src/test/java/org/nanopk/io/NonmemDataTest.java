package org.nanopk.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nanopk.Compartment;
import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.Regimen;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.solve.Solver;

/** NONMEM-style data files: reading, writing, simulating per subject, and bad records. */
class NonmemDataTest {
    static final double K = 0.2;

    static Model model() {
        return Model.builder("pk").compartment(Compartment.of("depot").withBioavailability("0.8"))
            .compartment("central", 10).sink("out")
            .parameter("ka", 1.1).parameter("k", K)
            .firstOrder("depot", "central", "ka").firstOrder("central", "out", "k").build();
    }

    @Test
    void simulatesEachSubjectInFileOrder() {
        // ID 1: 100 into central (CMT 2) at 0, a trough sample at 12 listed before the dose at 12.
        // ID 2: a 20/h infusion of 40 into central, then an EVID 3 reset at 5.
        String csv = "ID,TIME,EVID,AMT,CMT,RATE,II,ADDL,SS,DV,MDV\n"
            + "1,0,1,100,2,0,0,0,0,.,1\n"
            + "1,12,0,0,2,0,0,0,0,9.5,0\n"
            + "1,12,1,100,2,0,0,0,0,.,1\n"
            + "1,24,0,0,2,0,0,0,0,12,0\n"
            + "2,0,1,40,2,20,0,0,0,.,1\n"
            + "2,1,0,0,2,0,0,0,0,.,1\n"
            + "2,5,3,0,0,0,0,0,0,.,1\n"
            + "2,6,0,0,2,0,0,0,0,.,1\n";
        NonmemData data = NonmemData.parse(csv);
        assertEquals(List.of("1", "2"), data.ids());
        List<Simulation> sims = data.simulate(model(), Solver.auto());
        Simulation one = sims.get(0);
        assertEquals(4, one.size(), "one row per record");
        double trough = 100 * Math.exp(-K * 12);
        assertEquals(100, one.value("central", 0), 1e-9);
        assertEquals(trough, one.value("central", 1), 1e-9, "sampled before the dose at the same time");
        assertEquals(trough + 100, one.value("central", 2), 1e-9, "the state after the dose record");
        assertEquals((trough + 100) * Math.exp(-K * 12), one.value("central", 3), 1e-9);
        Simulation two = sims.get(1);
        assertEquals(20 / K * (1 - Math.exp(-K)), two.value("central", 1), 1e-9);
        assertEquals(0, two.value("central", 2), 0, "EVID 3 resets");
        assertEquals(0, two.value("central", 3), 0, "and cancels the running infusion");
        String out = NonmemData.toCsv(sims);
        assertTrue(out.startsWith("ID,TIME,EVID,depot,central,out\n1,0.0,1,0.0,100.0,0.0\n"), out);
        assertEquals(9, out.split("\n").length);
    }

    @Test
    void writtenRecordsReadBackToTheSameSimulation() {
        Model m = model();
        Regimen r = Regimen.of(Dose.bolus("depot", 100).repeated(3, 12), Dose.infusion("central", 30, 2).at(40),
            Dose.infusionAtRate("central", 10, 5).withSteadyState(2, 24).at(50));
        double[] times = Times.grid(0, 72, 2);
        NonmemData data = NonmemData.of(m, r, times);
        NonmemData back = NonmemData.parse(data.toCsv());
        assertEquals(data.toCsv(), back.toCsv());
        Simulation direct = m.simulate(r, times);
        Simulation fromFile = back.simulate(m, Solver.auto()).get(0);
        // the file has a row per dose record too; compare the observation rows
        int k = 0;
        int[] evid = fromFile.evid();
        for (int i = 0; i < fromFile.size(); i++) {
            if (evid[i] == 0) {
                assertEquals(direct.value("central", k), fromFile.value("central", i), 1e-12, "central at " + times[k]);
                k++;
            }
        }
        assertEquals(times.length, k);
    }

    static void rejects(String body, String... fragments) {
        String csv = "ID,TIME,EVID,AMT,CMT,RATE,II,ADDL,SS,DV,MDV\n" + body;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> NonmemData.parse(csv).simulate(model(), Solver.auto()));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void badRecordsNameTheRowAndTheField() {
        rejects("1,0,1,-5,2,0,0,0,0,.,1\n", "row 2", "column AMT", "-5.0 is negative");
        rejects("1,0,1,100,2,-2,0,0,0,.,1\n", "row 2", "column RATE", "-2", "no modelled duration");
        rejects("1,0,1,100,2,0,0,0,1,.,1\n", "row 2", "steady state (SS = 1) with interval = 0.0 and amount = 100.0");
        rejects("1,0,1,100,7,0,0,0,0,.,1\n", "row 2", "column CMT", "7 is not a compartment", "1 to 3",
            "depot, central, out");
        rejects("1,5,0,0,2,0,0,0,0,.,1\n1,2,1,100,2,0,0,0,0,.,1\n", "row 3", "column TIME", "2.0 is before the "
            + "previous time 5.0 of ID 1");
        rejects("1,0,1,abc,2,0,0,0,0,.,1\n", "row 2", "column AMT", "'abc' is not a finite decimal number");
        rejects("1,0,7,1,2,0,0,0,0,.,1\n", "row 2", "column EVID", "7");
        rejects("1,0,1,1,2,0,0,0,0,.,1\n2,0,1,1,2,0,0,0,0,.,1\n1,3,1,1,2,0,0,0,0,.,1\n", "row 4", "subject 1 appears "
            + "again");
        IllegalArgumentException noTime = assertThrows(IllegalArgumentException.class,
            () -> NonmemData.parse("ID,AMT\n1,2\n"));
        assertTrue(noTime.getMessage().contains("no TIME column"), noTime.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
            () -> NonmemData.parse("ID,TIME,time\n1,2,3\n"));
        assertTrue(dup.getMessage().toLowerCase().contains("duplicate"), dup.getMessage());
    }

    @Test
    void byteOrderMarkAndMissingColumns() {
        // a BOM, lower-case names, no EVID column: AMT > 0 makes a dose
        NonmemData d = NonmemData.parse("\uFEFFid,time,amt,cmt\n1,0,10,2\n1,1,.,2\n");
        Simulation s = d.simulate(model(), Solver.auto()).get(0);
        assertEquals(10 * Math.exp(-K), s.value("central", 1), 1e-9);
    }
}
