package org.wangge.reads;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.ObjectValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import org.wangge.cases.CaseState;
import org.wangge.common.NodeType;
import org.wangge.common.Paging;
import org.wangge.security.Capability;
import org.wangge.units.UnitReader;

/**
 * Compiles a validated read operation of the grid tree into one SQL statement whose result is the
 * response's {@code data} as JSON, built by PostgreSQL: grids by id or code, their plain fields,
 * children, staff and newest cases, nested to any depth. It works on graphql-java's normalized
 * operation, in which fragments are merged, {@code @skip}/{@code @include} applied, variables and
 * defaults resolved and aliases kept: a document reaches the same statement however the client
 * wrote it. Whatever it does not know (another field, a cursor, an argument the executor would
 * refuse) is {@link NotCompiled}, and the executor answers, with every error.
 *
 * <p>The result is a {@link Plan}: the statement with its parameters bound to where their values
 * come from (a literal, a variable, today, now), so one plan serves every request of the same
 * document whose variables have the same shape (which are given, which are null or empty, the
 * Booleans' and the numbers' values: what fragments, directives and the compiler's choices depend
 * on). What a shape fixes is written into the statement (the filters that apply, the page sizes),
 * so that PostgreSQL, which keeps the statement prepared, can keep one plan for it too.
 *
 * <p>Jurisdiction: the statement returns each root grid's path, and the answer is used only when
 * the caller covers all of them. Everything below a covered grid is covered too (children, their
 * staff, the cases of the subtree), so the nested reads need no further filter.
 */
public final class ReadCompiler {

    /** The root fields a compiled operation may have. */
    public static final Set<String> ROOT_FIELDS = Set.of("grid", "node", "__typename");

    /**
     * Not answerable here: the operation goes to the GraphQL executor. {@code byValue}: because of a
     * variable's value (a page size out of range…), so other values of the same shape may compile.
     */
    public static final class NotCompiled extends RuntimeException {
        private final boolean byValue;

        public NotCompiled(String why) {
            this(why, false);
        }

        private NotCompiled(String why, boolean byValue) {
            super(why, null, false, false);
            this.byValue = byValue;
        }

        public boolean byValue() {
            return byValue;
        }
    }

    /** Where a parameter's value comes from. */
    private sealed interface Binding {
    }

    private record Constant(Object value) implements Binding {
    }

    /** A variable's coerced value, checked and converted as the argument's literal would be. */
    private record FromVariable(String name, Function<Object, Object> convert) implements Binding {
    }

    private enum Clock implements Binding {
        TODAY, NOW
    }

    /**
     * The statement and where each of its parameters comes from. Its columns: the root grids'
     * paths (a null one for a grid not found); the data JSON as text; the grid paths of the
     * residents and households it shows that may lie outside the roots (a null one for anything
     * only the executor answers exactly, such as a checklist item no longer in use). {@code needs}:
     * what the caller must be allowed over every root, besides the cases and staff every plan
     * reads. {@code reusable}: false when an argument's literal holds a variable inside it, whose
     * value the plan does not follow.
     */
    public record Plan(String sql, List<Binding> bindings, Set<Capability> needs, boolean reusable) {

        /** The parameters for one request; NotCompiled (by value) if a variable's value is not one the plan takes. */
        public List<Object> params(Map<String, Object> variables, LocalDate today, OffsetDateTime now) {
            List<Object> out = new ArrayList<>(bindings.size());
            for (Binding b : bindings) {
                if (b instanceof Constant c) {
                    out.add(c.value());
                } else if (b instanceof FromVariable v) {
                    out.add(converted(v.convert(), variables.get(v.name())));
                } else {
                    out.add(b == Clock.TODAY ? today : now);
                }
            }
            return out;
        }
    }

    private static Object converted(Function<Object, Object> convert, Object value) {
        try {
            return convert.apply(value);
        } catch (NotCompiled e) {
            throw new NotCompiled(e.getMessage(), true);
        }
    }

    // json_build_object takes at most 100 arguments: 50 fields.
    private static final int MAX_FIELDS_PER_OBJECT = 50;
    private static final int MAX_NEWEST_CASES = 50;
    private static final int DEFAULT_NEWEST_CASES = 10;
    // Below this level a subtree holds few grids: read each grid's newest cases from its index.
    private static final int SMALL_SUBTREE_LEVEL = 4;

    private final ExecutableNormalizedOperation operation;
    private final Map<String, Object> variables;
    private final List<Binding> params = new ArrayList<>();
    private final Set<Capability> needs = java.util.EnumSet.noneOf(Capability.class);
    /** The current root's expressions of paths to check (text[] each), see {@link Plan}. */
    private final List<String> extras = new ArrayList<>();
    /**
     * Where the rows of the object being compiled come from (a FROM list naming its alias), for
     * the extra paths' expressions; null outside a root's houses and units.
     */
    private String scope;
    /** The condition selecting the current root grid (houses and units are read at a root only). */
    private String rootWhere;
    /**
     * The pages of houses and units, each read once (a materialized WITH query) for its edges,
     * cursors and extra paths; sorted, not walked in id order, since a subtree's range is not
     * known when the statement is planned.
     */
    private final List<String> pages = new ArrayList<>();
    private boolean reusable = true;
    private int today;
    private int now;
    private int aliases;

