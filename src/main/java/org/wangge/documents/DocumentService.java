package org.wangge.documents;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wangge.common.ApiException;
import org.wangge.common.Tx;

/**
 * Keeps documents under their SHA-256, once, for every instance: those clients send with their
 * hash (Automatic Persisted Queries) and the manifests of first-party clients (trusted documents).
 */
@ApplicationScoped
public class DocumentService {

    private final DocumentReader reader;

    public DocumentService(DocumentReader reader) {
        this.reader = reader;
    }

    /** The lower-case hex SHA-256 of the document's UTF-8 text, as clients compute it. */
    public static String hash(String document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Documents one manifest may hold. */
    static final int MAX_MANIFEST = 5_000;

    /**
     * Adds a client's manifest to the documents it may run, as the client's build writes it: a
     * JSON object of hash → document (Relay's, with SHA-256), or Apollo's persisted query manifest
     * ({@code operations} of {@code id} and {@code body}). Every hash must be its document's
     * SHA-256. A manifest only adds: documents of earlier builds stay runnable for the apps still
     * in people's hands. Returns how many documents the manifest holds.
     */
    public Uni<Integer> loadManifest(String clientId, String manifest) {
        Map<String, String> documents = manifestDocuments(clientId, manifest);
        String[] hashes = documents.keySet().toArray(String[]::new);
        String[] texts = documents.values().toArray(String[]::new);
        return Tx.run(tx -> tx.update("INSERT INTO persisted_document (hash, document) SELECT * FROM unnest($1::text[], $2::text[])"
                + " ON CONFLICT (hash) DO NOTHING", hashes, texts)
                .chain(() -> tx.update("INSERT INTO client_document (client_id, hash) SELECT $1, h FROM unnest($2::text[]) h"
                        + " ON CONFLICT DO NOTHING", clientId, hashes)))
                .replaceWith(documents.size());
    }

    private static Map<String, String> manifestDocuments(String clientId, String manifest) {
        if (clientId == null || clientId.isBlank() || clientId.length() > 200) {
            throw ApiException.validation("clientId", "a client id is required (at most 200 characters)");
        }
        JsonValue parsed;
        try (JsonReader reader = Json.createReader(new StringReader(manifest))) {
            parsed = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw ApiException.validation("manifest", "the manifest is not JSON");
        }
        Map<String, String> documents = new LinkedHashMap<>();
        if (parsed instanceof JsonObject object && object.get("operations") instanceof JsonArray operations) {
            for (JsonValue operation : operations) {
                if (!(operation instanceof JsonObject o) || !(o.get("id") instanceof JsonString id) || !(o.get("body") instanceof JsonString body)) {
                    throw ApiException.validation("manifest", "every operation needs an id and a body");
                }
                documents.put(id.getString(), body.getString());
            }
        } else if (parsed instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                if (!(entry.getValue() instanceof JsonString body)) {
                    throw ApiException.validation("manifest", "every hash needs its document as a string");
                }
                documents.put(entry.getKey(), body.getString());
            }
        } else {
            throw ApiException.validation("manifest", "a manifest is a JSON object");
        }
        if (documents.isEmpty() || documents.size() > MAX_MANIFEST) {
            throw ApiException.validation("manifest", "a manifest holds 1 to " + MAX_MANIFEST + " documents");
        }
        for (Map.Entry<String, String> document : documents.entrySet()) {
            if (!hash(document.getValue()).equals(document.getKey())) {
                throw ApiException.validation("manifest", "the hash " + document.getKey() + " is not its document's SHA-256");
            }
        }
        return documents;
    }

    /** Keeps the document (its hash already checked); a document kept before stays as it is. */
    public Uni<Void> keep(String hash, String document) {
        if (reader.remembered(hash) != null) {
            return Uni.createFrom().voidItem();
        }
        return Tx.run(tx -> tx.update("INSERT INTO persisted_document (hash, document) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING",
                hash, document)).invoke(() -> reader.remember(hash, document)).replaceWithVoid();
    }
}
