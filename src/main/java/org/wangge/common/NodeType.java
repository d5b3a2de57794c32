package org.wangge.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The types whose objects have a global id (the {@link Node}s), and the ids themselves: the type's
 * name and the row's key, {@code "CaseFile:42"}, in base64url without padding. Opaque to clients
 * (Relay and Apollo caches need nothing more than uniqueness); every id argument is decoded with the
 * type it must name, so one type's id never reaches another type's rows.
 */
public enum NodeType {
    ADDRESS("Address"),
    ATTACHMENT("Attachment", true),
    AWARD("Award"),
    CARE_CASE("CareCase"),
    CASE_EVENT("CaseEvent"),
    CASE_FILE("CaseFile"),
    DEPARTMENT("Department"),
    GRID("Grid"),
    HOUSE("House"),
    HOUSEHOLD("Household"),
    IMPORT_JOB("ImportJob", true),
    INSPECTION("Inspection"),
    INSPECTION_FINDING("InspectionFinding"),
    LEDGER_EXPORT("LedgerExport"),
    OPEN311_KEY("Open311Key"),
    PERSON("Person"),
    PERSONAL_DATA_READ("PersonalDataRead"),
    POINTS_ENTRY("PointsEntry"),
    SHOP("Shop"),
    SHOP_ITEM("ShopItem"),
    SHOP_ORDER("ShopOrder"),
    STAFF_ASSIGNMENT("StaffAssignment"),
    TENANCY("Tenancy"),
    UNIT("Unit"),
    VISIT("Visit"),
    WEBHOOK_ENDPOINT("WebhookEndpoint");

    private static final Map<String, NodeType> BY_NAME = Stream.of(values()).collect(Collectors.toMap(t -> t.graphqlName, Function.identity()));
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** The GraphQL type's name. */
    public final String graphqlName;
    /** Keyed by a UUID rather than a number. */
    public final boolean uuid;
    private final String prefix;

    NodeType(String graphqlName) {
        this(graphqlName, false);
    }

    NodeType(String graphqlName, boolean uuid) {
        this.graphqlName = graphqlName;
        this.uuid = uuid;
        this.prefix = graphqlName + ":";
    }

    /** The global id of this type's row {@code key}. */
    public String id(long key) {
        return ENCODER.encodeToString((prefix + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The global id of this type's row {@code key} (a UUID or a number); null for null. */
    public String id(Object key) {
        return key == null ? null : ENCODER.encodeToString((prefix + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The number a global id of this type stands for; a clear VALIDATION error naming {@code field} otherwise. */
    public long key(String field, String id) {
        String key = keyText(field, id);
        try {
            long value = Long.parseLong(key);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(field, id);
    }

    /** The UUID a global id of this type stands for. */
    public UUID uuid(String field, String id) {
        try {
            return UUID.fromString(keyText(field, id));
        } catch (IllegalArgumentException e) {
            throw invalid(field, id);
        }
    }

    /** The numbers the global ids stand for, each once. */
    public Long[] keys(String field, java.util.Collection<String> ids) {
        return ids == null ? new Long[0] : ids.stream().map(id -> key(field, id)).distinct().toArray(Long[]::new);
    }

    private String keyText(String field, String id) {
        if (id == null) {
            throw ApiException.validation(field, field + " is required");
        }
        Decoded d = decode(id);
        if (d == null || d.type != this) {
            throw invalid(field, id);
        }
        return d.key;
    }

    private ApiException invalid(String field, String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) + "…" : id;
        return ApiException.validation(field, field + " is not the id of a " + graphqlName + ": " + shown);
    }

    /** A global id taken apart. */
    public record Decoded(NodeType type, String key) {
    }

    /** The type and key of a global id; null when the text is not one. */
    public static Decoded decode(String id) {
        if (id == null || id.isEmpty() || id.length() > 200) {
            return null;
        }
        String text;
        try {
            byte[] bytes = DECODER.decode(id.strip());
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return null;
        }
        NodeType type = BY_NAME.get(text.substring(0, colon));
        return type == null ? null : new Decoded(type, text.substring(colon + 1));
    }

    /** The type named {@code graphqlName}; null when none. */
    public static NodeType named(String graphqlName) {
        return BY_NAME.get(graphqlName);
    }
}