    private ReadCompiler(ExecutableNormalizedOperation operation, Map<String, Object> variables) {
        this.operation = operation;
        this.variables = variables;
    }

    /**
     * The plan for a query operation (normalized with these coerced variables), or NotCompiled. The
     * plan holds for every request of the same document and operation whose variables have the
     * same shape.
     */
    public static Plan compile(ExecutableNormalizedOperation operation, Map<String, Object> variables) {
        return new ReadCompiler(operation, variables).query(operation.getTopLevelFields());
    }

    private Plan query(List<ExecutableNormalizedField> roots) {
        StringJoiner paths = new StringJoiner(", ", "ARRAY[", "]::text[]");
        StringJoiner extra = new StringJoiner(" || ");
        extra.setEmptyValue("ARRAY[]::text[]");
        int grids = 0;
        StringJoiner data = new StringJoiner(", ", "json_build_object(", ")");
        for (ExecutableNormalizedField f : fields(roots, "Query", false)) {
            data.add(key(f));
            if (f.getName().equals("__typename")) {
                data.add(scalar(f, "'Query'"));
                continue;
            }
            String t = alias();
            String where;
            String object;
            extras.clear();
            if (f.getName().equals("grid")) {
                where = rootCondition(f, t);
                rootWhere = where;
                object = gridObject(f, t, true, false);
            } else if (f.getName().equals("node")) {
                arguments(f, "id");
                // another type's id goes to the executor; the plans' shape names the id's type, so
                // that is known once per document, as for a grid's
                Object id = f.getResolvedArguments().get("id");
                NodeType.Decoded decoded = id == null ? null : NodeType.decode(id.toString());
                if (decoded == null) {
                    // not an id at all: the executor refuses it; other values may be grids' ids
                    throw new NotCompiled("node(id:) not an id", true);
                }
                if (decoded.type() != NodeType.GRID) {
                    throw new NotCompiled("node(id:) of another type");
                }
                where = t + ".id = $" + bind(f, "id", ReadCompiler::gridId, null) + "::bigint";
                rootWhere = where;
                object = gridObject(f, t, true, true);
            } else {
                throw new NotCompiled("root field " + f.getName());
            }
            paths.add("(SELECT " + t + ".path FROM grid " + t + " WHERE " + where + ")");
            data.add("(SELECT " + object + " FROM grid " + t + " WHERE " + where + ")");
            if (!extras.isEmpty()) {
                extra.add("(SELECT " + String.join(" || ", extras) + " FROM grid " + t + " WHERE " + where + ")");
            }
            grids++;
        }
        if (grids == 0) {
            throw new NotCompiled("no grid");
        }
        String with = pages.isEmpty() ? "" : "WITH " + String.join(", ", pages) + " ";
        return new Plan(with + "SELECT " + paths + ", " + data + "::text, " + extra, List.copyOf(params), Set.copyOf(needs), reusable);
    }

    /** By id or by code: exactly one of them, as the executor asks. */
    private String rootCondition(ExecutableNormalizedField grid, String t) {
        Map<String, Object> args = arguments(grid, "id", "code");
        Object id = args.get("id");
        Object code = args.get("code");
        if ((id == null) == (code == null)) {
            throw new NotCompiled("exactly one of id and code");
        }
        if (code != null) {
            return t + ".code = $" + bind(grid, "code", Object::toString, null) + "::text";
        }
        return t + ".id = $" + bind(grid, "id", ReadCompiler::gridId, null) + "::bigint";
    }

    private static Object gridId(Object id) {
        NodeType.Decoded d = NodeType.decode(id.toString());
        if (d == null || d.type() != NodeType.GRID) {
            throw new NotCompiled("id");
        }
        try {
            long n = Long.parseLong(d.key());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the executor reports it
        }
        throw new NotCompiled("id");
    }

    // ---- object types ----

    /**
     * A grid: at a root (its houses and units only there, where the extra paths are collected), or
     * as {@code node}'s answer, whose selections for other types are left out.
     */
    private String gridObject(ExecutableNormalizedField parent, String t, boolean root, boolean asNode) {
        return object(parent, "Grid", asNode, f -> switch (f.getName()) {
            case "children" -> children(f, t);
            case "staff" -> staff(f, t);
            case "newestCases" -> newestCases(f, t);
            case "houses" -> houses(f, t, root);
            case "units" -> units(f, t, root);
            default -> scalar(f, switch (f.getName()) {
                case "id" -> "global_id('Grid', " + t + ".id)";
                case "code" -> t + ".code";
                case "name" -> t + ".name";
                case "kind" -> t + ".kind";
                case "level" -> t + ".level";
                case "active" -> "(" + t + ".retired_at IS NULL)";
                case "version" -> t + ".version";
                default -> throw new NotCompiled("Grid." + f.getName());
            });
        });
    }

