package org.spawnpoint.bosswave.router;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The router is the bus (issue 13): it knows nothing of Spawnpoint, uses bosswave-wire and never the client, and has no
 * package cycle. Checked on this module's compiled main classes (bosswave-wire's WireArchitectureTest shows that these
 * rules fail on classes that break them).
 */
class RouterArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void importedThisModule() {
        assertTrue(MAIN.contain(Router.class) && MAIN.size() > 30, "target/classes imported: " + MAIN.size());
    }

    @Test
    void importsNothingOfSpawnpoint() {
        noClasses().should().dependOnClassesThat(resideInAPackage("org.spawnpoint.spawn..")).check(MAIN);
    }

    /** The client's API and implementation, and the tools built above the router. */
    @Test
    void usesTheCodecNotTheClient() {
        noClasses().should().dependOnClassesThat(resideInAnyPackage("org.spawnpoint.bosswave",
                "org.spawnpoint.bosswave.internal..", "org.spawnpoint.bosswave.tools..", "org.spawnpoint.test.."))
                .check(MAIN);
    }

    @Test
    void noOtherModulesInternals() {
        noClasses().should().dependOnClassesThat(resideInAPackage("..internal..")
                .and(DescribedPredicate.not(resideInAPackage("org.spawnpoint.bosswave.router.internal..")))).check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.spawnpoint.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
