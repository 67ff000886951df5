package org.spawnpoint.bosswave;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.wire.FrameLimits;

/**
 * bosswave-client's shape (issue 13): no package cycle, the API above its implementation and free of frames, nothing
 * of the router, the tools or Spawnpoint. Checked on this module's compiled main classes (bosswave-wire's
 * WireArchitectureTest shows that these rules fail on classes that break them).
 */
class ClientArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void importedThisModule() {
        assertTrue(MAIN.contain(Bosswave.class) && MAIN.size() > 20, "target/classes imported: " + MAIN.size());
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.spawnpoint.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void nothingOfTheModulesAbove() {
        noClasses().should().dependOnClassesThat(resideInAnyPackage("org.spawnpoint.bosswave.router..",
                "org.spawnpoint.bosswave.tools..", "org.spawnpoint.spawn..", "org.spawnpoint.test.."))
                .check(MAIN);
    }

    /** Only this module's own internals; the wire module has none to use. */
    @Test
    void noOtherModulesInternals() {
        noClasses().should().dependOnClassesThat(resideInAPackage("..internal..")
                .and(not(resideInAPackage("org.spawnpoint.bosswave.internal..")))).check(MAIN);
    }

    /** The API speaks in messages and parameters; of the codec it shows only the frame limits a client may set. */
    @Test
    void theApiExposesNoFrames() {
        noClasses().that().resideInAPackage("org.spawnpoint.bosswave")
                .should().dependOnClassesThat(resideInAPackage("org.spawnpoint.bosswave.wire..")
                        .and(not(equivalentTo(FrameLimits.class))))
                .check(MAIN);
    }
}