    private String staffObject(ExecutableNormalizedField parent, String a) {
        return object(parent, "StaffAssignment", f -> scalar(f, switch (f.getName()) {
            case "id" -> "global_id('StaffAssignment', " + a + ".id)";
            case "subject" -> a + ".subject";
            case "displayName" -> a + ".display_name";
            case "role" -> a + ".role";
            case "createdBy" -> a + ".created_by";
            case "version" -> a + ".version";
            case "active" -> "(" + a + ".start_date <= $" + today() + "::date AND (" + a + ".end_date IS NULL OR "
                    + a + ".end_date >= $" + today() + "::date))";
            default -> throw new NotCompiled("StaffAssignment." + f.getName());
        }));
    }

    private String caseObject(ExecutableNormalizedField parent, String c) {
        return object(parent, "CaseFile", f -> scalar(f, switch (f.getName()) {
            case "id" -> "global_id('CaseFile', " + c + ".id)";
            case "number" -> c + ".number";
            case "kind" -> c + ".kind_code";
            case "title" -> c + ".title";
            case "state" -> c + ".state";
            case "priority" -> c + ".priority";
            case "riskColour" -> c + ".risk_colour";
            case "source" -> c + ".source";
            case "escalationCount" -> c + ".escalation_count";
            case "reworkCount" -> c + ".rework_count";
            case "version" -> c + ".version";
            case "overdue" -> "(" + c + ".state NOT IN (" + CaseState.NO_DEADLINE_SQL + ") AND " + c + ".due_at < $" + now() + "::timestamptz)";
            default -> throw new NotCompiled("CaseFile." + f.getName());
        }));
    }

    // ---- lists ----

    private String children(ExecutableNormalizedField f, String parent) {
        Map<String, Object> args = arguments(f, "first", "includeRetired", "after");
        noCursor(args);
        String c = alias();
        int first = pageSize(f, ReadCompiler::first, Paging.first(null));
        String from = "FROM grid " + c + " WHERE " + c + ".parent_id = " + parent + ".id"
                + (flagOf(f, "includeRetired") ? "" : " AND " + c + ".retired_at IS NULL");
        return connection(f, "GridConnection", "Grid", from, page(from, c, c + ".code", first), c, c + ".code", null, first,
                node -> gridObject(node, c, false, false));
    }

    private String staff(ExecutableNormalizedField f, String grid) {
        Map<String, Object> args = arguments(f, "first", "includeEnded", "role", "after");
        noCursor(args);
        String a = alias();
        int first = pageSize(f, ReadCompiler::first, Paging.first(null));
        int role = bindIfGiven(f, "role", ReadCompiler::name);
        String from = "FROM (SELECT s.*, acc.display_name FROM staff_assignment s JOIN account acc ON acc.subject = s.subject) " + a
                + " WHERE " + a + ".grid_id = " + grid + ".id" + (role == 0 ? "" : " AND " + a + ".role = $" + role + "::text")
                + (flagOf(f, "includeEnded") ? "" : " AND (" + a + ".end_date IS NULL OR " + a + ".end_date >= $" + today() + "::date)");
        return connection(f, "StaffAssignmentConnection", "StaffAssignment", from, page(from, a, a + ".id", first), a, a + ".id", null, first,
                node -> staffObject(node, a));
    }

    /** The newest cases of a grid's subtree, the same two ways the executor reads them. */
    private String newestCases(ExecutableNormalizedField f, String grid) {
        arguments(f, "first", "states");
        requireSelection(f);
        String c = alias();
        int first = pageSize(f, ReadCompiler::newestFirst, DEFAULT_NEWEST_CASES);
        int states = bindIfGiven(f, "states", ReadCompiler::states);
        String matches = states == 0 ? "true" : "%s.state = ANY($" + states + "::text[])";
        String end = "(left(" + grid + ".path, -1) || '0')";
        // a grid's cases are in its county: each grid probes one partition
        String perGrid = "SELECT y.* FROM grid d CROSS JOIN LATERAL (SELECT k.* FROM case_file k WHERE k.county_code = d.county_code"
                + " AND k.grid_path = d.path AND "
                + matches.formatted("k") + " ORDER BY k.id DESC LIMIT " + first + ") y WHERE d.path >= " + grid + ".path AND d.path < "
                + end + " ORDER BY y.id DESC LIMIT " + first;
        String range = "SELECT k.* FROM case_file k WHERE k.grid_path >= " + grid + ".path AND k.grid_path < " + end + " AND "
                + matches.formatted("k") + " ORDER BY k.id + 0 DESC LIMIT " + first;
        String cases = "(SELECT COALESCE(json_agg(" + caseObject(f, c) + " ORDER BY " + c + ".id DESC), '[]'::json)"
                + " FROM (%s) " + c + ")";
        return "(CASE WHEN " + grid + ".level >= " + SMALL_SUBTREE_LEVEL + " THEN " + cases.formatted(perGrid)
                + " ELSE " + cases.formatted(range) + " END)";
    }

