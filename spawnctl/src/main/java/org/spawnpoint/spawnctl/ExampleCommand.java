package org.spawnpoint.spawnctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Write an example service configuration and the params.yml it includes (existing files are kept).")
final class ExampleCommand implements Callable<Integer> {
    static final String EXAMPLE = """
            entity: /path/to/entity.ent
            source: git+http://github.com/your/repo
            build: [go get -d, go build -o svcexe]
            run: [./svcexe, "your", "params"]
            memAlloc: 512M
            cpuShares: 1024
            includedFiles: [params.yml]
            """;
    static final String PARAMS = """
            key: value
            aparam: avalue
            """;

    @ParentCommand
    SpawnCtl root;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "example.yml",
            description = "where to write the example (default ${DEFAULT-VALUE}); params.yml goes next to it")
    String output;

    @Override
    public Integer call() {
        Path example = root.resolvePath(output);
        Path params = example.toAbsolutePath().getParent().resolve("params.yml");
        write(example, EXAMPLE);
        if (!Files.exists(params)) {
            write(params, PARAMS);
        }
        root.ctx.out().println("Wrote " + example + " and " + params);
        return ExitCodes.OK;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw CtlException.failure(file + " already exists; remove it or choose another file with -o");
        } catch (IOException e) {
            throw CtlException.failure("Could not write " + file + ": " + e.getMessage());
        }
    }
}
