package org.wangge.reads;

import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.IntValue;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.wangge.cases.CaseState;
import org.wangge.common.Paging;
import org.wangge.grid.StaffRole;

/**
 * Compiles a read query of the grid tree into one SQL statement whose result is the response's
 * {@code data} as JSON, built by PostgreSQL: a grid by id or code, its plain fields, its children,
 * staff and newest cases, nested to any depth. It takes only what it can answer exactly as the
 * GraphQL executor does; anything else (other fields, fragments, directives, cursors, invalid
 * documents) is {@link NotCompiled} and goes to the executor, which also gives every error.
 *
 * <p>Jurisdiction: the statement returns the root grid's path, and the answer is used only when
 * the caller covers it. Everything below a covered grid is covered too (children, their staff,
 * the cases of the subtree), so the nested reads need no further filter.
 */
public final class ReadCompiler {

    /** Not answerable here: the query goes to the GraphQL executor. */
    public static final class NotCompiled extends RuntimeException {
        public NotCompiled(String why) {
            super(why, null, false, false);
        }
    }

    /** What a parameter is bound to on each request: variables, the day and the time. */
    public record Inputs(Map<String, Object> variables, java.time.LocalDate today, java.time.OffsetDateTime now) {
    }

    /** A statement parameter's value for one request; NotCompiled when the executor would refuse it. */
    public interface Param {
        Object value(Inputs in);
    }

    /** The statement (columns: root path, data JSON) and its parameters, in order; the document, to count its cost. */
    public record Plan(String sql, List<Param> params, int depth, int fieldCount, Document document) {
    }

    // json_build_object takes at most 100 arguments: 50 fields.
    private static final int MAX_FIELDS_PER_OBJECT = 50;
    private static final int MAX_NEWEST_CASES = 50;
    private static final int DEFAULT_NEWEST_CASES = 10;
    // Below this level a subtree holds few grids: read each grid's newest cases from its index.
    private static final int SMALL_SUBTREE_LEVEL = 4;

    private final Map<String, String> declared = new HashMap<>();
    private final Map<String, Value<?>> defaults = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private final List<Param> params = new ArrayList<>();
    private int today;
    private int now;
    private int aliases;
    private int depth;
    private int fieldCount;

    private ReadCompiler() {
    }