    /**
     * A Relay connection on its first page: edges { node }, totalCount, pageInfo's flags; the
     * cursors too where the list's cursor is {@code cursorKind}:id (null: the executor gives them).
     */
    private String connection(ExecutableNormalizedField f, String connectionType, String nodeType, String from, String page, String t,
            String order, String cursorKind, int first, Function<ExecutableNormalizedField, String> node) {
        requireSelection(f);
        String cursor = cursorKind == null ? null : cursor(cursorKind, t);
        return object(f, connectionType, part -> switch (part.getName()) {
            case "totalCount" -> scalar(part, "(SELECT count(*) " + from + ")::int");
            case "pageInfo" -> pageInfo(part, from, page, t, order, cursor, first);
            case "edges" -> {
                requireSelection(part);
                arguments(part);
                String edge = object(part, nodeType + "Edge", e -> switch (e.getName()) {
                    case "node" -> {
                        requireSelection(e);
                        arguments(e);
                        yield node.apply(e);
                    }
                    case "cursor" -> scalar(e, known(cursor, "cursor"));
                    default -> throw new NotCompiled("edge field " + e.getName());
                });
                yield "(SELECT COALESCE(json_agg(" + edge + " ORDER BY " + order + "), '[]'::json) FROM " + page + ")";
            }
            default -> throw new NotCompiled("connection field " + part.getName());
        });
    }

    /** The first page's rows, as a FROM item named {@code t}. */
    private static String page(String from, String t, String order, int first) {
        return "(SELECT * " + from + " ORDER BY " + order + " LIMIT " + first + ") " + t;
    }

    /** {@code common.Cursor}'s encoding, url-safe base64 of kind:id without padding. */
    private static String cursor(String kind, String t) {
        return "rtrim(translate(encode(convert_to('" + kind + ":' || " + t + ".id, 'UTF8'), 'base64'), '+/', '-_'), '=')";
    }

    private static String known(String value, String what) {
        if (value == null) {
            throw new NotCompiled(what);
        }
        return value;
    }

    private String pageInfo(ExecutableNormalizedField f, String from, String page, String t, String order, String cursor, int first) {
        requireSelection(f);
        arguments(f);
        return object(f, "PageInfo", p -> scalar(p, switch (p.getName()) {
            case "hasNextPage" -> "((SELECT count(*) FROM (SELECT 1 " + from + " LIMIT " + (first + 1) + ") n) > " + first + ")";
            // no cursor is taken here, so this is always the first page
            case "hasPreviousPage" -> "false";
            case "startCursor" -> "(SELECT " + known(cursor, "startCursor") + " FROM " + page + " ORDER BY " + order + " LIMIT 1)";
            case "endCursor" -> "(SELECT " + known(cursor, "endCursor") + " FROM " + page + " ORDER BY " + order + " DESC LIMIT 1)";
            default -> throw new NotCompiled("PageInfo." + p.getName());
        }));
    }

    // ---- 一标三实: a root grid's houses and units ----

    private String houses(ExecutableNormalizedField f, String grid, boolean root) {
        Map<String, Object> args = arguments(f, "use", "first", "after");
        noCursor(args);
        if (!root) {
            throw new NotCompiled("houses below a root");
        }
        needs.add(Capability.RESIDENTS_READ);
        String h = alias();
        int first = pageSize(f, ReadCompiler::first, Paging.first(null));
        int use = bindIfGiven(f, "use", ReadCompiler::name);
        String filter = use == 0 ? "" : " AND " + h + ".use = $" + use + "::text";
        String page = rootPage("house", h, grid, filter, first);
        return listed(page, () -> connection(f, "HouseConnection", "House", "FROM house " + h + " WHERE " + inSubtree(h + ".grid_path", grid)
                + filter, page, h, h + ".id", "ho", first, node -> houseObject(node, h)));
    }

    private String units(ExecutableNormalizedField f, String grid, boolean root) {
        Map<String, Object> args = arguments(f, "kind", "riskTag", "first", "after");
        noCursor(args);
        if (!root) {
            throw new NotCompiled("units below a root");
        }
        needs.add(Capability.RESIDENTS_READ);
        String u = alias();
        int first = pageSize(f, ReadCompiler::first, Paging.first(null));
        int kind = bindIfGiven(f, "kind", ReadCompiler::name);
        int tag = bindIfGiven(f, "riskTag", Object::toString);
        // OFFSET 0: probed unit by unit, not a hash of every unit with the tag (the range is not known when planned)
        String filter = (kind == 0 ? "" : " AND " + u + ".kind = $" + kind + "::text") + (tag == 0 ? ""
                : " AND EXISTS (SELECT 1 FROM unit_risk ur WHERE ur.unit_id = " + u + ".id AND ur.tag_code = $" + tag + "::text OFFSET 0)");
        String page = rootPage("unit", u, grid, filter, first);
        return listed(page, () -> connection(f, "UnitConnection", "Unit", "FROM unit " + u + " WHERE " + inSubtree(u + ".grid_path", grid)
                + filter, page, u, u + ".id", "un", first, node -> unitObject(node, u)));
    }

