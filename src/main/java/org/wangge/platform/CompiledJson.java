package org.wangge.platform;

import io.vertx.core.buffer.Buffer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.AbstractMap;
import java.util.Set;

/**
 * The {@code data} of a compiled read as PostgreSQL built it. {@link GraphQLHttp} writes it out as
 * it is; anything else that reads it (a socket, the extension's own handler) sees an ordinary JSON
 * object, parsed the first time it is read.
 */
final class CompiledJson extends AbstractMap<String, JsonValue> implements JsonObject {

    /** Made once: Json.createReaderFactory looks its provider up anew on every call. */
    static final JsonReaderFactory READER = Json.createReaderFactory(null);

    private final String text;
    private volatile JsonObject parsed;

    CompiledJson(String text) {
        this.text = text;
    }

    /** The whole response, {@code {"data":…}}, without the blanks PostgreSQL's json output puts between tokens. */
    Buffer response() {
        StringBuilder compact = new StringBuilder(text.length() + 9).append("{\"data\":");
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                compact.append(c);
                if (c == '\\') {
                    compact.append(text.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                compact.append(c);
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                compact.append(c);
            }
        }
        return Buffer.buffer(compact.append('}').toString());
    }

    private JsonObject parsed() {
        JsonObject known = parsed;
        if (known == null) {
            try (JsonReader reader = READER.createReader(new StringReader(text))) {
                known = reader.readObject();
            }
            parsed = known;
        }
        return known;
    }

    @Override
    public Set<Entry<String, JsonValue>> entrySet() {
        return parsed().entrySet();
    }

    @Override
    public JsonValue get(Object key) {
        return parsed().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return parsed().containsKey(key);
    }

    @Override
    public JsonArray getJsonArray(String name) {
        return parsed().getJsonArray(name);
    }

    @Override
    public JsonObject getJsonObject(String name) {
        return parsed().getJsonObject(name);
    }

    @Override
    public JsonNumber getJsonNumber(String name) {
        return parsed().getJsonNumber(name);
    }

    @Override
    public JsonString getJsonString(String name) {
        return parsed().getJsonString(name);
    }

    @Override
    public String getString(String name) {
        return parsed().getString(name);
    }

    @Override
    public String getString(String name, String defaultValue) {
        return parsed().getString(name, defaultValue);
    }

    @Override
    public int getInt(String name) {
        return parsed().getInt(name);
    }

    @Override
    public int getInt(String name, int defaultValue) {
        return parsed().getInt(name, defaultValue);
    }

    @Override
    public boolean getBoolean(String name) {
        return parsed().getBoolean(name);
    }

    @Override
    public boolean getBoolean(String name, boolean defaultValue) {
        return parsed().getBoolean(name, defaultValue);
    }

    @Override
    public boolean isNull(String name) {
        return parsed().isNull(name);
    }

    @Override
    public ValueType getValueType() {
        return ValueType.OBJECT;
    }

    @Override
    public String toString() {
        return parsed().toString();
    }
}
