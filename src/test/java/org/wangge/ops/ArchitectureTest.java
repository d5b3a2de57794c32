package org.wangge.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Layering rules, checked on the compiled classes (DEVELOPERS.md, Layout). */
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
