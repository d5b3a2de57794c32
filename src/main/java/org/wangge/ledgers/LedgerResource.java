package org.wangge.ledgers;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.wangge.cases.CaseFilter;
import org.wangge.cases.CaseState;
import org.wangge.cases.Priority;
import org.wangge.cases.RiskColour;
import org.wangge.common.ApiException;
import org.wangge.common.Clock;
import org.wangge.common.NodeType;
import org.wangge.grid.Grid;
import org.wangge.grid.GridReader;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.CurrentCaller;
import org.wangge.units.UnitKind;

/**
 * {@code GET /ledgers/{ledger}.xlsx}: a ledger (台账) as an XLSX file, streamed page by page (a
 * city's ledger never sits in memory), with the graph's filters as query parameters and the
 * graph's visibility and masks; each export is audited with its filter and row count.
 */
@Path("/ledgers")
@Blocking
public class LedgerResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Rows read per statement. */
    static final int PAGE = 1000;
    /** Rows an XLSX sheet holds (with its header row); a longer ledger goes on in a second sheet. */
    static final int SHEET_ROWS = 1_048_576;

    private final CurrentCaller currentCaller;
    private final GridReader grids;
    private final LedgerReader reader;
    private final LedgerService service;
    private final Clock clock;

    public LedgerResource(CurrentCaller currentCaller, GridReader grids, LedgerReader reader, LedgerService service, Clock clock) {
        this.currentCaller = currentCaller;
        this.grids = grids;
        this.reader = reader;
        this.service = service;
        this.clock = clock;
    }

    @GET
    @Path("{ledger}")
    public Response export(@PathParam("ledger") String name, @QueryParam("gridId") String gridId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("states") String states, @QueryParam("kinds") String kinds,
            @QueryParam("priorities") String priorities, @QueryParam("riskColours") String riskColours, @QueryParam("overdue") Boolean overdue,
            @QueryParam("text") String text, @QueryParam("unitKind") String unitKind, @QueryParam("riskTag") String riskTag,
            @QueryParam("subject") String subject) {
        Caller caller = currentCaller.get();
        Ledger ledger = ledger(name);
        Map<String, Object> filter = new LinkedHashMap<>();
        OffsetDateTime since = moment("from", from, filter);
        OffsetDateTime until = moment("to", to, filter);
        Grid grid = ledger == Ledger.points ? null : grid(gridId);
        Sheet sheet = switch (ledger) {
            case cases, risks -> {
                caller.require(Capability.CASES_READ, grid.path, gridId);
                CaseFilter f = new CaseFilter();
                f.states = list("states", states, CaseState::valueOf, filter);
                f.kinds = list("kinds", kinds, k -> k, filter);
                f.priorities = list("priorities", priorities, Priority::valueOf, filter);
                f.riskColours = list("riskColours", riskColours, RiskColour::valueOf, filter);
                f.overdue = put(filter, "overdue", overdue);
                f.text = put(filter, "text", text);
                f.from = since;
                f.to = until;
                yield ledger == Ledger.cases ? reader.cases(caller, grid.subtree(), f) : reader.risks(caller, grid.subtree(), f);
            }
            case visits -> {
                caller.require(Capability.VISITS_READ, grid.path, gridId);
                yield reader.visits(grid.path, since, until);
            }
            case units -> {
                caller.require(Capability.RESIDENTS_READ, grid.path, gridId);
                yield reader.units(caller, grid.path, list("unitKind", unitKind, UnitKind::valueOf, filter), put(filter, "riskTag", riskTag));
            }
            case points -> {
                if (subject != null && !caller.isAdmin()) {
                    throw ApiException.forbidden("Only admins export someone else's points").with("field", "subject");
                }
                yield reader.points(caller, put(filter, "subject", subject), since, until);
            }
        };
        long export = service.started(caller, ledger, grid == null ? null : grid.dbId, new JsonObject(filter).encode()).await().indefinitely();
        String file = ledger.title + (grid == null ? "" : "-" + grid.name) + "-" + LocalDate.now(clock.zone()) + ".xlsx";
        StreamingOutput body = out -> {
            long rows;
            try (var read = reader.snapshot()) {
                rows = write(sheet, read, out);
            }
            service.finished(export, rows).await().indefinitely();
        };
        return Response.ok(body, XLSX)
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * Writes the ledger's pages as they come, the sheet's rows flushed every page, all read in one
     * snapshot (a case turning red mid-export is neither skipped nor written twice); the number of rows written.
     */
    static long write(Sheet sheet, org.wangge.common.Sql.Snapshot read, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "wangge", "1.0");
        long rows = 0;
        int sheets = 1;
        Worksheet ws = header(workbook, sheet, sheet.title());
        int r = 1;
        long k1 = Long.MIN_VALUE;
        long k2 = Long.MIN_VALUE;
        while (true) {
            List<Sheet.Line> page = sheet.pages().after(read, k1, k2, PAGE).await().indefinitely();
            for (Sheet.Line line : page) {
                if (r == SHEET_ROWS) {
                    ws.finish();
                    ws = header(workbook, sheet, sheet.title() + " (" + ++sheets + ")");
                    r = 1;
                }
                for (int c = 0; c < line.cells().size(); c++) {
                    Object value = line.cells().get(c);
                    if (value instanceof Number n) {
                        ws.value(r, c, n);
                    } else if (value != null) {
                        ws.inlineString(r, c, value.toString());
                    }
                }
                r++;
                rows++;
                k1 = line.key1();
                k2 = line.key2();
            }
            ws.flush();
            if (page.size() < PAGE) {
                break;
            }
        }
        workbook.finish();
        return rows;
    }

    private static Worksheet header(Workbook workbook, Sheet sheet, String title) {
        Worksheet ws = workbook.newWorksheet(title);
        for (int c = 0; c < sheet.headers().size(); c++) {
            ws.inlineString(0, c, sheet.headers().get(c));
            ws.style(0, c).bold().set();
        }
        ws.freezePane(0, 1);
        return ws;
    }

    private static Ledger ledger(String name) {
        String plain = name.endsWith(".xlsx") ? name.substring(0, name.length() - 5) : name;
        try {
            return Ledger.valueOf(plain);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Ledger", plain).with("ledgers", Arrays.stream(Ledger.values()).map(Enum::name).toList());
        }
    }

    private Grid grid(String gridId) {
        if (gridId == null || gridId.isBlank()) {
            throw ApiException.validation("gridId", "Give the grid whose ledger it is (gridId)");
        }
        Grid grid = grids.byId(NodeType.GRID.key("gridId", gridId)).await().indefinitely();
        if (grid == null) {
            throw ApiException.notFound("Grid", gridId).with("field", "gridId");
        }
        return grid;
    }

    /** A moment: an ISO date-time, or a date (its start in China Standard Time). */
    private OffsetDateTime moment(String field, String value, Map<String, Object> filter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        filter.put(field, value);
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(clock.zone()).toOffsetDateTime() : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(field, field + " is a date (2026-01-31) or a date-time with its offset (2026-01-31T08:00:00+08:00)");
        }
    }

    /** A comma-separated list of codes, each checked, or null when not given. */
    private static <T> List<T> list(String field, String value, Function<String, T> parse, Map<String, Object> filter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        List<String> codes = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        filter.put(field, codes);
        try {
            return codes.stream().map(parse).toList();
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(field, "Unknown value in " + field + ": " + value);
        }
    }

    private static <T> T put(Map<String, Object> filter, String field, T value) {
        if (value != null) {
            filter.put(field, value);
        }
        return value;
    }
}
