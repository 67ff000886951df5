package org.spawnpoint.spawnctl;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.model.ConfigException;
import picocli.CommandLine.Model.CommandSpec;

/** restart, stop and tail: a spawnpoint URI and a service name, then the service's log until Ctrl-C. */
abstract class ServiceCommand implements Callable<Integer> {
    final SpawnCtl root;
    String uri;
    String name;
    boolean noTail;
    WaitConverter.Wait wait;

    ServiceCommand(SpawnCtl root) {
        this.root = root;
    }

    /** The command's model with the options restart, stop and tail share ({@link Specs}). */
    CommandSpec spec(String command, String... description) {
        CommandSpec spec = Specs.command(this, command, description);
        spec.addOption(Specs.option(String.class, v -> uri = v, "-u", "--uri").paramLabel("URI")
                .description("the spawnpoint's URI; default $SPAWNPOINT_DEFAULT_URI").build());
        spec.addOption(Specs.option(String.class, v -> name = v, "-n", "--name").paramLabel("NAME")
                .description("the service").build());
        spec.addOption(Specs.flag(v -> noTail = v, "--no-tail")
                .description("wait for the outcome and exit by it instead of following the log").build());
        spec.addOption(Specs.option(WaitConverter.Wait.class, v -> wait = v, "--wait").paramLabel("DURATION")
                .defaultValue("2m").converters(new WaitConverter())
                .description("with --no-tail: how long to wait for the outcome; default ${DEFAULT-VALUE}").build());
        return spec;
    }

    /** picocli's model of this command. */
    abstract CommandSpec spec();

    abstract LogTail run(SpawnClient client, String spUri, String service);

    /** The request's name in messages ({@code restart}), or null for a plain tail, which has no outcome. */
    abstract String verb();

    /** Whether the command is done once the outcome is a success (stop), or goes on following the log (restart). */
    boolean endsWithOutcome() {
        return false;
    }

    @Override
    public Integer call() {
        Path entity = root.entityFile();
        String spUri = root.uri(uri);
        ServiceNames.required(name);
        try (SpawnClient client = root.connect(entity)) {
            LogTail tail = run(client, spUri, name);
            String verb = verb();
            if (verb == null) {
                if (noTail) {
                    tail.close();
                    return ExitCodes.OK;
                }
                LogFollow.announce(root, "Monitoring service log. Press Ctrl-C to quit.");
                return LogFollow.untilInterrupted(root, tail);
            }
            if (!noTail) {
                LogFollow.announce(root, "Monitoring service log. Press Ctrl-C to quit.");
            }
            LogFollow.awaitOutcome(root, tail, noTail ? wait.toDuration() : null, "Failed to " + verb + " service "
                    + name + ": ", verb);
            if (noTail || endsWithOutcome()) {
                tail.close();
                return ExitCodes.OK;
            }
            return LogFollow.untilInterrupted(root, tail);
        }
    }
}
