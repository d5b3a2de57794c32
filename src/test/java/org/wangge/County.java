package org.wangge;

import java.util.HashMap;
import java.util.Map;

/**
 * A small county of its own for one test class, made through the API with codes unique to the run,
 * so that tests depend neither on the demo seed nor on what other classes did. One per test class,
 * made before its first test runs:
 *
 * <pre>
 * County c;
 *
 * &#64;BeforeEach
 * void county() {
 *     c = County.of(getClass());
 * }
 * </pre>
 *
 * (not in {@code @BeforeAll}: the test's HTTP port is set only for each test). Tests that change
 * what the whole class relies on (a grid's chief, a retired grid) make their own grids under it.
 *
 * <pre>
 * county              COUNTY        ("南召县")
 * ├── township        TOWNSHIP      ("城关镇")  commander (GRID_COMMANDER), police (COMMUNITY_POLICE)
 * │   ├── village     VILLAGE       ("东关村")  chief (GRID_CHIEF)
 * │   │   ├── group1  MICRO_GRID                worker (GRID_WORKER), reporter (INFORMATION_REPORTER);
 * │   │   │                                     household, with resident linked to their login
 * │   │   ├── group2  MICRO_GRID                worker
 * │   │   └── group3  MICRO_GRID
 * │   └── community   COMMUNITY     ("西关社区")
 * │       └── communityGroup GROUP
 * └── otherTownship   TOWNSHIP      ("云阳镇")
 *     └── otherVillage VILLAGE      ("云阳村")  otherChief (GRID_CHIEF)
 *         ├── otherGroup1 MICRO_GRID            otherWorker (GRID_WORKER)
 *         └── otherGroup2 MICRO_GRID
 * department (POLICE), with departmentStaff; reportedCase: the resident's report in group1, REPORTED
 * </pre>
 *
 * Codes are hierarchical ({@code T…-county-7}, {@code T…-county-7.001}, {@code T…-county-7.001.002}, …), so
 * {@code codePrefix} filters and prefix checks work as on a real county; {@link #code(Grid)} gives
 * codes for new grids under a given one.
 */
public final class County {

    static final Doc CREATE_HOUSEHOLD = Doc.of("people/CreateHousehold");
    static final Doc CREATE_DEPARTMENT = Doc.of("cases/CreateDepartment");
    static final Doc REPORT_CASE = Doc.of("cases/ReportCase");
    private static final Map<String, County> BY_CLASS = new HashMap<>();

    /** A grid of the county: its id, code and name. */
    public record Grid(String id, String code, String name) {
    }

    public final Grid county;
    public final Grid township;
    public final Grid village;
    public final Grid group1;
    public final Grid group2;
    public final Grid group3;
    public final Grid community;
    public final Grid communityGroup;
    public final Grid otherTownship;
    public final Grid otherVillage;
    public final Grid otherGroup1;
    public final Grid otherGroup2;

    public final Gql commander;
    public final Gql police;
    public final Gql chief;
    public final Gql worker;
    public final Gql reporter;
    public final Gql otherChief;
    public final Gql otherWorker;

    /** A household in group1. */
    public final String household;
    /** A resident of {@link #household}, whose record is linked to their login. */
    public final Gql resident;
    /** The resident's record. */
    public final String residentPerson;

    /** A partner department (POLICE) and one of its staff. */
    public final String department;
    public final String departmentCode;
    public final Gql departmentStaff;

    /** The resident's report in group1, left REPORTED. */
    public final String reportedCase;

    private int children;

    private County() {
        county = grid(null, Fixtures.code("county"), "南召县", "COUNTY");
        township = grid(county, "城关镇", "TOWNSHIP");
        village = grid(township, "东关村", "VILLAGE");
        group1 = grid(village, "东关村一组微网格", "MICRO_GRID");
        group2 = grid(village, "东关村二组微网格", "MICRO_GRID");
        group3 = grid(village, "东关村三组微网格", "MICRO_GRID");
        community = grid(township, "西关社区", "COMMUNITY");
        communityGroup = grid(community, "西关社区第一居民小组", "GROUP");
        otherTownship = grid(county, "云阳镇", "TOWNSHIP");
        otherVillage = grid(otherTownship, "云阳村", "VILLAGE");
        otherGroup1 = grid(otherVillage, "云阳村一组微网格", "MICRO_GRID");
        otherGroup2 = grid(otherVillage, "云阳村二组微网格", "MICRO_GRID");

        commander = As.commander(township.id());
        police = As.communityPolice(township.id());
        chief = As.gridChief(village.id());
        worker = As.gridWorker(group1.id(), group2.id());
        reporter = As.reporter(group1.id());
        otherChief = As.gridChief(otherVillage.id());
        otherWorker = As.gridWorker(otherGroup1.id());

        household = household(group1, "东关村一组 1 号");
        resident = As.resident(household);
        residentPerson = resident.ok(Doc.of("people/MyPerson")).getString("myPerson.id");

        departmentCode = county.code() + "-police";
        department = Gql.admin().field(CREATE_DEPARTMENT, "code", departmentCode, "name", "城关派出所", "kind", "POLICE").getString("id");
        departmentStaff = As.department(department);

        reportedCase = resident.field(REPORT_CASE, "input", Map.of("kind", "LIVELIHOOD", "title", "路灯不亮", "gridId", group1.id()))
                .getString("id");
    }

    /** The county of a test class, made the first time the class asks. */
    public static County of(Class<?> testClass) {
        synchronized (BY_CLASS) {
            return BY_CLASS.computeIfAbsent(testClass.getName(), k -> new County());
        }
    }

    /** A county of its own, made now. */
    public static County build() {
        return new County();
    }

    /** A code for a new grid under {@code parent}, unique to the run. */
    public synchronized String code(Grid parent) {
        // one width for all: no sibling's code is a prefix of another's
        return String.format("%s.%03d", parent.code(), ++children);
    }

    /** A new household at an address in a leaf grid, made by the admin. */
    public String household(Grid leaf, String address) {
        return Gql.admin().field(CREATE_HOUSEHOLD, "input", Map.of("gridId", leaf.id(), "address", address)).getString("id");
    }

    /** A new grid under {@code parent}, made by the admin. */
    public Grid grid(Grid parent, String name, String kind) {
        return grid(parent, code(parent), name, kind);
    }

    private static Grid grid(Grid parent, String code, String name, String kind) {
        return new Grid(Fixtures.grid(parent == null ? null : parent.id(), code, name, kind), code, name);
    }
}
