package org.wangge.cases.live;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.Parser;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A live-update subscription whose selection is plain fields of {@link CaseUpdate} (aliases
 * allowed; no fragments, directives or arguments below the root). Its result for an update
 * depends on nothing but the update, so it is rendered once per update and selection and the
 * same text goes to every socket that asked for it, instead of a GraphQL execution and a JSON
 * serialisation per subscriber. Anything else takes the ordinary path.
 */
final class FlatSelection {

    private static final int CACHE_LIMIT = 512;
    private static final int CACHED_QUERY_LIMIT = 2_000;
    private static final Map<String, Optional<FlatSelection>> CACHE = new ConcurrentHashMap<>();

    private final String rootKey;
    private final List<String> keys;
    private final List<Function<CaseUpdate, Object>> values;

    private FlatSelection(String rootKey, List<String> keys, List<Function<CaseUpdate, Object>> values) {
        this.rootKey = rootKey;
        this.keys = keys;
        this.values = values;
    }

    /** The flat selection of {@code rootField} in this document, or null if it is not one. */
    static FlatSelection of(String query, String operationName, String rootField) {
        if (query.length() > CACHED_QUERY_LIMIT) {
            return parse(query, operationName, rootField); // not kept: nobody pins memory with huge documents
        }
        String key = rootField + '\u0000' + operationName + '\u0000' + query;
        Optional<FlatSelection> known = CACHE.get(key);
        if (known == null) {
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            known = Optional.ofNullable(parse(query, operationName, rootField));
            CACHE.put(key, known);
        }
        return known.orElse(null);
    }

    private static FlatSelection parse(String query, String operationName, String rootField) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (RuntimeException e) {
            return null; // SmallRye reports it
        }
        if (!document.getDefinitionsOfType(FragmentDefinition.class).isEmpty()) {
            return null;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(o -> operationName == null || operationName.equals(o.getName())).toList();
        if (operations.size() != 1) {
            return null;
        }
        OperationDefinition operation = operations.get(0);
        if (operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION || !operation.getDirectives().isEmpty()
                || operation.getSelectionSet().getSelections().size() != 1
                || !(operation.getSelectionSet().getSelections().get(0) instanceof Field root)
                || !root.getName().equals(rootField) || !root.getDirectives().isEmpty() || root.getSelectionSet() == null) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        List<Function<CaseUpdate, Object>> values = new ArrayList<>();
        for (Selection<?> selection : root.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !field.getArguments().isEmpty() || !field.getDirectives().isEmpty()
                    || field.getSelectionSet() != null) {
                return null;
            }
            Function<CaseUpdate, Object> value = "__typename".equals(field.getName()) ? u -> "CaseUpdate" : CaseUpdate.FIELDS.get(field.getName());
            if (value == null) {
                return null;
            }
            keys.add(field.getResultKey());
            values.add(value);
        }
        return new FlatSelection(root.getResultKey(), List.copyOf(keys), List.copyOf(values));
    }

    /** The {@code payload} of a {@code next} message for this update: {"data":{root:{…}}}. */
    String render(CaseUpdate update) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            fields.put(keys.get(i), values.get(i).apply(update));
        }
        return new JsonObject().put("data", new JsonObject().put(rootKey, new JsonObject(fields))).encode();
    }

    /** The start of a {@code next} message for operation {@code id}: the rendered payload and "}" follow. */
    static String nextPrefix(String id) {
        return "{\"id\":" + io.vertx.core.json.Json.encode(id) + ",\"type\":\"next\",\"payload\":";
    }
}
