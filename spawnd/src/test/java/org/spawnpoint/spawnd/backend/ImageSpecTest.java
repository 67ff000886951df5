package org.spawnpoint.spawnd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSpecTest {

    @Test
    void fullDockerfileInSpawnpointOrderWithoutEntity() {
        ImageSpec spec = new ImageSpec("spawnpoint/base:latest", List.of("libssl-dev", "jq=1.6-2.1"),
                "git+https://example.org/demo.git", List.of("make", "echo done"),
                List.of(ContainerFile.of("params.yml", "a: 1".getBytes(StandardCharsets.UTF_8))), null);
        assertTrue(spec.needsBuild());
        assertEquals("""
                FROM spawnpoint/base:latest
                RUN ["git", "clone", "--", "https://example.org/demo.git", "/srv/spawnpoint"]
                WORKDIR /srv/spawnpoint
                RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y libssl-dev jq=1.6-2.1 \
                && rm -rf /var/lib/apt/lists/*
                COPY included/ ./
                RUN make
                RUN echo done
                """, spec.dockerfile());
        assertFalse(spec.dockerfile().contains("entity"));
    }

    @Test
    void minimalDockerfile() {
        ImageSpec spec = new ImageSpec(null, null, null, List.of("true"), null, null);
        assertEquals("FROM spawnpoint/base:latest\nWORKDIR /srv/spawnpoint\nRUN true\n", spec.dockerfile());
    }

    @Test
    void nothingToBuildWithoutPackagesSourceFilesOrSteps() {
        ImageSpec spec = ImageSpec.of("spawnpoint/base:latest");
        assertFalse(spec.needsBuild());
        assertEquals("spawnpoint/base:latest", spec.baseImage());
        assertFalse(new ImageSpec(null, List.of(), "  ", List.of(), List.of(), null).needsBuild());
    }

    @Test
    void sourceAcceptsHttpsWithOrWithoutGitPrefix() {
        assertEquals("https://github.com/a/b", new ImageSpec(null, null, "https://github.com/a/b", null, null, null).source());
        assertEquals("https://github.com/a/b", new ImageSpec(null, null, "git+https://github.com/a/b", null, null, null).source());
        assertEquals("http://172.17.0.1:8000/r.git", new ImageSpec(null, null, "git+http://172.17.0.1:8000/r.git", null, null, null).source());
        assertNull(new ImageSpec(null, null, null, null, null, null).source());
    }

    @Test
    void sourceRefusesOtherSchemes() {
        for (String bad : List.of("git@github.com:a/b.git", "ssh://github.com/a/b", "file:///etc", "github.com/a/b",
                "git+", "ftp://x/y")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ImageSpec(null, null, bad, null, null, null), bad);
            assertTrue(e.getMessage().startsWith("source '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void sourceUrlCannotBreakOutOfTheCloneCommand() {
        String url = "https://example.org/a\"b";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSpec(null, null, url, null, null, null));
        assertTrue(e.getMessage().contains("not a URL"), e.getMessage());
    }

    @Test
    void aptRequiresAsStringOrList() {
        assertEquals(List.of("a", "b-c", "lib+x"), ImageSpec.splitAptRequires("  a b-c\tlib+x "));
        assertEquals(List.of(), ImageSpec.splitAptRequires(""));
        assertEquals(List.of(), ImageSpec.splitAptRequires(null));
    }

    @Test
    void aptRequiresRefusesWhatIsNotAPackageName() {
        for (String bad : List.of("a;rm -rf /", "$(id)", "Upper", "-y", "a b", "x&&y")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ImageSpec(null, List.of("ok", bad), null, null, null, null), bad);
            assertTrue(e.getMessage().startsWith("aptRequires[1] '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void buildStepsMustBeSingleLines() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ImageSpec(null, null, null, List.of("ok", "echo a\nCOPY / /x"), null, null))
                .getMessage().startsWith("build[1] spans several lines"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ImageSpec(null, null, null, List.of("echo a \\"), null, null))
                .getMessage().startsWith("build[0] spans several lines"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ImageSpec(null, null, null, List.of(" "), null, null))
                .getMessage().startsWith("build[0] is empty"));
    }

    @Test
    void includedFilesMustBeRelativeAndInside() {
        assertThrows(IllegalArgumentException.class,
                () -> new ImageSpec(null, null, null, null, List.of(ContainerFile.of("/etc/passwd", new byte[0])), null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContainerFile.of("conf/../../x", new byte[0]));
        assertTrue(e.getMessage().contains("'..'"), e.getMessage());
    }

    @Test
    void baseImageMustBeAReference() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageSpec.of("bad image"))
                .getMessage().startsWith("image 'bad image'"));
    }
}
