package org.spawnpoint.spawnd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step (exec at {@code prepare-package}): bash completion ({@code target/completion/spawnd}, {@code .../bw2})
 * and man pages in AsciiDoc, picocli's man-page source ({@code target/man/*.adoc}), for spawnd and for bw2 (the
 * router, which spawnd embeds), from the command models the programs parse with.
 */
public final class CliDocs {
    private CliDocs() {
    }

    /** {@code args[0]}: the module's build directory. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        write(target, "spawnd", SpawndMain.newCommandLine());
        write(target, "bw2", org.spawnpoint.bosswave.router.RouterMain.commandLineForDocs());
    }

    private static void write(Path target, String name, CommandLine cl) throws IOException {
        Path completion = Files.createDirectories(target.resolve("completion")).resolve(name);
        Files.writeString(completion, AutoComplete.bash(name, cl));
        ManPageGenerator.generateManPage(Files.createDirectories(target.resolve("man")).toFile(), null,
                new boolean[0], true, cl.getCommandSpec());
    }
}
