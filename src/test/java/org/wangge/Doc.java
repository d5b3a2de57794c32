package org.wangge;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GraphQL document as a client keeps it: a file under {@code src/test/resources/graphql/}, named
 * {@code <feature>/<Operation>.graphql}, holding one named operation. Shared fragments are pulled in
 * as Apollo's loaders do, with {@code #import "../fragments/X.graphql"} lines (relative to the file).
 * Read once, when first used, so that a test naming a document that is not there fails where it uses it.
 */
public final class Doc {

    static final String ROOT = "graphql/";
    private static final Pattern IMPORT = Pattern.compile("(?m)^#import\\s+\"([^\"]+)\"\\s*$");
    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

    private record Loaded(String text, String operation, String rootField) {
    }

    private final String name;

    private Doc(String name) {
        this.name = name;
    }

    /** The document {@code graphql/<name>.graphql}, e.g. {@code Doc.of("grid/CreateGrid")}; read when first used. */
    public static Doc of(String name) {
        return new Doc(name);
    }

    public String name() {
        return name;
    }

    /** The text sent: the operation and the fragments it imports. */
    public String text() {
        return loaded().text();
    }

    /** The operation's name, sent as {@code operationName} as clients do. */
    public String operation() {
        return loaded().operation();
    }

    /** The response key of the operation's first root field (its alias, else its name). */
    public String rootField() {
        return loaded().rootField();
    }

    @Override
    public String toString() {
        return name;
    }

    private Loaded loaded() {
        return LOADED.computeIfAbsent(name, Doc::load);
    }

    private static Loaded load(String name) {
        String path = ROOT + name + ".graphql";
        Set<String> files = new LinkedHashSet<>();
        collect(path, files);
        List<String> parts = new ArrayList<>();
        for (String file : files) {
            parts.add(IMPORT.matcher(read(file)).replaceAll("").strip());
        }
        String text = String.join("\n\n", parts) + "\n";
        Document document;
        try {
            document = Parser.parse(text);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError("GraphQL document " + path + " (with its imports) does not parse: " + e.getMessage(), e);
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operations.size() != 1 || operations.get(0).getName() == null) {
            throw new AssertionError("GraphQL document " + path + " must hold exactly one named operation, as a client sends it; it holds "
                    + operations.stream().map(o -> o.getName() == null ? "(anonymous)" : o.getName()).toList());
        }
        OperationDefinition op = operations.get(0);
        Field first = (Field) op.getSelectionSet().getSelections().get(0);
        return new Loaded(text, op.getName(), first.getAlias() != null ? first.getAlias() : first.getName());
    }

    /** The file and, before it, everything it imports (each once). */
    private static void collect(String path, Set<String> files) {
        if (files.contains(path)) {
            return;
        }
        String text = read(path);
        Matcher m = IMPORT.matcher(text);
        while (m.find()) {
            collect(URI.create(path).resolve(m.group(1)).normalize().toString(), files);
        }
        files.add(path);
    }

    private static String read(String path) {
        try (InputStream in = Doc.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("No GraphQL document " + path + " on the test class path: add src/test/resources/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + path, e);
        }
    }
}
