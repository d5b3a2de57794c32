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
import org.wangge.common.Paging;

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
 * document whose variables have the same shape (which are given, which are null, the Booleans'
 * values: what fragments, directives and the compiler's choices depend on).
 *
 * <p>Jurisdiction: the statement returns each root grid's path, and the answer is used only when
 * the caller covers all of them. Everything below a covered grid is covered too (children, their
 * staff, the cases of the subtree), so the nested reads need no further filter.
 */
public final class ReadCompiler {

    /** The root fields a compiled operation may have. */
    public static final Set<String> ROOT_FIELDS = Set.of("grid", "__typename");

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
     * The statement (columns: the root grids' paths, a null one for a grid not found; the data
     * JSON as text) and where each of its parameters comes from. {@code reusable}: false when an
     * argument's literal holds a variable inside it, whose value the plan does not follow.
     */
    public record Plan(String sql, List<Binding> bindings, boolean reusable) {

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
        int grids = 0;
        StringJoiner data = new StringJoiner(", ", "json_build_object(", ")");
        for (ExecutableNormalizedField f : fields(roots, "Query")) {
            data.add(key(f));
            if (f.getName().equals("__typename")) {
                data.add(scalar(f, "'Query'"));
                continue;
            }
            if (!f.getName().equals("grid")) {
                throw new NotCompiled("root field " + f.getName());
            }
            String t = alias();
            String where = rootCondition(f, t);
            paths.add("(SELECT " + t + ".path FROM grid " + t + " WHERE " + where + ")");
            data.add("(SELECT " + gridObject(f, t) + " FROM grid " + t + " WHERE " + where + ")");
            grids++;
        }
        if (grids == 0) {
            throw new NotCompiled("no grid");
        }
        return new Plan("SELECT " + paths + ", " + data + "::text", List.copyOf(params), reusable);
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
        org.wangge.common.NodeType.Decoded d = org.wangge.common.NodeType.decode(id.toString());
        if (d == null || d.type() != org.wangge.common.NodeType.GRID) {
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

    private String gridObject(ExecutableNormalizedField parent, String t) {
        return object(parent, "Grid", f -> switch (f.getName()) {
            case "children" -> children(f, t);
            case "staff" -> staff(f, t);
            case "newestCases" -> newestCases(f, t);
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
        int first = bind(f, "first", ReadCompiler::first, Paging.first(null));
        int retired = bind(f, "includeRetired", ReadCompiler::flag, false);
        String from = "FROM grid " + c + " WHERE " + c + ".parent_id = " + parent + ".id AND ($" + retired + "::boolean OR "
                + c + ".retired_at IS NULL)";
        return connection(f, "GridConnection", "Grid", from, c, c + ".code", first, node -> gridObject(node, c));
    }

    private String staff(ExecutableNormalizedField f, String grid) {
        Map<String, Object> args = arguments(f, "first", "includeEnded", "role", "after");
        noCursor(args);
        String a = alias();
        int first = bind(f, "first", ReadCompiler::first, Paging.first(null));
        int ended = bind(f, "includeEnded", ReadCompiler::flag, false);
        int role = bind(f, "role", v -> v == null ? null : name(v), null);
        String from = "FROM (SELECT s.*, acc.display_name FROM staff_assignment s JOIN account acc ON acc.subject = s.subject) " + a
                + " WHERE " + a + ".grid_id = " + grid + ".id AND ($" + role + "::text IS NULL OR " + a + ".role = $" + role + "::text)"
                + " AND ($" + ended + "::boolean OR " + a + ".end_date IS NULL OR " + a + ".end_date >= $" + today() + "::date)";
        return connection(f, "StaffAssignmentConnection", "StaffAssignment", from, a, a + ".id", first, node -> staffObject(node, a));
    }

    /** The newest cases of a grid's subtree, the same two ways the executor reads them. */
    private String newestCases(ExecutableNormalizedField f, String grid) {
        arguments(f, "first", "states");
        requireSelection(f);
        String c = alias();
        int first = bind(f, "first", ReadCompiler::newestFirst, DEFAULT_NEWEST_CASES);
        int states = bind(f, "states", ReadCompiler::states, null);
        String matches = "($" + states + "::text[] IS NULL OR %s.state = ANY($" + states + "::text[]))";
        String end = "(left(" + grid + ".path, -1) || '0')";
        String perGrid = "SELECT y.* FROM grid d CROSS JOIN LATERAL (SELECT k.* FROM case_file k WHERE k.grid_path = d.path AND "
                + matches.formatted("k") + " ORDER BY k.id DESC LIMIT $" + first + "::int) y WHERE d.path >= " + grid + ".path AND d.path < "
                + end + " ORDER BY y.id DESC LIMIT $" + first + "::int";
        String range = "SELECT k.* FROM case_file k WHERE k.grid_path >= " + grid + ".path AND k.grid_path < " + end + " AND "
                + matches.formatted("k") + " ORDER BY k.id + 0 DESC LIMIT $" + first + "::int";
        String cases = "(SELECT COALESCE(json_agg(" + caseObject(f, c) + " ORDER BY " + c + ".id DESC), '[]'::json)"
                + " FROM (%s) " + c + ")";
        return "(CASE WHEN " + grid + ".level >= " + SMALL_SUBTREE_LEVEL + " THEN " + cases.formatted(perGrid)
                + " ELSE " + cases.formatted(range) + " END)";
    }

    /** A Relay connection on its first page: edges { node }, totalCount, pageInfo's two flags. */
    private String connection(ExecutableNormalizedField f, String connectionType, String nodeType, String from, String t, String order,
            int first, Function<ExecutableNormalizedField, String> node) {
        requireSelection(f);
        String count = "(SELECT count(*) " + from + ")";
        return object(f, connectionType, part -> switch (part.getName()) {
            case "totalCount" -> scalar(part, count + "::int");
            case "pageInfo" -> pageInfo(part, count, first);
            case "edges" -> {
                requireSelection(part);
                arguments(part);
                String edge = object(part, nodeType + "Edge", e -> {
                    if (!e.getName().equals("node")) {
                        throw new NotCompiled("edge field " + e.getName());
                    }
                    requireSelection(e);
                    arguments(e);
                    return node.apply(e);
                });
                yield "(SELECT COALESCE(json_agg(" + edge + " ORDER BY " + order + "), '[]'::json) FROM (SELECT * " + from
                        + " ORDER BY " + order + " LIMIT $" + first + "::int) " + t + ")";
            }
            default -> throw new NotCompiled("connection field " + part.getName());
        });
    }

    private String pageInfo(ExecutableNormalizedField f, String count, int first) {
        requireSelection(f);
        arguments(f);
        return object(f, "PageInfo", p -> scalar(p, switch (p.getName()) {
            case "hasNextPage" -> "(" + count + " > $" + first + "::int)";
            // no cursor is taken here, so this is always the first page
            case "hasPreviousPage" -> "false";
            default -> throw new NotCompiled("PageInfo." + p.getName());
        }));
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

    /** The fields of an object of the given type, in response order. */
    private static List<ExecutableNormalizedField> fields(List<ExecutableNormalizedField> children, String typeName) {
        List<ExecutableNormalizedField> out = new ArrayList<>(children.size());
        for (ExecutableNormalizedField f : children) {
            Set<String> types = f.getObjectTypeNames();
            if (!types.contains(typeName)) {
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
        StringJoiner out = new StringJoiner(", ", "json_build_object(", ")");
        for (ExecutableNormalizedField f : fields(parent.getChildren(), typeName)) {
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