    /** The first page of a root's subtree list, as a materialized WITH query; the FROM item naming it {@code t}. */
    private String rootPage(String table, String t, String grid, String filter, int first) {
        String name = "page" + pages.size();
        // the ids from the subtree's index (path, id, and what the lists filter on), then those rows only
        pages.add(name + " AS MATERIALIZED (SELECT * FROM " + table + " WHERE id IN (SELECT " + t + ".id FROM grid " + grid + " JOIN " + table + " "
                + t + " ON " + inSubtree(t + ".grid_path", grid) + filter + " WHERE " + rootWhere + " ORDER BY " + t + ".id + 0 LIMIT " + first
                + "))");
        return name + " " + t;
    }

    /** Compiles a list's objects with {@code rows} as the scope of their extra paths. */
    private String listed(String rows, java.util.function.Supplier<String> compile) {
        String outer = scope;
        scope = rows;
        try {
            return compile.get();
        } finally {
            scope = outer;
        }
    }

    private static String inSubtree(String path, String grid) {
        return path + " >= " + grid + ".path AND " + path + " < (left(" + grid + ".path, -1) || '0')";
    }

    private String houseObject(ExecutableNormalizedField parent, String h) {
        return object(parent, "House", f -> switch (f.getName()) {
            case "address" -> addressOf(f, h + ".address_id");
            case "owner" -> person(f, h + ".owner_person_id", h + ".county_code");
            case "tenancies" -> tenancies(f, h);
            default -> scalar(f, switch (f.getName()) {
                case "id" -> "global_id('House', " + h + ".id)";
                case "use" -> h + ".use";
                case "area" -> "(" + floatJson(h + ".area") + ")";
                case "createdAt" -> dateTime(h + ".created_at");
                case "version" -> h + ".version";
                default -> throw new NotCompiled("House." + f.getName());
            });
        });
    }

    private String tenancies(ExecutableNormalizedField f, String h) {
        arguments(f, "current");
        requireSelection(f);
        String t = alias();
        String where = t + ".house_id = " + h + ".id" + (flagOf(f, "current") ? " AND " + t + ".start_date <= $" + today()
                + "::date AND (" + t + ".end_date IS NULL OR " + t + ".end_date >= $" + today() + "::date)" : "");
        String object = listed(scope + " JOIN tenancy " + t + " ON " + where, () -> object(f, "Tenancy", e -> switch (e.getName()) {
            case "household" -> household(e, t + ".household_id", t + ".county_code");
            case "person" -> person(e, t + ".person_id", t + ".county_code");
            default -> scalar(e, switch (e.getName()) {
                case "id" -> "global_id('Tenancy', " + t + ".id)";
                case "startDate" -> "to_char(" + t + ".start_date, 'YYYY-MM-DD')";
                case "endDate" -> "to_char(" + t + ".end_date, 'YYYY-MM-DD')";
                default -> throw new NotCompiled("Tenancy." + e.getName());
            });
        }));
        return "(SELECT COALESCE(json_agg(" + object + " ORDER BY " + t + ".start_date DESC, " + t + ".id DESC), '[]'::json) FROM tenancy "
                + t + " WHERE " + where + ")";
    }

    private String unitObject(ExecutableNormalizedField parent, String u) {
        return object(parent, "Unit", f -> switch (f.getName()) {
            case "address" -> addressOf(f, u + ".address_id");
            case "legalRepresentative" -> person(f, u + ".legal_person_id", u + ".county_code");
            case "contact" -> person(f, u + ".contact_person_id", u + ".county_code");
            case "riskTags" -> riskTags(f, u);
            case "openFindings" -> openFindings(f, u);
            default -> scalar(f, switch (f.getName()) {
                case "id" -> "global_id('Unit', " + u + ".id)";
                case "name" -> u + ".name";
                case "creditCode" -> u + ".credit_code";
                case "kind" -> u + ".kind";
                case "employees" -> u + ".employees";
                case "openingHours" -> u + ".opening_hours";
                case "createdAt" -> dateTime(u + ".created_at");
                case "updatedAt" -> dateTime(u + ".updated_at");
                case "version" -> u + ".version";
                case "nextInspectionDue" -> dateTime("(SELECT min(nd.due) FROM unit u CROSS JOIN LATERAL (" + UnitReader.NEXT_DUE
                        + ") nd WHERE u.id = " + u + ".id)");
                default -> throw new NotCompiled("Unit." + f.getName());
            });
        });
    }

    private String riskTags(ExecutableNormalizedField f, String u) {
        arguments(f);
        requireSelection(f);
        String r = alias();
        String tag = object(f, "RiskTag", e -> scalar(e, switch (e.getName()) {
            case "code" -> r + ".code";
            case "name" -> r + ".name_zh";
            case "inspectEveryDays" -> r + ".inspect_every_days";
            default -> throw new NotCompiled("RiskTag." + e.getName());
        }));
        return "(SELECT COALESCE(json_agg(" + tag + " ORDER BY " + r + ".code), '[]'::json) FROM unit_risk ur JOIN unit_risk_tag " + r
                + " ON " + r + ".code = ur.tag_code WHERE ur.unit_id = " + u + ".id)";
    }

