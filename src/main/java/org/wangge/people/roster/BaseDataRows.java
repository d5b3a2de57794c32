package org.wangge.people.roster;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.wangge.common.Tx;
import org.wangge.houses.HouseUse;
import org.wangge.people.IdNumbers;
import org.wangge.people.PersonalData;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.units.CreditCodes;
import org.wangge.units.UnitKind;

/**
 * The 一标三实 sheets of a roster workbook: addresses (the tree from a grid and an address's
 * text, building, unit and room), houses (one per address) and units (one per credit code, or per
 * name at an address without one). Their addresses are found or made as a household's are
 * ({@code address_node}); a house's owner and a unit's contacts are residents named by ID number.
 * Importing the same sheet again changes nothing.
 */
final class BaseDataRows {

    /** What a sheet holds, told by its columns. */
    enum Kind {
        ADDRESSES, HOUSES, UNITS;

        /** The kind of a sheet with these columns, or null (a residents sheet, or none). */
        static Kind of(Cells cells) {
            if (cells.has(RosterColumns.UNIT_NAME)) {
                return UNITS;
            }
            if (cells.has(RosterColumns.HOUSE_USE)) {
                return HOUSES;
            }
            if (!cells.has(RosterColumns.ID_NUMBER) && cells.has(RosterColumns.GRID_CODE) && cells.has(RosterColumns.ADDRESS)) {
                return ADDRESSES;
            }
            return null;
        }
    }

    /** A row that passed its own checks: its address, and what the sheet says of the house or unit there. */
    record Valid(int line, long gridId, String address, String building, String unit, String room, HouseUse use, String owner, Double area,
            String name, String creditCode, UnitKind kind, String legal, String contact, Integer employees, String hours, String tags) {

        String place() {
            return gridId + "\u0000" + address + "\u0000" + nz(building) + "\u0000" + nz(unit) + "\u0000" + nz(room);
        }

        Stream<String> residents() {
            return Stream.of(owner, legal, contact).filter(Objects::nonNull);
        }
    }

    private final Kind kind;
    private final Cells cells;
    private final PersonalData pii;
    private final Map<String, String> riskTags;
    private final Map<String, Integer> seenAt = new HashMap<>();

    BaseDataRows(Kind kind, Cells cells, PersonalData pii, Map<String, String> riskTags) {
        this.kind = kind;
        this.cells = cells;
        this.pii = pii;
        this.riskTags = riskTags;
    }

