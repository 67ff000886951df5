package org.spawnpoint.spawnctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spawnctl example}. */
final class ExampleCommand implements Callable<Integer> {
    /** The example's files, packed into spawnctl at build time from examples/hello-service. */
    static final String RESOURCES = "/org/spawnpoint/spawnctl/example/";
    static final List<String> SOURCES = List.of("Hello.java", "params.yml");

    final SpawnCtl root;
    String output;

    ExampleCommand(SpawnCtl root) {
        this.root = root;
    }

    CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "example", "Write an example service that runs on the base image: its "
                + "deploy configuration, Hello.java and the params.yml it reads (the repository's examples/hello-service)."
                + " Existing source and params files are kept.",
                "Deploy it from that directory: spawnctl deploy -u URI -c FILE -n NAME");
        spec.addOption(Specs.option(String.class, v -> output = v, "-o", "--output").paramLabel("FILE")
                .defaultValue("example.yml").description("where to write the deploy configuration (default "
                        + "${DEFAULT-VALUE}); the service's files go next to it").build());
        return spec;
    }

    @Override
    public Integer call() {
        Path config = root.resolvePath(output);
        Path dir = config.toAbsolutePath().getParent();
        List<Path> written = new ArrayList<>();
        write(config, read("deploy.yml"));
        written.add(config);
        for (String name : SOURCES) {
            Path p = dir.resolve(name);
            if (!Files.exists(p)) {
                write(p, read(name));
                written.add(p);
            }
        }
        root.ctx.out().println("Wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
        return ExitCodes.OK;
    }

    static byte[] read(String name) {
        try (InputStream in = ExampleCommand.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw CtlException.failure("This spawnctl was built without its example (" + name + " is missing)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw CtlException.failure("Could not read the example's " + name + ": " + e.getMessage());
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw CtlException.failure(file + " already exists; remove it or choose another file with -o");
        } catch (IOException e) {
            throw CtlException.failure("Could not write " + file + ": " + e.getMessage());
        }
    }
}