    /** Open findings, as {@code InspectionReader.openFindings} reads them. */
    private String openFindings(ExecutableNormalizedField f, String u) {
        arguments(f);
        requireSelection(f);
        String x = alias();
        String from = "inspection_finding " + x + " JOIN inspection " + x + "i ON " + x + "i.id = " + x + ".inspection_id LEFT JOIN case_file "
                + x + "c ON " + x + "c.id = " + x + ".case_id";
        String where = x + "i.unit_id = " + u + ".id AND " + x + ".resolved_at IS NULL AND (" + x + ".case_id IS NULL OR " + x
                + "c.state NOT IN ('CLOSED', 'REJECTED', 'WITHDRAWN'))";
        String finding = listed(scope + " JOIN " + from + " ON " + where, () -> object(f, "InspectionFinding", e -> switch (e.getName()) {
            case "item" -> checkItem(e, x + ".item_code");
            default -> scalar(e, switch (e.getName()) {
                case "id" -> "global_id('InspectionFinding', " + x + ".id)";
                case "description" -> x + ".description";
                case "open" -> "true";
                case "resolvedAt" -> "NULL::text";
                case "resolution" -> x + ".resolution";
                default -> throw new NotCompiled("InspectionFinding." + e.getName());
            });
        }));
        return "(SELECT COALESCE(json_agg(" + finding + " ORDER BY " + x + "i.inspected_at, " + x + ".id), '[]'::json) FROM " + from
                + " WHERE " + where + ")";
    }

    /** A checklist item in use; one that is not leaves the answer to the executor (which reports it). */
    private String checkItem(ExecutableNormalizedField f, String code) {
        arguments(f);
        requireSelection(f);
        String i = alias();
        String active = "FROM inspection_check_item " + i + " JOIN inspection_checklist " + i + "l ON " + i + "l.code = " + i
                + ".checklist_code AND " + i + "l.active WHERE " + i + ".code = " + code + " AND " + i + ".active";
        extras.add("ARRAY(SELECT NULL::text FROM " + scope + " WHERE NOT EXISTS (SELECT 1 " + active + " OFFSET 0))");
        return "(SELECT " + object(f, "CheckItem", e -> scalar(e, switch (e.getName()) {
            case "code" -> i + ".code";
            case "name" -> i + ".name_zh";
            case "caseItem" -> i + ".case_item_code";
            default -> throw new NotCompiled("CheckItem." + e.getName());
        })) + " " + active + ")";
    }

    private String addressOf(ExecutableNormalizedField f, String id) {
        arguments(f);
        requireSelection(f);
        String a = alias();
        return "(SELECT " + object(f, "Address", e -> scalar(e, switch (e.getName()) {
            case "id" -> "global_id('Address', " + a + ".id)";
            case "code" -> a + ".code";
            case "kind" -> a + ".kind";
            case "name" -> a + ".name";
            case "version" -> a + ".version";
            default -> throw new NotCompiled("Address." + e.getName());
        })) + " FROM address " + a + " WHERE " + a + ".id = " + id + ")";
    }

    /**
     * A resident, masked as {@code people.Person} shows one, and its grid's path among the extra
     * paths: the caller must read residents there (a resident without a household: the executor).
     * {@code county}: the county of the row that names it (theirs, by the foreign key), so that each
     * row probes one county's partition.
     */
    private String person(ExecutableNormalizedField f, String id, String county) {
        known(scope, "a resident outside a list");
        arguments(f);
        requireSelection(f);
        String p = alias();
        extras.add("ARRAY(SELECT (SELECT g.path FROM person p JOIN household h ON h.county_code = p.county_code AND h.id = p.household_id"
                + " JOIN grid g ON g.id = h.grid_id WHERE p.county_code = " + county + " AND p.id = " + id + ") FROM " + scope + " WHERE "
                + id + " IS NOT NULL)");
        return "(SELECT " + object(f, "Person", e -> scalar(e, switch (e.getName()) {
            case "id" -> "global_id('Person', " + p + ".id)";
            case "name" -> p + ".name";
            case "gender" -> p + ".gender";
            case "idType" -> p + ".id_type";
            case "idNumber" -> p + ".id_number_mask";
            case "phone" -> p + ".phone_mask";
            case "ethnicity" -> p + ".ethnicity";
            case "residenceType" -> p + ".residence_type";
            case "relation" -> p + ".relation";
            case "version" -> p + ".version";
            default -> throw new NotCompiled("Person." + e.getName());
        })) + " FROM person " + p + " WHERE " + p + ".county_code = " + county + " AND " + p + ".id = " + id + ")";
    }

