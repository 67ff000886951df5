package org.spawnpoint.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deploy suite's docker-java baseline against the real engine (the image .ci/ensure-images makes): one
 * create+start has the same image, limits and label as the docker run -d it is compared with, and its instants are
 * in order. Removes its container by its own label.
 */
class DockerJavaIT {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void createStartRunsTheImageWithTheLimitsAndTimesItInOrder() throws Exception {
        String label = "bench-it-" + Long.toHexString(System.nanoTime() & 0xffffffffL) + "-docker-java";
        try (DockerJava docker = DockerJava.connect(label)) {
            Instant[] t = docker.createStart(Docker.IMAGE, List.of("sh", "-c", "echo first line; sleep 30"));
            List<String> ids = Docker.containers(Docker.INSTANCE_LABEL, label);
            assertEquals(1, ids.size(), "one container labelled " + label);
            String id = ids.get(0);
            assertEquals("67108864 256 true", Docker.docker("inspect", "-f",
                    "{{.HostConfig.Memory}} {{.HostConfig.CpuShares}} {{.State.Running}}", id));
            // engine timestamps against ours: same machine, same clock; 1 s of slack for the engine's rounding
            Duration slack = Duration.ofSeconds(1);
            assertTrue(!t[1].isBefore(t[0].minus(slack)) && !t[1].isAfter(t[3].plus(slack)),
                    "StartedAt " + t[1] + " between create " + t[0] + " and start returned " + t[3]);
            assertTrue(!t[2].isBefore(t[1].minus(slack)), "first log line " + t[2] + " not before StartedAt " + t[1]);
            assertTrue(t[3].isAfter(t[0]), "start returned after create began");
        } finally {
            assertTrue(Docker.removeAll(Docker.INSTANCE_LABEL, label) >= 0, "cleanup of " + label);
        }
    }
}
