package org.nanopk.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.Simulation;
import org.nanopk.Table;
import org.nanopk.Times;
import org.nanopk.population.Population;
import org.nanopk.solve.Solver;

/**
 * Every CSV NanoPK writes reads back as it was: subject IDs with commas, quotes, line breaks and
 * non-ASCII letters, compartment and output names in any script, numbers to the last bit.
 */
class CsvRoundTripTest {
    static final List<String> IDS = List.of("A,1", "say \"hi\"", "Maus-ü 3", "two\nlines", "plain");

    static Model model() {
        return Model.builder("ünïcode").compartment("Blut", 1.5).compartment("Tümor", 0.2).sink("尿")
            .parameter("kEPR", 0.05).parameter("kR", 0.1)
            .firstOrder("Blut", "Tümor", "kEPR").firstOrder("Blut", "尿", "kR")
            .output("Anteil_μ", "Tümor/(Blut+Tümor)")
            .dose(Dose.bolus("Blut", 100)).build();
    }

    static NonmemData data() {
        StringBuilder sb = new StringBuilder("ID,TIME,EVID,AMT,CMT,DV,MDV\n");
        for (String id : IDS) {
            String quoted = "\"" + id.replace("\"", "\"\"") + "\"";
            sb.append(quoted).append(",0,1,100,1,.,1\n");
            sb.append(quoted).append(",0.1,0,0,2,1.25,0\n");
            sb.append(quoted).append(",24,0,0,2,").append(Math.PI).append(",0\n");
        }
        return NonmemData.parse(sb.toString());
    }

    @Test
    void nonmemDataKeepsEveryIdAndNumber() {
        NonmemData d = data();
        assertEquals(IDS, d.ids());
        NonmemData back = NonmemData.parse(d.toCsv());
        assertEquals(IDS, back.ids());
        for (int i = 0; i < d.rows().size(); i++) {
            NonmemData.Row a = d.rows().get(i);
            NonmemData.Row b = back.rows().get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.time(), b.time());
            assertEquals(a.dv(), b.dv(), 0.0, "DV of row " + i);
        }
    }

    @Test
    void simulationsOfSubjectsReadBackWithTheirIdsAndNames(@TempDir Path dir) {
        Model m = model();
        List<Simulation> sims = data().simulate(m, Solver.auto());
        Path file = dir.resolve("out.csv");
        NonmemData.write(sims, file);
        CsvTable t = CsvTable.read(file);
        assertEquals(List.of("ID", "TIME", "EVID", "Blut", "Tümor", "尿", "Anteil_μ"), t.header());
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(t.cell(r, 0))) {
                ids.add(t.cell(r, 0));
            }
        }
        assertEquals(IDS, ids);
        // every number is written in full: the amounts read back exactly
        Simulation first = sims.get(0);
        for (int r = 0; r < first.size(); r++) {
            assertEquals(first.value("Tümor", r), t.number(r, t.column("Tümor"), Double.NaN), 0.0);
            assertEquals(first.value("Anteil_μ", r), t.number(r, t.column("Anteil_μ"), Double.NaN), 0.0);
        }
        assertEquals(NonmemData.toCsv(sims), t.toCsv());
    }

    @Test
    void aSimulationReadsBack(@TempDir Path dir) throws Exception {
        Simulation s = model().simulate(Times.grid(0, 24, 6));
        Path file = dir.resolve("sim.csv");
        s.toCsv(file);
        CsvTable t = CsvTable.read(file);
        assertEquals(List.of("time", "Blut", "Tümor", "尿", "Anteil_μ"), t.header());
        assertEquals(s.size(), t.size());
        assertEquals(s.value("尿", 3), t.number(3, 3, Double.NaN), 0.0);
        assertEquals(s.toCsv(), Files.readString(file));
    }

    @Test
    void populationBandsReadBack() {
        Population.Summary p = Population.of(model()).withVariability("kEPR", 0.3).study(0, 12, 24).track("Tümor")
            .run(40);
        CsvTable t = CsvTable.parse(p.toCsv(), "bands");
        assertEquals(List.of("time", "Tümor_P5", "Tümor_P50", "Tümor_P95"), t.header());
        assertEquals(p.band("Tümor", 50).value(2), t.number(2, 2, Double.NaN), 0.0);
    }

    @Test
    void tidyObservationsKeepSubjectIds() {
        StringBuilder csv = new StringBuilder("subject,time,compartment,value,unit\n");
        for (String id : IDS) {
            csv.append('"').append(id.replace("\"", "\"\"")).append("\",1,Tümor,2.5,%ID\n");
        }
        Observations o = ObservationsCsv.parse(csv.toString(), java.util.Map.of());
        assertEquals(IDS, o.points().stream().map(Observations.Point::subject).toList());
    }

    @Test
    void tablesAndCsvTablesQuoteWhatNeedsIt() {
        Table t = Table.builder("name", "note").row("A,1", "say \"hi\"").row("ü", "two\nlines").build();
        CsvTable back = CsvTable.parse(t.toCsv(), "table");
        assertEquals(List.of("A,1", "say \"hi\""), back.row(0));
        assertEquals(List.of("ü", "two\nlines"), back.row(1));
        CsvTable c = CsvTable.of(List.of("a", "b"), List.of(List.of("1,5", "\"")));
        assertEquals(c.row(0), CsvTable.parse(c.toCsv(), "again").row(0));
    }

    @Test
    void rowsOfAnotherLengthAreRejectedNamingTheRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CsvTable.parse("time,compartment,value\n1,blood,90,5\n", "decimal comma"));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("4 cells")
            && e.getMessage().contains("3 columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("a,b,c\n1,2\n", "short"));
        assertTrue(e.getMessage().contains("row 2 has 2 cells"), e.getMessage());
    }
}