    /** A household, with its grid's path among the extra paths; {@code county} as for {@link #person}. */
    private String household(ExecutableNormalizedField f, String id, String county) {
        known(scope, "a household outside a list");
        arguments(f);
        requireSelection(f);
        String h = alias();
        extras.add("ARRAY(SELECT (SELECT g.path FROM household h JOIN grid g ON g.id = h.grid_id WHERE h.county_code = " + county
                + " AND h.id = " + id + ") FROM " + scope
                + " WHERE " + id + " IS NOT NULL)");
        return "(SELECT " + object(f, "Household", e -> scalar(e, switch (e.getName()) {
            case "id" -> "global_id('Household', " + h + ".id)";
            case "address" -> h + ".address";
            case "building" -> h + ".building";
            case "unit" -> h + ".unit";
            case "room" -> h + ".room";
            case "version" -> h + ".version";
            default -> throw new NotCompiled("Household." + e.getName());
        })) + " FROM household " + h + " WHERE " + h + ".county_code = " + county + " AND " + h + ".id = " + id + ")";
    }

    /** A DateTime as the executor writes it: ISO-8601 in UTC, the fraction without trailing zeros. */
    private static String dateTime(String value) {
        return "(SELECT to_char(d, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN d = date_trunc('second', d) THEN '' ELSE rtrim(to_char(d, '.US'), '0') END"
                + " || 'Z' FROM (SELECT (" + value + ") AT TIME ZONE 'UTC' AS d OFFSET 0) dt)";
    }

    /** A Float as the executor writes a Java double: at least one decimal. */
    private static String floatJson(String value) {
        return "(CASE WHEN " + value + " IS NULL THEN NULL WHEN " + value + "::float8 = trunc(" + value + "::float8) AND abs(" + value
                + "::float8) < 1e7 THEN (trunc(" + value + "::float8)::bigint::text || '.0')::json ELSE to_json(" + value + "::float8) END)";
    }

    // ---- arguments (resolved by graphql-java: variables, defaults and literals alike) ----

    /** The field's arguments, none but the allowed ones. */
    private static Map<String, Object> arguments(ExecutableNormalizedField f, String... allowed) {
        Map<String, Object> args = f.getResolvedArguments();
        for (String name : args.keySet()) {
            if (!List.of(allowed).contains(name)) {
                throw new NotCompiled("argument " + name);
            }
        }
        return args;
    }

    /** A cursor goes to the executor (it reads pages after one); an explicit null is no cursor. */
    private static void noCursor(Map<String, Object> args) {
        if (args.get("after") != null) {
            throw new NotCompiled("cursor");
        }
    }

    private static Object newestFirst(Object given) {
        Integer n = integer(given);
        if (n == null || n < 1 || n > MAX_NEWEST_CASES) {
            throw new NotCompiled("first out of range");
        }
        return n;
    }

    private static Object first(Object given) {
        Integer n = integer(given);
        if (given != null && n == null) {
            throw new NotCompiled("first");
        }
        try {
            return Paging.first(n);
        } catch (RuntimeException e) {
            throw new NotCompiled("first out of range");
        }
    }

