package org.wangge.people.roster;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;
import org.wangge.security.DevTokenResource;

/**
 * Benchmark, not a test (tag "bench", left out of the normal run): imports a generated
 * 100,000-row XLSX with 1% bad rows and records the time and the progress seen on the way.
 * Run with bench/roster-import.
 */
@QuarkusTest
@Tag("bench")
class RosterImportBench {

    @Test
    void import100kRows() throws Exception {
        int rows = Integer.getInteger("bench.rows", 100_000);
        String token = DevTokenResource.sign("chief-dongguan", "李秀英", Set.of("grid_chief"));
        RosterSamples.Roster roster = RosterSamples.generate(42, rows,
                List.of("411321001001001", "411321001001002", "411321001001003"), 100, 1_000_000);
        Path xlsx = Files.createTempFile("roster-bench", ".xlsx");
        RosterSamples.writeXlsx(roster, xlsx);

        long start = System.nanoTime();
        String job = RosterImportTest.upload(token, xlsx, "bench.xlsx");
        long uploaded = System.nanoTime();
        List<String> progress = new ArrayList<>();
        JsonPath state;
        while (true) {
            state = Gql.withToken(token).ok("query($id: ID!) { importJob(id: $id) { status doneRows totalRows importedRows errorRows } }", "id", job);
            progress.add(String.format("%.1fs %d/%d", (System.nanoTime() - start) / 1e9, state.getInt("importJob.doneRows"),
                    state.getInt("importJob.totalRows")));
            String status = state.getString("importJob.status");
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                break;
            }
            Thread.sleep(1000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String report = String.format("""
                rows=%d file=%.1fMB status=%s imported=%d errors=%d (expected %d/%d)
                upload=%.2fs total=%.1fs rows/s=%.0f
                progress: %s
                """, rows, Files.size(xlsx) / 1e6, state.getString("importJob.status"), state.getInt("importJob.importedRows"),
                state.getInt("importJob.errorRows"), roster.validRows(), roster.badLines().size(),
                (uploaded - start) / 1e9, seconds, rows / seconds, String.join(", ", progress));
        System.out.println(report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "roster-import.txt"), report);
    }
}
