package org.spawnpoint.spawnctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step (exec at {@code prepare-package}): writes spawnctl's bash completion ({@code target/completion/spawnctl})
 * and its man pages in AsciiDoc, picocli's man-page source ({@code target/man/spawnctl*.adoc}), from the same command
 * model the program parses with, so they cannot drift from it.
 */
public final class CliDocs {
    private CliDocs() {
    }

    /** {@code args[0]}: the module's build directory. */
    public static void main(String[] args) throws IOException {
        CommandLine cl = SpawnCtl.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        write(Path.of(args[0]), "spawnctl", cl);
    }

    /** Writes completion and man pages of {@code cl}, called {@code name}, under {@code target}. */
    static void write(Path target, String name, CommandLine cl) throws IOException {
        Path completion = Files.createDirectories(target.resolve("completion")).resolve(name);
        Files.writeString(completion, AutoComplete.bash(name, cl));
        Path man = Files.createDirectories(target.resolve("man"));
        ManPageGenerator.generateManPage(man.toFile(), null, new boolean[0], true, cl.getCommandSpec());
    }
}
