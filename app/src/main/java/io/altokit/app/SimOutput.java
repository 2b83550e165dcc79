package io.altokit.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altokit.sim.report.Summary;
import io.altokit.sim.report.Table;

import java.io.PrintWriter;
import java.util.List;

/** How {@code alto sim} commands print their runs: a table, or one JSON object per run and line. */
final class SimOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimOutput() {
    }

    static void print(PrintWriter out, List<Summary> runs, boolean json) throws JsonProcessingException {
        if (json) {
            for (Summary run : runs) {
                out.println(JSON.writeValueAsString(run.columns()));
            }
            out.flush();
        } else {
            Table.print(out, runs);
        }
    }
}
