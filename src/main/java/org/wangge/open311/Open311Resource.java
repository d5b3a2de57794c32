package org.wangge.open311;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.wangge.cases.CaseConnection;
import org.wangge.cases.CaseFile;
import org.wangge.cases.CaseFilter;
import org.wangge.cases.CaseInputs;
import org.wangge.cases.CaseKind;
import org.wangge.cases.CaseReader;
import org.wangge.cases.CaseService;
import org.wangge.cases.CaseSource;
import org.wangge.cases.CaseState;
import org.wangge.cases.Department;
import org.wangge.cases.RiskColour;
import org.wangge.cases.catalogue.CatalogueReader;
import org.wangge.common.ApiException;
import org.wangge.common.Clock;
import org.wangge.grid.GeoPoint;
import org.wangge.grid.Grid;
import org.wangge.grid.GridKind;
import org.wangge.grid.GridLocator;
import org.wangge.grid.GridReader;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.security.Roles;

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) beside the graph, from the same
 * services and visibility rules: services are the catalogue's 大类 (their 小类 as the attribute
 * {@code item}), a request is a case and its service_request_id the case number. Reading requests
 * takes a bearer token (the CaseFile rule) or a partner's api_key (the requests it reported).
 */
@Path("/open311/v2")
public class Open311Resource {

    private static final Logger LOG = Logger.getLogger(Open311Resource.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final int MAX_RESULTS = 1000;
    static final int MAX_DAYS = 90;
    static final int MAX_DESCRIPTION = 4000;

    private final CurrentCaller currentCaller;
    private final Open311KeyReader keys;
    private final CatalogueReader catalogue;
    private final CaseReader cases;
    private final CaseService service;
    private final GridReader grids;
    private final GridLocator locator;
    private final Clock clock;

    public Open311Resource(CurrentCaller currentCaller, Open311KeyReader keys, CatalogueReader catalogue, CaseReader cases,
            CaseService service, GridReader grids, GridLocator locator, Clock clock) {
        this.currentCaller = currentCaller;
        this.keys = keys;
        this.catalogue = catalogue;
        this.cases = cases;
        this.service = service;
        this.grids = grids;
        this.locator = locator;
        this.clock = clock;
    }

    // ---- services: the catalogue, public like a city's list of what it takes reports of ----

    @GET
    @Path("services.{format}")
    public Response services(@PathParam("format") String format, @QueryParam("jurisdiction_id") String jurisdiction) {
        return answer(format, () -> {
            jurisdiction(jurisdiction);
            List<Map<String, Object>> out = new ArrayList<>();
            for (CaseKind k : catalogue.caseKinds().await().atMost(WAIT)) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("service_code", k.code);
                s.put("service_name", k.nameZh);
                s.put("description", k.classCode + " " + k.nameZh + " (" + k.nameEn + ")");
                s.put("metadata", true);
                s.put("type", "realtime");
                s.put("keywords", String.join(",", k.items.stream().map(i -> i.nameZh).toList()));
                s.put("group", k.dispute ? "矛盾纠纷" : "事件");
                out.add(s);
            }
            return Open311Format.list(format, 200, "services", "service", out);
        });
    }

    @GET
    @Path("services/{code}.{format}")
    public Response service(@PathParam("code") String code, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        return answer(format, () -> {
            jurisdiction(jurisdiction);
            CaseKind k = kind(code);
            List<Map<String, Object>> attributes = new ArrayList<>();
            attributes.add(attribute("item", "小类", 1, k.items.stream().map(i -> value(i.code, i.fullCode + " " + i.nameZh)).toList()));
            if (k.dispute) {
                attributes.add(attribute("risk_colour", "风险等级 (三色)", 2, List.of(value(RiskColour.RED.name(), "红"),
                        value(RiskColour.YELLOW.name(), "黄"), value(RiskColour.GREEN.name(), "绿"))));
            }
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("service_code", k.code);
            definition.put("attributes", attributes);
            return Open311Format.object(format, "service_definition", definition);
        });
    }