    public static Plan compile(String query, String operationName) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (RuntimeException e) {
            throw new NotCompiled("unparseable");
        }
        return new ReadCompiler().plan(document, operationName);
    }

    private Plan plan(Document document, String operationName) {
        List<Definition> definitions = document.getDefinitions();
        if (definitions.size() != 1 || !(definitions.get(0) instanceof OperationDefinition op)
                || op.getOperation() != OperationDefinition.Operation.QUERY || !op.getDirectives().isEmpty()) {
            throw new NotCompiled("one query operation only");
        }
        if (operationName != null && !operationName.equals(op.getName())) {
            throw new NotCompiled("operation name");
        }
        for (VariableDefinition v : op.getVariableDefinitions()) {
            String type = typeText(v.getType());
            if (declared.put(v.getName(), type) != null || !v.getDirectives().isEmpty()) {
                throw new NotCompiled("variable declared twice");
            }
            if (v.getDefaultValue() != null) {
                if (!fitsType(v.getDefaultValue(), type)) {
                    throw new NotCompiled("default value of " + v.getName());
                }
                defaults.put(v.getName(), v.getDefaultValue());
            }
        }
        List<Field> grids = op.getSelectionSet().getSelections().stream()
                .filter(sel -> sel instanceof Field f && f.getName().equals("grid")).map(Field.class::cast).toList();
        if (grids.size() != 1) {
            throw new NotCompiled("one grid per query");
        }
        Field grid = grids.get(0);
        String data = object(op.getSelectionSet(), 1, "Query", f -> {
            if (!f.getName().equals("grid")) {
                throw new NotCompiled("root field " + f.getName());
            }
            requireSelection(f);
            return gridObject(f.getSelectionSet(), "t0", 2);
        });
        noArgumentsBut(grid, "id", "code");
        String where = rootCondition(grid);
        if (!used.equals(declared.keySet())) {
            throw new NotCompiled("unused or undeclared variables");
        }
        String sql = "SELECT t0.path, " + data + "::text FROM grid t0 WHERE " + where;
        return new Plan(sql, List.copyOf(params), depth, fieldCount, document);
    }

    /** By id or by code: exactly one of them, as the executor asks. */
    private String rootCondition(Field grid) {
        Value<?> id = argument(grid, "id");
        Value<?> code = argument(grid, "code");
        if ((id == null) == (code == null)) {
            throw new NotCompiled("exactly one of id and code");
        }
        if (code != null) {
            Param value = scalar(code, "String", v -> v instanceof StringValue s ? s.getValue() : null);
            return "t0.code = $" + param(in -> required(value.value(in))) + "::text";
        }
        Param value = scalar(id, "ID", v -> v instanceof StringValue s ? s.getValue() : null);
        return "t0.id = $" + param(in -> {
            try {
                long n = Long.parseLong((String) required(value.value(in)));
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the executor's message, then
            }
            throw new NotCompiled("id");
        }) + "::bigint";
    }

    private static Object required(Object value) {
        if (value == null) {
            throw new NotCompiled("exactly one of id and code");
        }
        return value;
    }

    // ---- object types ----

    private String gridObject(SelectionSet selection, String t, int level) {
        return object(selection, level, "Grid", f -> switch (f.getName()) {
            case "children" -> children(f, t, level + 1);
            case "staff" -> staff(f, t, level + 1);
            case "newestCases" -> newestCases(f, t, level + 1);
            default -> scalarField(f, switch (f.getName()) {
                case "id" -> t + ".id::text";
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

    private String staffObject(SelectionSet selection, String a, int level) {
        return object(selection, level, "StaffAssignment", f -> scalarField(f, switch (f.getName()) {
            case "id" -> a + ".id::text";
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

    private String caseObject(SelectionSet selection, String c, int level) {
        return object(selection, level, "CaseFile", f -> scalarField(f, switch (f.getName()) {
            case "id" -> c + ".id::text";
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
            case "overdue" -> "(" + c + ".state NOT IN (" + terminalStates() + ") AND " + c + ".due_at < $" + now() + "::timestamptz)";
            default -> throw new NotCompiled("CaseFile." + f.getName());
        }));
    }

    // ---- lists ----

    private String children(Field f, String parent, int level) {
        noArgumentsBut(f, "first", "includeRetired");
        String c = alias();
        int first = param(pagingFirst(f));
        int retired = param(flag(f, "includeRetired"));
        String from = "FROM grid " + c + " WHERE " + c + ".parent_id = " + parent + ".id AND ($" + retired + "::boolean OR "
                + c + ".retired_at IS NULL)";
        return connection(f, level, "GridConnection", "Grid", from, c, c + ".code", first, (node, l) -> gridObject(node, c, l));
    }

    private String staff(Field f, String grid, int level) {
        noArgumentsBut(f, "first", "includeEnded", "role");
        String a = alias();
        int first = param(pagingFirst(f));
        int ended = param(flag(f, "includeEnded"));
        Value<?> roleArg = argument(f, "role");
        int role = param(roleArg == null ? in -> null : scalar(roleArg, "StaffRole", v -> enumName(v, StaffRole.class)));
        String from = "FROM (SELECT s.*, acc.display_name FROM staff_assignment s JOIN account acc ON acc.subject = s.subject) " + a
                + " WHERE " + a + ".grid_id = " + grid + ".id AND ($" + role + "::text IS NULL OR " + a + ".role = $" + role + "::text)"
                + " AND ($" + ended + "::boolean OR " + a + ".end_date IS NULL OR " + a + ".end_date >= $" + today() + "::date)";
        return connection(f, level, "StaffConnection", "StaffAssignment", from, a, a + ".id", first, (node, l) -> staffObject(node, a, l));
    }

    /** The newest cases of a grid's subtree, the same two ways the executor reads them. */
    private String newestCases(Field f, String grid, int level) {
        noArgumentsBut(f, "first", "states");
        requireSelection(f);
        String c = alias();
        Value<?> firstArg = argument(f, "first");
        Param firstValue = firstArg == null ? in -> DEFAULT_NEWEST_CASES : scalar(firstArg, "Int", ReadCompiler::intOf);
        int first = param(in -> {
            Object n = firstValue.value(in);
            if (!(n instanceof Integer i) || i < 1 || i > MAX_NEWEST_CASES) {
                throw new NotCompiled("first out of range");
            }
            return n;
        });
        Value<?> statesArg = argument(f, "states");
        int states = param(statesArg == null ? in -> null : statesParam(statesArg));
        String matches = "($" + states + "::text[] IS NULL OR %s.state = ANY($" + states + "::text[]))";
        String end = "(left(" + grid + ".path, -1) || '0')";
        String perGrid = "SELECT y.* FROM grid d CROSS JOIN LATERAL (SELECT k.* FROM case_file k WHERE k.grid_path = d.path AND "
                + matches.formatted("k") + " ORDER BY k.id DESC LIMIT $" + first + "::int) y WHERE d.path >= " + grid + ".path AND d.path < "
                + end + " ORDER BY y.id DESC LIMIT $" + first + "::int";
        String range = "SELECT k.* FROM case_file k WHERE k.grid_path >= " + grid + ".path AND k.grid_path < " + end + " AND "
                + matches.formatted("k") + " ORDER BY k.id + 0 DESC LIMIT $" + first + "::int";
        String cases = "(SELECT COALESCE(json_agg(" + caseObject(f.getSelectionSet(), c, level) + " ORDER BY " + c + ".id DESC), '[]'::json)"
                + " FROM (%s) " + c + ")";
        return "(CASE WHEN " + grid + ".level >= " + SMALL_SUBTREE_LEVEL + " THEN " + cases.formatted(perGrid)
                + " ELSE " + cases.formatted(range) + " END)";
    }

    private interface NodeObject {
        String of(SelectionSet node, int level);
    }

    /** A Relay connection without cursors: edges { node }, totalCount, pageInfo's two flags. */
    private String connection(Field f, int level, String connectionType, String nodeType, String from, String t, String order, int first,
            NodeObject node) {
        requireSelection(f);
        String count = "(SELECT count(*) " + from + ")";
        return object(f.getSelectionSet(), level, connectionType, part -> switch (part.getName()) {
            case "totalCount" -> scalarField(part, count + "::int");
            case "pageInfo" -> pageInfo(part, count, first, level + 1);
            case "edges" -> {
                requireSelection(part);
                noArgumentsBut(part);
                String edge = object(part.getSelectionSet(), level + 1, "Edge_" + nodeType, e -> {
                    if (!e.getName().equals("node")) {
                        throw new NotCompiled("edge field " + e.getName());
                    }
                    requireSelection(e);
                    noArgumentsBut(e);
                    return node.of(e.getSelectionSet(), level + 2);
                });
                yield "(SELECT COALESCE(json_agg(" + edge + " ORDER BY " + order + "), '[]'::json) FROM (SELECT * " + from
                        + " ORDER BY " + order + " LIMIT $" + first + "::int) " + t + ")";
            }
            default -> throw new NotCompiled("connection field " + part.getName());
        });
    }

    private String pageInfo(Field f, String count, int first, int level) {
        requireSelection(f);
        noArgumentsBut(f);
        return object(f.getSelectionSet(), level, "PageInfo", p -> scalarField(p, switch (p.getName()) {
            case "hasNextPage" -> "(" + count + " > $" + first + "::int)";
            // no cursor is taken here, so this is always the first page
            case "hasPreviousPage" -> "false";
            default -> throw new NotCompiled("PageInfo." + p.getName());
        }));
    }

    // ---- arguments ----

    private Param pagingFirst(Field f) {
        Value<?> arg = argument(f, "first");
        Param value = arg == null ? in -> null : scalar(arg, "Int", ReadCompiler::intOf);
        return in -> {
            Object n = value.value(in);
            if (n != null && !(n instanceof Integer)) {
                throw new NotCompiled("first");
            }
            try {
                return Paging.first((Integer) n);
            } catch (RuntimeException e) {
                throw new NotCompiled("first out of range");
            }
        };
    }

    /** A Boolean argument with default false; an explicit null goes to the executor. */
    private Param flag(Field f, String name) {
        Value<?> arg = argument(f, name);
        if (arg == null) {
            return in -> false;
        }
        Param value = scalar(arg, "Boolean", v -> v instanceof BooleanValue b ? b.isValue() : null);
        return in -> {
            Object b = value.value(in);
            if (!(b instanceof Boolean)) {
                throw new NotCompiled(name);
            }
            return b;
        };
    }

    private Param statesParam(Value<?> arg) {
        if (arg instanceof VariableReference ref) {
            use(ref, "[CaseState]", "[CaseState!]", "[CaseState]!", "[CaseState!]!");
            return in -> {
                Object v = variable(in, ref.getName());
                if (v == null) {
                    return null;
                }
                if (!(v instanceof List<?> list)) {
                    throw new NotCompiled("states");
                }
                List<String> names = new ArrayList<>();
                for (Object s : list) {
                    if (!(s instanceof String name) || !isEnum(CaseState.class, name)) {
                        throw new NotCompiled("states");
                    }
                    names.add(name);
                }
                return names.isEmpty() ? null : names.toArray(String[]::new);
            };
        }
        if (arg instanceof NullValue) {
            return in -> null;
        }
        List<Value> values = arg instanceof ArrayValue array ? array.getValues() : List.of(arg);
        List<String> names = new ArrayList<>();
        for (Value<?> v : values) {
            String name = enumName(v, CaseState.class);
            if (name == null) {
                throw new NotCompiled("states");
            }
            names.add(name);
        }
        String[] fixed = names.toArray(String[]::new);
        return in -> fixed.length == 0 ? null : fixed;
    }

    /** A literal (read now) or a variable of the given type (read on each request). */
    private Param scalar(Value<?> arg, String type, java.util.function.Function<Value<?>, Object> literal) {
        if (arg instanceof VariableReference ref) {
            use(ref, type, type + "!");
            return in -> {
                Object v = variable(in, ref.getName());
                if (v != null && type.equals("Int")) {
                    return v instanceof Integer ? v : fail("Int");
                }
                if (v != null && type.equals("Boolean") && !(v instanceof Boolean)) {
                    return fail("Boolean");
                }
                if (v != null && (type.equals("String") || type.equals("ID")) && !(v instanceof String)) {
                    return fail(type);
                }
                if (v != null && type.equals("StaffRole") && !(v instanceof String s && isEnum(StaffRole.class, s))) {
                    return fail(type);
                }
                return v;
            };
        }
        if (arg instanceof NullValue) {
            return in -> null;
        }
        Object value = literal.apply(arg);
        if (value == null) {
            throw new NotCompiled("argument of type " + type);
        }
        return in -> value;
    }

    private static Object fail(String type) {
        throw new NotCompiled("variable of type " + type);
    }

    private Object variable(Inputs in, String name) {
        Object given = in.variables() != null ? in.variables().get(name) : null;
        boolean present = in.variables() != null && in.variables().containsKey(name);
        Value<?> fallback = defaults.get(name);
        if (given == null && declared.get(name).endsWith("!") && (present || fallback == null)) {
            // the executor refuses a required variable that is missing or null
            throw new NotCompiled("required variable " + name);
        }
        if (present) {
            return given;
        }
        if (fallback == null || fallback instanceof NullValue) {
            return null;
        }
        if (fallback instanceof IntValue i) {
            return i.getValue().intValueExact();
        }
        if (fallback instanceof BooleanValue b) {
            return b.isValue();
        }
        if (fallback instanceof StringValue s) {
            return s.getValue();
        }
        if (fallback instanceof EnumValue e) {
            return e.getName();
        }
        throw new NotCompiled("default value");
    }

    /** A default value the executor's validation accepts for the declared type (only the types used here). */
    private static boolean fitsType(Value<?> value, String type) {
        if (value instanceof NullValue) {
            return !type.endsWith("!");
        }
        String base = type.endsWith("!") ? type.substring(0, type.length() - 1) : type;
        return switch (base) {
            case "Int" -> intOf(value) != null;
            case "String" -> value instanceof StringValue;
            case "ID" -> value instanceof StringValue || intOf(value) != null;
            case "Boolean" -> value instanceof BooleanValue;
            case "StaffRole" -> enumName(value, StaffRole.class) != null;
            case "[CaseState]", "[CaseState!]" -> value instanceof ArrayValue array
                    ? array.getValues().stream().allMatch(v -> enumName(v, CaseState.class) != null)
                    : enumName(value, CaseState.class) != null;
            default -> false;
        };
    }

    private void use(VariableReference ref, String... types) {
        String type = declared.get(ref.getName());
        if (type == null || !List.of(types).contains(type)) {
            throw new NotCompiled("variable type");
        }
        used.add(ref.getName());
    }

    private static Object intOf(Value<?> v) {
        if (v instanceof IntValue i) {
            try {
                return i.getValue().intValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    private static <E extends Enum<E>> String enumName(Value<?> v, Class<E> type) {
        return v instanceof EnumValue e && isEnum(type, e.getName()) ? e.getName() : null;
    }

    private static <E extends Enum<E>> boolean isEnum(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String terminalStates() {
        StringJoiner out = new StringJoiner(", ");
        for (CaseState s : CaseState.values()) {
            if (s.terminal()) {
                out.add("'" + s.name() + "'");
            }
        }
        return out.toString();
    }

    // ---- the document ----

    /** The fields of a selection: plain fields only, each response key once, within the limits. */
    private List<Field> fields(SelectionSet selection, int level) {
        depth = Math.max(depth, level);
        List<Field> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Selection<?> s : selection.getSelections()) {
            if (!(s instanceof Field f) || !f.getDirectives().isEmpty()) {
                throw new NotCompiled("fragments and directives");
            }
            if (!keys.add(f.getResultKey())) {
                throw new NotCompiled("a response key twice");
            }
            out.add(f);
        }
        if (out.size() > MAX_FIELDS_PER_OBJECT) {
            throw new NotCompiled("too many fields");
        }
        fieldCount += out.size();
        return out;
    }

    /** An object of a selection: json_build_object of each field's value, {@code __typename} from the type's name. */
    private String object(SelectionSet selection, int level, String typeName, java.util.function.Function<Field, String> value) {
        StringJoiner out = new StringJoiner(", ", "json_build_object(", ")");
        for (Field f : fields(selection, level)) {
            out.add(key(f)).add(f.getName().equals("__typename") ? scalarField(f, "'" + typeName + "'") : value.apply(f));
        }
        return out.toString();
    }

    private static String key(Field f) {
        return "'" + f.getResultKey() + "'";
    }

    private static void scalarField(Field f) {
        if (f.getSelectionSet() != null || !f.getArguments().isEmpty()) {
            throw new NotCompiled("scalar " + f.getName());
        }
    }

    private static String scalarField(Field f, String value) {
        scalarField(f);
        return value;
    }

    private static void requireSelection(Field f) {
        if (f.getSelectionSet() == null || f.getSelectionSet().getSelections().isEmpty()) {
            throw new NotCompiled("selection of " + f.getName());
        }
    }

    private static void noArgumentsBut(Field f, String... allowed) {
        Set<String> seen = new HashSet<>();
        for (var a : f.getArguments()) {
            if (!List.of(allowed).contains(a.getName()) || !seen.add(a.getName())) {
                throw new NotCompiled("argument " + a.getName());
            }
        }
    }

    private static Value<?> argument(Field f, String name) {
        for (var a : f.getArguments()) {
            if (a.getName().equals(name)) {
                return a.getValue();
            }
        }
        return null;
    }

    private static String typeText(Type<?> type) {
        if (type instanceof NonNullType n) {
            return typeText(n.getType()) + "!";
        }
        if (type instanceof ListType l) {
            return "[" + typeText(l.getType()) + "]";
        }
        return ((TypeName) type).getName();
    }

    private int param(Param p) {
        params.add(p);
        return params.size();
    }

    private int today() {
        if (today == 0) {
            today = param(Inputs::today);
        }
        return today;
    }

    private int now() {
        if (now == 0) {
            now = param(Inputs::now);
        }
        return now;
    }

    private String alias() {
        return "t" + (++aliases);
    }
}