    /** The row checked on its own (the grid checked by the caller); a row naming what an earlier row named is refused. */
    Valid check(RosterFile.RawRow row, long gridId) {
        String address = Cells.limit(cells.required(row, RosterColumns.ADDRESS), 300, RosterColumns.ADDRESS);
        String building = Cells.limit(cells.optional(row, RosterColumns.BUILDING), 50, RosterColumns.BUILDING);
        String unit = Cells.limit(cells.optional(row, RosterColumns.UNIT), 50, RosterColumns.UNIT);
        String room = Cells.limit(cells.optional(row, RosterColumns.ROOM), 50, RosterColumns.ROOM);
        Valid v = switch (kind) {
            case ADDRESSES -> new Valid(row.line(), gridId, address, building, unit, room, null, null, null, null, null, null, null, null, null,
                    null, null);
            case HOUSES -> {
                HouseUse use = cells.word(row, RosterColumns.HOUSE_USE, RosterColumns.HOUSE_USES, HouseUse.class);
                if (use == null) {
                    throw new RowError(RosterColumns.HOUSE_USE, "required: 自住, 出租, 空置, 经营 or 混合");
                }
                Double area = cells.number(row, RosterColumns.AREA, 999_999);
                if (area != null && area < 0.01) {
                    throw new RowError(RosterColumns.AREA, "square metres, at least 0.01");
                }
                yield new Valid(row.line(), gridId, address, building, unit, room, use, resident(row, RosterColumns.OWNER_ID), area, null, null,
                        null, null, null, null, null, null);
            }
            case UNITS -> {
                String name = Cells.limit(cells.required(row, RosterColumns.UNIT_NAME), 200, RosterColumns.UNIT_NAME);
                String given = cells.optional(row, RosterColumns.CREDIT_CODE);
                String code = given == null ? null : CreditCodes.normalised(given);
                if (given != null && code == null) {
                    throw new RowError(RosterColumns.CREDIT_CODE, "not a 统一社会信用代码 (18 characters with a matching check character): " + given);
                }
                UnitKind unitKind = cells.word(row, RosterColumns.UNIT_KIND, RosterColumns.UNIT_KINDS, UnitKind.class);
                if (unitKind == null) {
                    throw new RowError(RosterColumns.UNIT_KIND, "required: 企业, 商铺, 餐饮, 学校, 医院, 宗教活动场所, 社会组织, 机关 or 其他");
                }
                Double employees = cells.number(row, RosterColumns.EMPLOYEES, 1_000_000);
                List<String> tags = new ArrayList<>();
                String tagText = cells.optional(row, RosterColumns.RISK_TAGS);
                if (tagText != null) {
                    for (String t : tagText.split("[,，、;；\\s]+")) {
                        String tag = riskTags.get(t.strip());
                        if (tag == null) {
                            throw new RowError(RosterColumns.RISK_TAGS, "no risk tag " + t.strip());
                        }
                        if (!tags.contains(tag)) {
                            tags.add(tag);
                        }
                    }
                }
                yield new Valid(row.line(), gridId, address, building, unit, room, null, null, null, name, code, unitKind,
                        resident(row, RosterColumns.LEGAL_ID), resident(row, RosterColumns.CONTACT_ID),
                        employees == null ? null : employees.intValue(),
                        Cells.limit(cells.optional(row, RosterColumns.OPENING_HOURS), 100, RosterColumns.OPENING_HOURS), String.join(",", tags));
            }
        };
        String key = kind == Kind.UNITS ? (v.creditCode() != null ? v.creditCode() : v.place() + "\u0000" + v.name()) : v.place();
        Integer first = seenAt.putIfAbsent(key, row.line());
        if (first != null) {
            throw new RowError(kind == Kind.UNITS && v.creditCode() != null ? RosterColumns.CREDIT_CODE : RosterColumns.ADDRESS,
                    (kind == Kind.UNITS ? "the same unit" : kind == Kind.HOUSES ? "a house at the same address" : "the same address")
                            + " is on line " + first);
        }
        return v;
    }

    /** A resident named by ID number: the keyed hash of the number (looked up with the batch), or null when empty. */
    private String resident(RosterFile.RawRow row, RosterColumns column) {
        String given = cells.optional(row, column);
        if (given == null) {
            return null;
        }
        String normalised = IdNumbers.normaliseDocument(given);
        if (!normalised.matches("\\d{17}[\\dX]")) {
            throw new RowError(column, "a resident ID number of 18 characters");
        }
        return HexFormat.of().formatHex(pii.hash(normalised));
    }

    /**
     * The residents a row names, by the batch's lookup: each must be registered where the caller
     * reads residents (one out of reach is refused as one that is not registered).
     */
    static void residentsKnown(Valid v, Map<String, ImportReader.Resident> found, Caller caller) {
        check(v.owner(), RosterColumns.OWNER_ID, found, caller);
        check(v.legal(), RosterColumns.LEGAL_ID, found, caller);
        check(v.contact(), RosterColumns.CONTACT_ID, found, caller);
    }

    private static void check(String hash, RosterColumns column, Map<String, ImportReader.Resident> found, Caller caller) {
        if (hash == null) {
            return;
        }
        ImportReader.Resident r = found.get(hash);
        if (r == null || r.gridPath() == null || !caller.may(Capability.RESIDENTS_READ, r.gridPath())) {
            throw new RowError(column, "no registered resident with this ID number where you read the residents");
        }
    }