    /** An Int as given (literal, default or variable, which may arrive as any Number); null if none or not an int. */
    private static Integer integer(Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Number n) {
            try {
                return new java.math.BigDecimal(n.toString()).intValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A Boolean argument (false when not given); an explicit null goes to the executor. */
    private static Object flag(Object value) {
        if (!(value instanceof Boolean b)) {
            throw new NotCompiled("flag");
        }
        return b;
    }

    private static Object states(Object value) {
        if (value == null) {
            return null;
        }
        List<?> list = value instanceof List<?> l ? l : List.of(value);
        List<String> names = new ArrayList<>();
        for (Object s : list) {
            if (s == null) {
                throw new NotCompiled("states");
            }
            names.add(name(s));
        }
        return names.isEmpty() ? null : names.toArray(String[]::new);
    }

    /** An enum value as graphql-java resolved it: the Java constant or its name. */
    private static String name(Object value) {
        return value instanceof Enum<?> e ? e.name() : value.toString();
    }

    // ---- the selection ----

    /**
     * The fields of an object of the given type, in response order; {@code onlyThisType}: those
     * selected for other types are left out (an interface field's answer), else they are not compiled.
     */
    private static List<ExecutableNormalizedField> fields(List<ExecutableNormalizedField> children, String typeName, boolean onlyThisType) {
        List<ExecutableNormalizedField> out = new ArrayList<>(children.size());
        for (ExecutableNormalizedField f : children) {
            Set<String> types = f.getObjectTypeNames();
            if (!types.contains(typeName)) {
                if (onlyThisType) {
                    continue;
                }
                throw new NotCompiled("a selection on another type");
            }
            if (!f.getDeferredExecutions().isEmpty()) {
                throw new NotCompiled("@defer");
            }
            out.add(f);
        }
        if (out.size() > MAX_FIELDS_PER_OBJECT) {
            throw new NotCompiled("too many fields");
        }
        return out;
    }

    /** An object: json_build_object of each field's value, {@code __typename} from the type's name. */
    private String object(ExecutableNormalizedField parent, String typeName, Function<ExecutableNormalizedField, String> value) {
        return object(parent, typeName, false, value);
    }

    private String object(ExecutableNormalizedField parent, String typeName, boolean onlyThisType, Function<ExecutableNormalizedField, String> value) {
        StringJoiner out = new StringJoiner(", ", "json_build_object(", ")");
        for (ExecutableNormalizedField f : fields(parent.getChildren(), typeName, onlyThisType)) {
            out.add(key(f)).add(f.getName().equals("__typename") ? scalar(f, "'" + typeName + "'") : value.apply(f));
        }
        return out.toString();
    }

    private static String key(ExecutableNormalizedField f) {
        // response keys are GraphQL names ([_A-Za-z][_0-9A-Za-z]*): nothing to escape
        return "'" + f.getResultKey() + "'";
    }

    private static String scalar(ExecutableNormalizedField f, String value) {
        if (f.hasChildren() || !f.getResolvedArguments().isEmpty()) {
            throw new NotCompiled("scalar " + f.getName());
        }
        return value;
    }

    private static void requireSelection(ExecutableNormalizedField f) {
        if (!f.hasChildren()) {
            throw new NotCompiled("selection of " + f.getName());
        }
    }

    private int param(Binding binding) {
        params.add(binding);
        return params.size();
    }

    /**
     * The parameter for a field's argument, converted (and checked: NotCompiled) as this request
     * gives it. Written as one variable that this request gives, it is bound to that variable, so
     * the plan serves that variable's other values; {@code absent} when the argument is not given.
     */
    private int bind(ExecutableNormalizedField f, String argument, Function<Object, Object> convert, Object absent) {
        Map<String, Object> args = f.getResolvedArguments();
        if (!args.containsKey(argument)) {
            return param(new Constant(absent));
        }
        Object value = args.get(argument);
        Value<?> written = written(f, argument);
        if (written instanceof VariableReference ref && variables.containsKey(ref.getName())) {
            converted(convert, value);
            return param(new FromVariable(ref.getName(), convert));
        }
        if (written != null && holdsVariable(written)) {
            // e.g. states: [$s, CLOSED]: this plan is for these values only
            reusable = false;
        }
        return param(new Constant(convert.apply(value)));
    }

    /** The argument as the document writes it (merged fields carry the same arguments), or null: its default. */
    private Value<?> written(ExecutableNormalizedField f, String argument) {
        for (Argument a : operation.getMergedField(f).getSingleField().getArguments()) {
            if (a.getName().equals(argument)) {
                return a.getValue();
            }
        }
        return null;
    }

    private static boolean holdsVariable(Value<?> value) {
        if (value instanceof ArrayValue list) {
            return list.getValues().stream().anyMatch(ReadCompiler::holdsVariable);
        }
        if (value instanceof ObjectValue object) {
            return object.getObjectFields().stream().anyMatch(o -> holdsVariable(o.getValue()));
        }
        return value instanceof VariableReference;
    }

    /**
     * A page size, written into the statement: a plan is made per value of the Int variables (see
     * {@code CompiledReads.shape}), and a LIMIT PostgreSQL knows when it plans lets it keep one
     * plan for the statement (for a parameter's it supposes a tenth of the rows, and plans anew
     * for every request rather).
     */
    private int pageSize(ExecutableNormalizedField f, Function<Object, Object> convert, int absent) {
        Map<String, Object> args = f.getResolvedArguments();
        if (!args.containsKey("first")) {
            return absent;
        }
        // not by value: the size is part of the shape, so one out of range is known for the shape
        return (Integer) convert.apply(args.get("first"));
    }

    /**
     * A Boolean argument's value, written into the statement: a plan is made per value of the
     * Boolean variables (see {@code CompiledReads.shape}), so a condition it decides is either
     * there or not, and PostgreSQL may keep one plan for the statement.
     */
    private static boolean flagOf(ExecutableNormalizedField f, String argument) {
        Map<String, Object> args = f.getResolvedArguments();
        return args.containsKey(argument) && (Boolean) flag(args.get(argument));
    }

    /**
     * An optional filter's parameter, or 0 when this plan has no such filter: whether a variable
     * is given, null or an empty list is part of a plan's shape, so the filter is written only
     * where it applies (a condition such as {@code $1 IS NULL OR ...} would keep PostgreSQL
     * planning the statement anew for every request).
     */
    private int bindIfGiven(ExecutableNormalizedField f, String argument, Function<Object, Object> convert) {
        Object value = f.getResolvedArguments().get(argument);
        if (value == null || converted(convert, value) == null) {
            return 0;
        }
        return bind(f, argument, convert, null);
    }

    private int today() {
        if (today == 0) {
            today = param(Clock.TODAY);
        }
        return today;
    }

    private int now() {
        if (now == 0) {
            now = param(Clock.NOW);
        }
        return now;
    }

    private String alias() {
        return "t" + (aliases++);
    }
}
