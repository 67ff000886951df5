package org.spawnpoint.bosswave.wire;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * bosswave-wire is a pure codec (issue 13): no sockets, no threads, no YAML, nothing of the modules above it, no
 * package cycle, and payload below wire. Checked on this module's compiled main classes; the last test shows that the
 * rules do fail, on fixtures that break them.
 */
class WireArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    /** Sockets, channels, threads and executors, YAML. Atomic counters (java.util.concurrent.atomic) are allowed. */
    static final DescribedPredicate<JavaClass> IMPURE = resideInAnyPackage("java.net..", "javax.net..",
            "java.nio.channels..", "org.yaml..")
            .or(resideInAPackage("java.util.concurrent"))
            .or(assignableTo(Thread.class)).or(assignableTo(ThreadGroup.class))
            .as("sockets, threads, executors or YAML");

    static final ArchRule PURE = noClasses().should().dependOnClassesThat(IMPURE);

    static final ArchRule NO_CYCLES = slices().matching("org.spawnpoint.(**)").should().beFreeOfCycles();

    @Test
    void importedThisModule() {
        assertTrue(MAIN.contain(FrameCodec.class) && MAIN.size() > 10, "target/classes imported: " + MAIN.size());
    }

    @Test
    void pureCodec() {
        PURE.check(MAIN);
    }

    @Test
    void noPackageCycles() {
        NO_CYCLES.check(MAIN);
    }

    @Test
    void nothingOfTheModulesAbove() {
        noClasses().should().dependOnClassesThat(resideInAnyPackage("org.spawnpoint.bosswave",
                "org.spawnpoint.bosswave.internal..", "org.spawnpoint.bosswave.router..",
                "org.spawnpoint.bosswave.tools..", "org.spawnpoint.spawn..", "org.spawnpoint.test.."))
                .check(MAIN);
        noClasses().should().dependOnClassesThat(resideInAPackage("..internal..")).check(MAIN);
    }

    @Test
    void payloadIsBelowWire() {
        noClasses().that().resideInAPackage("org.spawnpoint.bosswave.payload..")
                .should().dependOnClassesThat(resideInAPackage("org.spawnpoint.bosswave.wire.."))
                .check(MAIN);
    }

    /** Each rule above fails on a class that breaks it: they are not vacuous. */
    @Test
    void theRulesFailOnViolations() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("org.spawnpoint.bosswave.wire.archfixture");
        assertTrue(fixtures.size() >= 2, "fixtures imported: " + fixtures.size());
        assertThrows(AssertionError.class, () -> PURE.check(fixtures), "a class opening a socket");
        assertThrows(AssertionError.class, () -> NO_CYCLES.check(fixtures), "two packages using each other");
        assertThrows(AssertionError.class, () -> noClasses().that(not(resideInAPackage("..b..")))
                .should().dependOnClassesThat(resideInAPackage("..archfixture.b..")).check(fixtures));
    }
}
