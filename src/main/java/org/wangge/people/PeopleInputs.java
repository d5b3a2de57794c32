package org.wangge.people;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** Inputs of the people mutations. */
public final class PeopleInputs {

    private PeopleInputs() {
    }

    @Input("HouseholdInput")
    @Description("On update, fields left out stay as they are")
    public static class HouseholdData {
        @Id
        @Description("The leaf grid the household belongs to (create only; use moveHousehold later)")
        public String gridId;
        public String address;
        public String building;
        public String unit;
        public String room;
        @Description("On update: the version read")
        public Integer version;
    }

    @Input("PersonInput")
    @Description("On update, fields left out stay as they are")
    public static class PersonData {
        public String name;
        @Description("Derived from a resident ID when left out")
        public Gender gender;
        @Description("Derived from a resident ID when left out")
        public LocalDate birthDate;
        @Description("Defaults to RESIDENT_ID")
        public IdType idType;
        public String idNumber;
        public String phone;
        public String ethnicity;
        public ResidenceType residenceType;
        public LocalDate moveInDate;
        public LocalDate moveOutDate;
        public String origin;
        @Id
        @Description("The household to register the person in (create only; use transferPerson later)")
        public String householdId;
        public Relation relation;
        @Description("OIDC subject of the resident's own login, if they have one")
        public String accountSubject;
        @Description("On update: the version read")
        public Integer version;
    }

    @org.eclipse.microprofile.graphql.Description("A resident put in a care group")
    @Input("CareCaseInput")
    public static class CareCaseData {
        @Id
        @NonNull
        public String personId;
        @NonNull
        @Description("A care category code (careCategories)")
        public String category;
        @NonNull
        public CareLevel level;
        @Description("Defaults to today")
        public LocalDate startDate;
        @Description("OIDC subject of the one-to-one helper (a staff member)")
        public String helperSubject;
        public Integer visitIntervalDays;
        public String note;
    }

    @org.eclipse.microprofile.graphql.Description("A household visit (入户走访) to record")
    @Input("VisitInput")
    public static class VisitData {
        @Id
        @NonNull
        public String householdId;
        @Id
        @Description("The member visited, if the visit was for one person")
        public String personId;
        @Description("When the visit happened, if it is recorded later (offline); defaults to now. At most the offline window "
                + "(7 days unless configured) ago, never in the future")
        public OffsetDateTime occurredAt;
        public String notes;
        public String findings;
    }
}
