package org.wangge.common;

import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What an operation asks for, measured in one walk of its document before it runs:
 * <ul>
 * <li><b>nodes</b>, counted as GitHub counts them: every list field counts the objects it may
 * return, that is its size times the sizes of the lists around it; the operation costs their sum.
 * A list's size is its page argument ({@code first}, or its default, at most its maximum) or, for
 * lists without one, the size assumed in {@link #SIZES};</li>
 * <li><b>depth</b>, the longest chain of nested fields (a root field is 1), as graphql-java's
 * depth limit counts it;</li>
 * <li><b>fields</b>, every field selected, {@code __typename} included, as graphql-java's default
 * complexity counts them.</li>
 * </ul>
 * Aliases count each, fragments count where they are spread (each fragment is walked once),
 * variables count with their values, and selections that {@code @skip}/{@code @include} leave out
 * count nothing.
 *
 * <p>Checked before execution ({@link org.wangge.platform.CostLimit}), whichever path then answers.
 */
public final class QueryCost {

    /** A list field's size: from an argument when it has one (absent: its default; at most its maximum), else fixed. */
    private record Size(String argument, int byDefault, int max) {
        static Size fixed(int n) {
            return new Size(null, n, n);
        }
    }

    private static final Size PAGE = new Size("first", Paging.DEFAULT_FIRST, Paging.MAX_FIRST);
    /** Lists of objects without a page argument and not named below. */
    private static final Size ASSUMED = Size.fixed(50);

    /**
     * The one table of list sizes that differ from the rules (a field with {@code first} is a page of
     * 50 by default and at most 500; any other list of objects is assumed to hold 50).
     */
    private static final Map<String, Size> SIZES = Map.of(
            "Grid.newestCases", new Size("first", 10, 50),
            "Household.visits", new Size("last", 10, 100),
            "Query.leaderboard", new Size("first", 20, Paging.MAX_FIRST),
            // a caller's top grids: one or two for most staff, the county for an admin
            "Query.myGrids", Size.fixed(3),
            // the breadcrumb: county, township, village, micro-grid and a few more tiers at most
            "Grid.ancestors", Size.fixed(10),
            // the loop has about ten steps; reworks and escalations add a few
            "CaseFile.timeline", Size.fixed(20),
            // the catalogue: a few dozen 大类 and 小类 each, a handful of limits (4 stages, a few priorities)
            "Query.caseKinds", Size.fixed(30),
            "CaseKind.items", Size.fixed(30),
            "CaseKind.limits", Size.fixed(8),
            "CaseItem.limits", Size.fixed(8));

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;
    private final Map<String, Value<?>> variableDefaults = new HashMap<>();
    private final Map<String, Measure> fragmentMeasures = new HashMap<>();
    private final Set<String> expanding = new HashSet<>();

    private QueryCost(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, Map<String, Object> variables) {
        this.schema = schema;
        this.fragments = fragments;
        this.variables = variables == null ? Map.of() : variables;
    }

    /** What an operation asks: nodes it may return, its depth and its fields. */
    public record Measure(long nodes, int depth, long fields) {
        static final Measure NONE = new Measure(0, 0, 0);

        /** Beside another selection of the same parent. */
        Measure and(Measure other) {
            return new Measure(plus(nodes, other.nodes), Math.max(depth, other.depth), plus(fields, other.fields));
        }
    }

    /** Nodes, depth and fields of an operation (variables as given or coerced; absent ones take their declared defaults). */
    public static Measure measure(GraphQLSchema schema, OperationDefinition operation, Map<String, FragmentDefinition> fragments,
            Map<String, Object> variables) {
        QueryCost cost = new QueryCost(schema, fragments, variables);
        for (VariableDefinition v : operation.getVariableDefinitions()) {
            if (v.getDefaultValue() != null) {
                cost.variableDefaults.put(v.getName(), v.getDefaultValue());
            }
        }
        GraphQLType root = switch (operation.getOperation()) {
            case QUERY -> schema.getQueryType();
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
        };
        return root == null ? Measure.NONE : cost.unit(operation.getSelectionSet(), root);
    }

    /** The refusal of an operation over the limit. */
    private static ApiException refusal(long cost, long limit) {
        return new ApiException(ErrorCode.COST_LIMIT, "The query may return " + cost + " nodes, more than the " + limit
                + " allowed; ask for smaller pages (first) or fewer nested lists").with("cost", cost).with("limit", limit);
    }

    /** The first limit the operation is over, or null when it is within all three. */
    public static ApiException refusal(Measure measure, GraphQLLimits limits) {
        if (measure.depth() > limits.maxDepth()) {
            return new ApiException(ErrorCode.DEPTH_LIMIT, "maximum query depth exceeded: " + measure.depth() + " > "
                    + limits.maxDepth()).with("depth", measure.depth()).with("limit", limits.maxDepth());
        }
        if (measure.fields() > limits.maxComplexity()) {
            return new ApiException(ErrorCode.COMPLEXITY_LIMIT, "maximum query complexity exceeded: " + measure.fields()
                    + " fields > " + limits.maxComplexity()).with("fields", measure.fields()).with("limit", limits.maxComplexity());
        }
        return measure.nodes() > limits.maxCost() ? refusal(measure.nodes(), limits.maxCost()) : null;
    }

    /**
     * What a selection asks for one parent object: a list field counts its size times one plus
     * what each element selects, any other field what it selects. Linear in the parent's count,
     * hence counted once per selection (and once per fragment) and multiplied.
     */
    private Measure unit(SelectionSet selectionSet, GraphQLType type) {
        if (selectionSet == null) {
            return Measure.NONE;
        }
        GraphQLFieldsContainer parent = GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLFieldsContainer c ? c : null;
        Measure total = Measure.NONE;
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof DirectivesContainer<?> conditional && !included(conditional)) {
                continue;
            }
            if (selection instanceof Field field) {
                GraphQLFieldDefinition definition = parent == null ? null : parent.getFieldDefinition(field.getName());
                if (definition == null) {
                    // __typename or introspection: a field, nothing more (validation refuses anything else)
                    total = total.and(new Measure(0, 1, 1));
                    continue;
                }
                Measure inner = unit(field.getSelectionSet(), definition.getType());
                Long size = size(parent, definition, field);
                long nodes = size == null ? inner.nodes() : times(size, plus(1, inner.nodes()));
                total = total.and(new Measure(nodes, inner.depth() + 1, plus(1, inner.fields())));
            } else if (selection instanceof InlineFragment inline) {
                GraphQLType on = inline.getTypeCondition() == null ? parent : schema.getType(inline.getTypeCondition().getName());
                total = total.and(unit(inline.getSelectionSet(), on));
            } else if (selection instanceof FragmentSpread spread) {
                total = total.and(fragment(spread.getName()));
            }
        }
        return total;
    }

    private Measure fragment(String name) {
        Measure known = fragmentMeasures.get(name);
        if (known != null) {
            return known;
        }
        FragmentDefinition f = fragments.get(name);
        // a cycle is refused by validation; here it only must not loop
        if (f == null || !expanding.add(name)) {
            return Measure.NONE;
        }
        Measure measure = unit(f.getSelectionSet(), schema.getType(f.getTypeCondition().getName()));
        expanding.remove(name);
        fragmentMeasures.put(name, measure);
        return measure;
    }

    /** False when {@code @skip(if: true)} or {@code @include(if: false)} leaves the selection out. */
    private boolean included(DirectivesContainer<?> selection) {
        for (Directive d : selection.getDirectives()) {
            boolean skip = d.getName().equals("skip");
            if (skip || d.getName().equals("include")) {
                Argument condition = d.getArgument("if");
                Boolean value = condition == null ? null : booleanValue(condition.getValue());
                if (value != null && value == skip) {
                    return false;
                }
            }
        }
        return true;
    }

    private Boolean booleanValue(Value<?> value) {
        if (value instanceof VariableReference ref) {
            if (variables.containsKey(ref.getName())) {
                return variables.get(ref.getName()) instanceof Boolean b ? b : null;
            }
            value = variableDefaults.get(ref.getName());
        }
        return value instanceof BooleanValue b ? b.isValue() : null;
    }

    /** The number of elements a list field may return; null for a field that is not a list of objects. */
    private Long size(GraphQLFieldsContainer parent, GraphQLFieldDefinition definition, Field field) {
        Size size = SIZES.get(parent.getName() + "." + definition.getName());
        if (size == null) {
            GraphQLType type = GraphQLTypeUtil.unwrapNonNull(definition.getType());
            boolean objects = !GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(type));
            if (definition.getArgument("first") != null && objects) {
                size = PAGE;
            } else if (type instanceof GraphQLList && objects && !countedByConnection(parent, definition)) {
                size = ASSUMED;
            } else {
                return null;
            }
        }
        if (size.argument() == null) {
            return (long) size.byDefault();
        }
        Long given = intArgument(field, size.argument());
        long n = given == null ? size.byDefault() : given;
        return Math.max(0, Math.min(n, size.max()));
    }

    /** A connection's edges: the connection field counted them with its page size. */
    private static boolean countedByConnection(GraphQLFieldsContainer parent, GraphQLFieldDefinition definition) {
        return definition.getName().equals("edges") && parent.getName().endsWith("Connection");
    }

    private Long intArgument(Field field, String name) {
        for (Argument a : field.getArguments()) {
            if (!a.getName().equals(name)) {
                continue;
            }
            Value<?> value = a.getValue();
            if (value instanceof VariableReference ref) {
                if (variables.containsKey(ref.getName())) {
                    return variables.get(ref.getName()) instanceof Number n ? clamp(n) : null;
                }
                value = variableDefaults.get(ref.getName());
            }
            return value instanceof IntValue i ? clamp(i.getValue()) : null;
        }
        return null;
    }

    private static long clamp(Number n) {
        if (n instanceof BigInteger big) {
            return big.signum() < 0 ? 0 : big.bitLength() < 63 ? big.longValue() : Long.MAX_VALUE;
        }
        double d = n.doubleValue();
        return d >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, n.longValue());
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long times(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
