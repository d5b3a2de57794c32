package org.wangge.people;

import io.vertx.mutiny.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("A resident (实有人口). ID number and phone are masked; full values need a reason and are audited.")
public class Person implements org.wangge.security.Visible, org.wangge.common.Node {

    static final String COLUMNS = "p.id, p.name, p.gender, p.birth_date, p.id_type, p.id_number_mask, p.phone_mask, "
            + "p.ethnicity, p.residence_type, p.move_in_date, p.move_out_date, p.origin, p.household_id, p.relation, "
            + "p.account_subject, p.created_at, p.updated_at, p.version, g.path AS grid_path, h.grid_id, h.building AS household_building, p.county_code";
    // a person's household lies in the person's county (their foreign key, V46): one partition to probe
    static final String FROM = from("true");

    /** {@link #FROM} with a condition on the households joined ({@code h}), such as their counties. */
    static String from(String households) {
        return " FROM person p LEFT JOIN household h ON h.county_code = p.county_code AND h.id = p.household_id AND " + households
                + " LEFT JOIN grid g ON g.id = h.grid_id";
    }

    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    public String name;
    @NonNull
    public Gender gender;
    @NonNull
    public IdType idType;
    @Description("ID number, masked (411***************)")
    public String idNumber;
    @Description("Phone, masked (138******78)")
    public String phone;
    public String ethnicity;
    @NonNull
    public ResidenceType residenceType;
    public LocalDate moveInDate;
    public LocalDate moveOutDate;
    @Description("Where a floating resident came from")
    public String origin;
    @Description("Relation to the householder in the current household")
    public Relation relation;
    @NonNull
    public OffsetDateTime createdAt;
    @NonNull
    public OffsetDateTime updatedAt;
    @NonNull
    public int version;

    @Ignore
    public long dbId;
    @Ignore
    public Long householdId;
    @Ignore
    public Long gridId;
    @Ignore
    public String gridPath;
    /** The county whose partitions hold the resident and their household (V46). */
    @Ignore
    public String countyCode;
    @Ignore
    public String accountSubject;
    @Ignore
    public String householdBuilding;

    /**
     * Staff whose assignment reads residents over the person's grid (a building chief: of their
     * building), the person themselves and their own household's members.
     */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return caller.isAdmin() || caller.subject().equals(accountSubject)
                || householdId != null && householdId.equals(caller.ownHousehold())
                || gridPath != null && caller.mayReadResidents(gridPath, householdBuilding);
    }
    /** Shown as {@code birthDate} only to those who may read the ID number in full (PeopleApi). */
    @Ignore
    public LocalDate birth;
    @Ignore
    public Integer exactAge;
    /** The age reached this calendar year: says no more of the birth date than its year. */
    @Ignore
    public Integer ageThisYear;

    static Person from(Row row, LocalDate today) {
        Person p = new Person();
        p.dbId = row.getLong("id");
        p.id = NodeType.PERSON.id(p.dbId);
        p.name = row.getString("name");
        p.gender = Gender.valueOf(row.getString("gender"));
        p.birth = row.getLocalDate("birth_date");
        p.exactAge = p.birth == null ? null : Period.between(p.birth, today).getYears();
        p.ageThisYear = p.birth == null ? null : today.getYear() - p.birth.getYear();
        p.idType = IdType.valueOf(row.getString("id_type"));
        p.idNumber = row.getString("id_number_mask");
        p.phone = row.getString("phone_mask");
        p.ethnicity = row.getString("ethnicity");
        p.residenceType = ResidenceType.valueOf(row.getString("residence_type"));
        p.moveInDate = row.getLocalDate("move_in_date");
        p.moveOutDate = row.getLocalDate("move_out_date");
        p.origin = row.getString("origin");
        String relation = row.getString("relation");
        p.relation = relation == null ? null : Relation.valueOf(relation);
        p.householdId = row.getLong("household_id");
        p.gridId = row.getLong("grid_id");
        p.gridPath = row.getString("grid_path");
        p.countyCode = row.getString("county_code");
        p.accountSubject = row.getString("account_subject");
        p.householdBuilding = row.getString("household_building");
        p.createdAt = row.getOffsetDateTime("created_at");
        p.updatedAt = row.getOffsetDateTime("updated_at");
        p.version = row.getInteger("version");
        return p;
    }
}