    private static Map<String, Object> attribute(String code, String description, int order, List<Map<String, Object>> values) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("variable", true);
        a.put("code", code);
        a.put("datatype", "singlevaluelist");
        a.put("required", false);
        a.put("datatype_description", null);
        a.put("order", order);
        a.put("description", description);
        a.put("values", values);
        return a;
    }

    private static Map<String, Object> value(String key, String name) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("key", key);
        v.put("name", name);
        return v;
    }

    // ---- requests ----

    @POST
    @Path("requests.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response report(@PathParam("format") String format, MultivaluedMap<String, String> form,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return answer(format, () -> {
            // a partner's system is a hotline's: its reports come in as HOTLINE
            boolean viaKey = blank(form.getFirst("api_key")) != null;
            Caller caller = caller(form.getFirst("api_key"), names(form));
            Grid county = jurisdiction(form.getFirst("jurisdiction_id"));
            CaseKind k = kind(required(form, "service_code"));
            CaseInputs.Report in = new CaseInputs.Report();
            in.kind = k.code;
            in.item = blank(form.getFirst("attribute[item]"));
            String colour = blank(form.getFirst("attribute[risk_colour]"));
            if (colour != null) {
                in.riskColour = enumValue(RiskColour.class, colour, "attribute[risk_colour]");
            }
            String description = blank(form.getFirst("description"));
            if (description != null && description.length() > MAX_DESCRIPTION) {
                throw ApiException.validation("description", "description is at most " + MAX_DESCRIPTION + " characters");
            }
            in.description = description;
            in.title = title(description, k.nameZh);
            in.address = blank(form.getFirst("address_string"));
            in.mediaUrl = blank(form.getFirst("media_url"));
            String lat = blank(form.getFirst("lat"));
            String lng = blank(form.getFirst("long"));
            if (lat == null || lng == null) {
                throw ApiException.validation("lat", in.address != null
                        ? "lat and long are needed to place a request; address_string is kept with it but cannot place it"
                        : "lat and long are required");
            }
            in.location = new GeoPoint(number(lat, "lat"), number(lng, "long"));
            if (county != null) {
                Long leaf = locator.leafGridAt(in.location.lat, in.location.lng).await().atMost(WAIT);
                Grid at = leaf == null ? null : grids.byId(leaf).await().atMost(WAIT);
                if (at == null || !at.path.startsWith(county.path)) {
                    throw ApiException.validation("lat", "The point is not in jurisdiction " + county.code);
                }
            }
            CaseService.Extras extras = new CaseService.Extras(contact(form.getFirst("phone"), 30, "phone"),
                    contact(form.getFirst("email"), 254, "email"), viaKey ? CaseSource.HOTLINE : null);
            if (extras.email() != null && !extras.email().contains("@")) {
                throw ApiException.validation("email", "email is not an e-mail address");
            }
            // GeoReport clients send no idempotency key: a request sent again (after a lost answer) is the
            // same request, so the same fields within the retry window make the same case
            String key = idempotencyKey != null ? idempotencyKey : "open311-" + fingerprint(form);
            CaseFile c = service.report(caller, in, key, extras).await().atMost(WAIT);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("service_request_id", c.number);
            out.put("service_notice", null);
            out.put("account_id", null);
            return Open311Format.list(format, 200, "service_requests", "request", List.of(out));
        });
    }

    @GET
    @Path("requests.{format}")
    public Response requests(@PathParam("format") String format, @QueryParam("api_key") String apiKey,
            @QueryParam("jurisdiction_id") String jurisdiction, @QueryParam("service_request_id") String ids,
            @QueryParam("service_code") String codes, @QueryParam("start_date") String start, @QueryParam("end_date") String end,
            @QueryParam("status") String status) {
        return answer(format, () -> {
            Caller caller = caller(apiKey, null);
            Grid county = jurisdiction(jurisdiction);
            CaseFilter filter = new CaseFilter();
            List<String> numbers = list(ids);
            if (numbers.isEmpty()) {
                // without ids: the service codes, statuses and a window of at most 90 days (the last 90 by default)
                filter.kinds = list(codes).isEmpty() ? null : list(codes);
                OffsetDateTime to = end == null ? clock.now() : time(end, "end_date");
                OffsetDateTime from = start == null ? to.minusDays(MAX_DAYS) : time(start, "start_date");
                if (from.isAfter(to)) {
                    throw ApiException.validation("start_date", "start_date is after end_date");
                }
                if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
                    throw ApiException.validation("start_date", "At most " + MAX_DAYS + " days between start_date and end_date");
                }
                filter.from = from;
                filter.to = to;
                filter.states = states(list(status));
            } else if (numbers.size() > MAX_RESULTS) {
                throw ApiException.validation("service_request_id", "At most " + MAX_RESULTS + " ids");
            }
            return Open311Format.list(format, 200, "service_requests", "request", requests(caller, county, filter, numbers));
        });
    }

    @GET
    @Path("requests/{id}.{format}")
    public Response request(@PathParam("id") String id, @PathParam("format") String format, @QueryParam("api_key") String apiKey,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        return answer(format, () -> {
            Caller caller = caller(apiKey, null);
            List<Map<String, Object>> found = requests(caller, jurisdiction(jurisdiction), new CaseFilter(), List.of(id));
            if (found.isEmpty()) {
                // one the caller may not see is answered as one that does not exist
                throw ApiException.notFound("service_request_id", id);
            }
            return Open311Format.list(format, 200, "service_requests", "request", found);
        });
    }

    private List<Map<String, Object>> requests(Caller caller, Grid county, CaseFilter filter, List<String> numbers) {
        Function<List<Object>, String> byNumber = numbers.isEmpty() ? null : args -> {
            args.add(numbers.toArray(String[]::new));
            return "c.number = ANY($" + args.size() + ")";
        };
        CaseConnection page = cases.list(caller, county == null ? null : county.subtree(), filter, byNumber, MAX_RESULTS, null).await().atMost(WAIT);
        List<CaseFile> found = page.edges.stream().map(e -> e.node).toList();
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, String> names = new java.util.HashMap<>();
        catalogue.caseKinds().await().atMost(WAIT).forEach(k -> names.put(k.code, k.nameZh));
        Map<Long, String> notes = cases.lastNotes(found.stream().map(c -> c.dbId).toList()).await().atMost(WAIT);
        Map<Long, Department> departments = cases.departmentsById(found.stream().map(c -> c.handlerDepartmentId)
                .filter(java.util.Objects::nonNull).distinct().toList()).await().atMost(WAIT);
        List<Map<String, Object>> out = new ArrayList<>();
        for (CaseFile c : found) {
            boolean open = !c.state.terminal();
            String note = notes.get(c.dbId);
            Department agency = c.handlerDepartmentId == null ? null : departments.get(c.handlerDepartmentId);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("service_request_id", c.number);
            r.put("status", open ? "open" : "closed");
            r.put("status_notes", stateName(c.state) + (note == null ? "" : ": " + note));
            r.put("service_name", names.getOrDefault(c.kind, c.kind));
            r.put("service_code", c.kind);
            r.put("description", c.description);
            r.put("agency_responsible", agency == null ? null : agency.name);
            r.put("service_notice", null);
            r.put("requested_datetime", iso(c.createdAt));
            r.put("updated_datetime", iso(c.updatedAt));
            r.put("expected_datetime", open ? iso(c.dueAt) : null);
            r.put("address", c.address);
            r.put("address_id", null);
            r.put("zipcode", null);
            r.put("lat", c.location == null ? null : c.location.lat);
            r.put("long", c.location == null ? null : c.location.lng);
            r.put("media_url", c.mediaUrl);
            out.add(r);
        }
        return out;
    }

    // ---- who is asking ----

    /**
     * A partner's api_key (valid and not revoked: else 403), or the bearer token's caller. A key's
     * reports are filed under its own reporter subject, with the reporter's name when given.
     */
    private Caller caller(String apiKey, String reporterName) {
        if (apiKey != null && !apiKey.isBlank()) {
            Open311Key key = keys.byKey(apiKey.strip()).await().atMost(WAIT);
            if (key == null || key.revokedAt != null) {
                throw ApiException.forbidden("The api_key is not valid (unknown or revoked)");
            }
            return Caller.of(key.subject, reporterName == null ? key.name : reporterName, Set.of(Roles.REPORTER));
        }
        return currentCaller.get();
    }

    private static String names(MultivaluedMap<String, String> form) {
        String last = blank(form.getFirst("last_name"));
        String first = blank(form.getFirst("first_name"));
        String name = ((last == null ? "" : last) + (first == null ? "" : first)).strip();
        if (name.length() > 100) {
            throw ApiException.validation("first_name", "first_name and last_name are at most 100 characters together");
        }
        return name.isEmpty() ? null : name;
    }

    /** The county a jurisdiction_id names (its grid code); null when absent: the whole deployment. */
    private Grid jurisdiction(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        Grid g = grids.byCode(code.strip()).await().atMost(WAIT);
        if (g == null || g.kind != GridKind.COUNTY) {
            throw ApiException.notFound("jurisdiction_id", code);
        }
        return g;
    }

    /** The request's fields (not the key or the caller's name), hashed: what makes two requests the same. */
    private static String fingerprint(MultivaluedMap<String, String> form) {
        StringBuilder canonical = new StringBuilder();
        new java.util.TreeMap<>(form).forEach((name, values) -> {
            if (!name.equals("api_key")) {
                canonical.append(name).append('=').append(values).append('\n');
            }
        });
        return java.util.HexFormat.of().formatHex(Open311KeyService.hash(canonical.toString())).substring(0, 40);
    }

    private CaseKind kind(String code) {
        return catalogue.caseKinds().await().atMost(WAIT).stream().filter(k -> k.code.equals(code)).findFirst()
                .orElseThrow(() -> ApiException.notFound("service_code", code));
    }

    // ---- parsing ----

    private static String required(MultivaluedMap<String, String> form, String name) {
        String v = blank(form.getFirst(name));
        if (v == null) {
            throw ApiException.validation(name, name + " is required");
        }
        return v;
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String contact(String v, int max, String field) {
        String c = blank(v);
        if (c != null && c.length() > max) {
            throw ApiException.validation(field, field + " is at most " + max + " characters");
        }
        return c;
    }

    private static List<String> list(String v) {
        return v == null || v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static double number(String v, String field) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw ApiException.validation(field, field + " is not a number");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String v, String field) {
        try {
            return Enum.valueOf(type, v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(field, field + " is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private OffsetDateTime time(String v, String field) {
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay(clock.zone()).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                throw ApiException.validation(field, field + " is not an ISO 8601 date and time (e.g. 2026-03-01T00:00:00+08:00)");
            }
        }
    }

    private static List<CaseState> states(List<String> statuses) {
        boolean open = statuses.isEmpty() || statuses.contains("open");
        boolean closed = statuses.isEmpty() || statuses.contains("closed");
        for (String s : statuses) {
            if (!s.equals("open") && !s.equals("closed")) {
                throw ApiException.validation("status", "status is open, closed, or both");
            }
        }
        if (open && closed) {
            return null;
        }
        return Arrays.stream(CaseState.values()).filter(s -> s.terminal() == closed).toList();
    }

    private static String title(String description, String serviceName) {
        if (description == null) {
            return serviceName;
        }
        String first = description.lines().findFirst().orElse("").strip();
        return first.isEmpty() ? serviceName : first.length() > 60 ? first.substring(0, 60) + "…" : first;
    }

    private String iso(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(clock.zone()).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String stateName(CaseState s) {
        return switch (s) {
            case REPORTED -> "待受理";
            case ACCEPTED -> "已立案";
            case REJECTED -> "不予立案";
            case WITHDRAWN -> "已撤回";
            case DISPATCHED -> "已派遣";
            case IN_PROGRESS -> "处置中";
            case RESOLVED -> "已处置，待核查";
            case VERIFIED -> "已核查";
            case CLOSED -> "已办结";
            case PARKED -> "挂账";
        };
    }

    // ---- answers ----

    /** Runs the work in the format asked; what it refuses becomes the spec's error answer, never a stack trace. */
    private Response answer(String format, Supplier<Response> work) {
        if (!Open311Format.known(format)) {
            return Open311Format.error(Open311Format.JSON, 404, "Unknown format " + format + " (json or xml)");
        }
        try {
            return work.get();
        } catch (ApiException e) {
            int status = switch (e.code()) {
                case NOT_FOUND -> 404;
                case UNAUTHENTICATED, FORBIDDEN -> 403;
                case CONFLICT -> 409;
                case RATE_LIMITED -> 429;
                case BUSY, TIMEOUT -> 503; // worth trying again
                default -> 400;
            };
            String description = e.code() == org.wangge.common.ErrorCode.UNAUTHENTICATED
                    ? "A bearer token or an api_key is required" : e.getMessage();
            return Open311Format.error(format, status, description);
        } catch (io.smallrye.mutiny.TimeoutException e) {
            // still running, perhaps to its end: a retry is answered by the same request (its fingerprint)
            return Open311Format.error(format, 503, "The server is slow to answer; try again");
        } catch (RuntimeException e) {
            ApiException known = org.wangge.common.Tx.known(e);
            if (known != null) {
                return Open311Format.error(format, known.code() == org.wangge.common.ErrorCode.NOT_FOUND ? 404 : 400, known.getMessage());
            }
            LOG.error("Open311 request failed", e);
            return Open311Format.error(format, 500, "The request failed on the server");
        }
    }
}
