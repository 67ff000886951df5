package org.spawnpoint.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.spawnpoint.benchmarks.internal.Suites;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench}: every figure of the benchmark issue in one run, ours next to the peers, printed as one table and
 * written as Markdown, CSV and PNG charts. The suites: {@code router} (vs Mosquitto and nats-server), {@code startup}
 * (spawnctl cold), {@code deploy} (spawnctl deploy vs docker run -d, spawnd's RSS with 0/10/50 services),
 * {@code drills} (router kill -9 after acknowledged persists; 50 clients × 1,000 persists with 3 subscribers);
 * {@code cluster}, only when named (routers over a NATS cluster next to one router; a link cut between network
 * namespaces).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks and fault drills, side by side with the peers; results under --out.")
public final class Bench implements Callable<Integer> {
    /** Exit code when a suite failed (the others still ran and their rows are written). */
    static final int SUITE_FAILED = 1;
    /** Exit code for a bad command line (an unknown suite, no repository found). */
    static final int USAGE = 2;

    @Option(names = "--quick", description = "smaller runs, under 3 minutes in all")
    boolean quick;
    @Option(names = "--only", split = ",", paramLabel = "SUITE",
            description = "only these suites: router, startup, deploy, drills, cluster (default: all but cluster)")
    List<String> only = new ArrayList<>();
    @Option(names = "--root", description = "the repository (bin/ launchers, built modules); default: found above "
            + "the working directory")
    Path root;
    @Option(names = "--out", description = "where the table and charts go (default: <root>/benchmarks/target/bench)")
    Path out;

    /** Runs bin/bench's command line; exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path repo;
        Set<String> suites;
        try {
            repo = root != null ? root.toAbsolutePath() : Suites.findRoot(Path.of("").toAbsolutePath());
            suites = Suites.select(only);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            return USAGE;
        }
        Path dir = out != null ? out : repo.resolve("benchmarks/target/bench");
        Files.createDirectories(dir);
        Instant start = Instant.now();
        Suites.Outcome o = Suites.run(repo, dir, suites, quick);
        System.out.println(o.markdown());
        System.out.printf("(%s run, %d s; written to %s: results.md, results.csv, *.png)%n", quick ? "quick" : "full",
                Duration.between(start, Instant.now()).toSeconds(), dir);
        if (!o.failures().isEmpty()) {
            System.err.println("bench: these suites failed: " + String.join("; ", o.failures()));
            return SUITE_FAILED;
        }
        return 0;
    }
}
