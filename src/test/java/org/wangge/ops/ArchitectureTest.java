package org.wangge.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Layering rules, checked on the compiled classes (DEVELOPERS.md, Layout and Writes). */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.wangge");

    @Test
    void apiClassesHoldNoSql() {
        noClasses().that().haveSimpleNameEndingWith("Api")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.wangge.common.Sql")
                .orShould().dependOnClassesThat().resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..", "org.hibernate..")
                .because("an *Api parses, authorizes and delegates: reads are a *Reader's, writes a *Service's")
                .check(CLASSES);
    }

    @Test
    void readersDoNotWrite() {
        noClasses().that().haveSimpleNameEndingWith("Reader")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.wangge.common.Tx")
                .orShould().dependOnClassesThat().resideInAnyPackage("io.quarkus.hibernate.reactive..", "org.hibernate..")
                .because("readers read through Sql, never in a write transaction or a Hibernate session")
                .check(CLASSES);
    }

    // ---- writes (DEVELOPERS.md, Writes): only through Tx.run, one style per aggregate ----

    static final String TX = "org.wangge.common.Tx";
    static final String SQL = "org.wangge.common.Sql";

    @Test
    void onlyTxOpensTransactionsAndSessions() {
        noClasses().that().doNotHaveFullyQualifiedName(TX)
                .should().dependOnClassesThat().belongToAnyOf(Panache.class)
                // Hibernate Reactive's sessions and transactions, and Panache's @WithTransaction/@WithSession
                .orShould().dependOnClassesThat().resideInAnyPackage("org.hibernate.reactive..", "io.quarkus.hibernate.reactive.panache.common..")
                .because("a write transaction (and the Hibernate session it runs in) is opened by Tx.run alone")
                .check(CLASSES);
    }

    @Test
    void entitiesAreLoadedAndSavedOnlyThroughTheTxHandle() {
        noClasses().that().doNotHaveFullyQualifiedName(TX)
                .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("a Panache entity operation (findById, persist, count, …)") {
                    @Override
                    public boolean test(JavaMethodCall call) {
                        return call.getTargetOwner().isAssignableTo(PanacheEntityBase.class);
                    }
                })
                .because("entities are found, persisted and flushed through the Tx that Tx.run hands out, never on an ambient session")
                .check(CLASSES);
    }

    @Test
    void onlySqlTouchesTheReactivePool() {
        // (platform.PostgresPool builds the primary's pool for Quarkus and keeps nothing of it)
        noClasses().that().doNotHaveFullyQualifiedName(SQL).and().doNotHaveFullyQualifiedName(SQL + "$Snapshot")
                .and().doNotHaveFullyQualifiedName(SQL + "$Leader").and().doNotHaveFullyQualifiedName("org.wangge.platform.PostgresPool")
                .should().dependOnClassesThat().belongToAnyOf(io.vertx.mutiny.sqlclient.Pool.class, io.vertx.mutiny.sqlclient.SqlClient.class,
                        io.vertx.mutiny.sqlclient.SqlConnection.class, io.vertx.mutiny.sqlclient.PreparedQuery.class,
                        io.vertx.mutiny.sqlclient.Query.class, io.vertx.mutiny.sqlclient.Transaction.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..")
                .because("reads go through Sql, writes through Tx.run: nothing else holds a connection or a pool transaction")
                .check(CLASSES);
    }

    /** Classes on the write side: they use Tx (Sql's use of it is the error mapping). */
    static final DescribedPredicate<JavaClass> WRITERS = new DescribedPredicate<>("write through Tx") {
        @Override
        public boolean test(JavaClass c) {
            return !c.getName().equals(SQL) && !c.getName().equals(TX)
                    && c.getDirectDependenciesFromSelf().stream().anyMatch(d -> d.getTargetClass().getName().equals(TX));
        }
    };

    @Test
    void writersDoNotWriteThroughTheReadPath() {
        noClasses().that(WRITERS).or().haveSimpleNameEndingWith("Service")
                .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("Sql, except in CaseService.report") {
                    @Override
                    public boolean test(JavaMethodCall call) {
                        if (!call.getTargetOwner().getName().equals(SQL)) {
                            return false;
                        }
                        // the named exception: a report is one statement in PostgreSQL's own transaction (ArchUnit
                        // counts a lambda's calls as its enclosing method's)
                        return !(call.getOriginOwner().getName().equals("org.wangge.cases.CaseService") && call.getOrigin().getName().equals("report"));
                    }
                })
                .because("a class that writes does so in Tx.run; Sql is the read path (the case report alone writes through it)")
                .check(CLASSES);
    }

    @Test
    void onlyTheCaseReportWritesThroughSql() {
        noClasses().should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("Sql.write, except in CaseService.report") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTargetOwner().getName().equals(SQL) && call.getName().equals("write")
                        && !(call.getOriginOwner().getName().equals("org.wangge.cases.CaseService") && call.getOrigin().getName().equals("report"));
            }
        })
                .because("Sql.write is the report's single statement on the primary; every other write is a Tx.run")
                .check(CLASSES);
    }

    /** The aggregates written with plain statements (DEVELOPERS.md, Writes, the table). */
    static final Set<String> SQL_AGGREGATES = Set.of("org.wangge.cases.CaseService", "org.wangge.cases.DepartmentService",
            "org.wangge.cases.attachments.AttachmentService", "org.wangge.points.PointsService", "org.wangge.points.Ledger",
            "org.wangge.points.PointsExpiry", "org.wangge.people.VisitService", "org.wangge.people.PeopleHistory",
            "org.wangge.people.PersonalDataAudit", "org.wangge.grid.Accounts", "org.wangge.grid.AccountService",
            "org.wangge.stats.DailyFold", "org.wangge.cases.webhooks.WebhookService", "org.wangge.calendar.WorkCalendarService",
            "org.wangge.cases.catalogue.CatalogueService", "org.wangge.open311.Open311KeyService",
            "org.wangge.addresses.AddressService", "org.wangge.houses.HouseService", "org.wangge.units.UnitService",
            "org.wangge.units.InspectionService", "org.wangge.ledgers.LedgerService");

    @Test
    void aggregatesWrittenWithStatementsHaveNoEntities() {
        noClasses().that(new DescribedPredicate<JavaClass>("write an aggregate with statements") {
            @Override
            public boolean test(JavaClass c) {
                return SQL_AGGREGATES.contains(c.getName().replaceFirst("\\$.*", ""));
            }
        })
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .because("an aggregate is written one way: these with statements through Tx (versions checked in the UPDATE), "
                        + "the others with entities")
                .check(CLASSES);
    }

    // ---- the platform seam and settings ----

    /** Packages and classes beyond the frameworks' application API: their use is the platform seam's alone. */
    static final String[] FRAMEWORK_INTERNALS = {"io.quarkus.smallrye.graphql.runtime..", "io.quarkus.vertx.http.runtime..",
        "io.smallrye.graphql.execution..", "io.smallrye.graphql.schema..", "io.smallrye.graphql.spi..",
        "io.smallrye.graphql.websocket..", "io.smallrye.graphql.bootstrap..", "io.smallrye.graphql.cdi..", "io.vertx.core.impl.."};

    @Test
    void onlyThePlatformSeamReachesIntoFrameworkInternals() {
        noClasses().that().resideOutsideOfPackage("org.wangge.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK_INTERNALS)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.ext.web.Router")
                .because("what an upgrade of Quarkus, SmallRye or Vert.x can silently change lives in org.wangge.platform, "
                        + "behind a switch and PlatformSeamTest (DEVELOPERS.md, Upgrading); routes ahead of SmallRye's are ordered there")
                .check(CLASSES);
    }

    @Test
    void wanggeSettingsAreReadThroughTheirAreasInterface() throws IOException {
        List<String> loose = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(file).matches("(?s).*@ConfigProperty\\(name\\s*=\\s*\"wangge\\..*")) {
                    loose.add(file.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), loose,
                "a wangge.* setting belongs in its area's @ConfigMapping interface (DEVELOPERS.md, Settings)");
    }
}
