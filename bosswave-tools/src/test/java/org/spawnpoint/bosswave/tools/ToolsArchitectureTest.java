package org.spawnpoint.bosswave.tools;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * bosswave-tools sits above the router and the client and uses only their public APIs: no internal package of
 * either, nothing of Spawnpoint, no package cycle (bosswave-wire's WireArchitectureTest shows that these rules fail
 * on classes that break them).
 */
class ToolsArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void importedThisModule() {
        assertTrue(MAIN.contain(Bw2.class), "target/classes imported: " + MAIN.size());
    }

    @Test
    void onlyPublicApis() {
        noClasses().should().dependOnClassesThat(resideInAPackage("..internal..")).check(MAIN);
    }

    @Test
    void importsNothingOfSpawnpoint() {
        noClasses().should().dependOnClassesThat(resideInAPackage("org.spawnpoint.spawn..")).check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.spawnpoint.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