    /** Writes the batch in the job's transaction; how many rows added something new. */
    Uni<Integer> write(Tx tx, List<Valid> valid, Map<String, ImportReader.Resident> residents, String subject) {
        if (valid.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Long[] grids = valid.stream().map(Valid::gridId).toArray(Long[]::new);
        String[] addresses = valid.stream().map(Valid::address).toArray(String[]::new);
        String[] buildings = valid.stream().map(Valid::building).toArray(String[]::new);
        String[] units = valid.stream().map(Valid::unit).toArray(String[]::new);
        String[] rooms = valid.stream().map(Valid::room).toArray(String[]::new);
        String places = "unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]";
        return switch (kind) {
            case ADDRESSES -> tx.one("SELECT coalesce(max(id), 0) FROM address", Long.class).chain(top -> tx.one(
                    "SELECT count(*) FILTER (WHERE address_node(t.g, t.a, t.b, t.u, t.r) > $6) FROM " + places + ") AS t(g, a, b, u, r)",
                    Long.class, grids, addresses, buildings, units, rooms, top)).map(Long::intValue);
            case HOUSES -> tx.one("WITH input AS (SELECT t.*, address_node(t.g, t.a, t.b, t.u, t.r) AS node FROM " + places
                    + ", $6::text[], $7::bigint[], $8::float8[]) AS t(g, a, b, u, r, use, owner, area)), "
                    + "ins AS (INSERT INTO house (address_id, use, owner_person_id, area, created_by) SELECT node, use, owner, area, $9 FROM input "
                    + "ON CONFLICT (county_code, address_id) DO NOTHING RETURNING id) SELECT count(*) FROM ins", Long.class,
                    grids, addresses, buildings, units, rooms, valid.stream().map(v -> v.use().name()).toArray(String[]::new),
                    ids(valid, Valid::owner, residents), valid.stream().map(Valid::area).toArray(Double[]::new), subject).map(Long::intValue);
            // rows naming one place two ways (幸福小区3栋, or 幸福小区 and building 3栋) meet at one node: the first is taken
            case UNITS -> tx.one("WITH placed AS (SELECT t.*, address_node(t.g, t.a, t.b, t.u, t.r) AS node FROM " + places
                    + ", $6::text[], $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::int[], $12::text[], $13::text[])"
                    + " WITH ORDINALITY AS t(g, a, b, u, r, name, code, kind, legal, contact, employees, hours, tags, ord)), "
                    + "input AS (SELECT DISTINCT ON (coalesce(code, node || ':' || name)) * FROM placed ORDER BY coalesce(code, node || ':' || name), ord), "
                    + "ins AS (INSERT INTO unit (name, credit_code, kind, address_id, legal_person_id, contact_person_id, employees, opening_hours,"
                    + " created_by) SELECT name, code, kind, node, legal, contact, employees, hours, $14 FROM input i WHERE i.code IS NOT NULL"
                    + " OR NOT EXISTS (SELECT 1 FROM unit x WHERE x.credit_code IS NULL AND x.name = i.name AND x.address_id = i.node)"
                    + " ON CONFLICT (county_code, credit_code) DO NOTHING RETURNING id, credit_code, name, address_id), "
                    + "tags AS (INSERT INTO unit_risk (unit_id, tag_code) SELECT ins.id, tag FROM ins JOIN input i ON i.code = ins.credit_code"
                    + " OR (ins.credit_code IS NULL AND i.code IS NULL AND i.name = ins.name AND i.node = ins.address_id),"
                    + " unnest(string_to_array(nullif(i.tags, ''), ',')) tag ON CONFLICT DO NOTHING) SELECT count(*) FROM ins", Long.class,
                    grids, addresses, buildings, units, rooms, valid.stream().map(Valid::name).toArray(String[]::new),
                    valid.stream().map(Valid::creditCode).toArray(String[]::new), valid.stream().map(v -> v.kind().name()).toArray(String[]::new),
                    ids(valid, Valid::legal, residents), ids(valid, Valid::contact, residents),
                    valid.stream().map(Valid::employees).toArray(Integer[]::new), valid.stream().map(Valid::hours).toArray(String[]::new),
                    valid.stream().map(Valid::tags).toArray(String[]::new), subject).map(Long::intValue);
        };
    }

    private static Long[] ids(List<Valid> valid, java.util.function.Function<Valid, String> hash, Map<String, ImportReader.Resident> residents) {
        return valid.stream().map(v -> hash.apply(v) == null ? null : residents.get(hash.apply(v)).id()).toArray(Long[]::new);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static List<String> hashes(List<Valid> valid) {
        return valid.stream().flatMap(Valid::residents).distinct().toList();
    }
}
