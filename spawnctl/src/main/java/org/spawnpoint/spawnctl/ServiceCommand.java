package org.spawnpoint.spawnctl;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.model.ConfigException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** restart, stop and tail: a spawnpoint URI and a service name, then the service's log until Ctrl-C. */
abstract class ServiceCommand implements Callable<Integer> {
    @ParentCommand
    SpawnCtl root;

    @Option(names = {"-u", "--uri"}, paramLabel = "URI", description = "the spawnpoint's URI; default $SPAWNPOINT_DEFAULT_URI")
    String uri;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "the service")
    String name;

    @Option(names = "--no-tail", description = "wait for the outcome and exit by it instead of following the log")
    boolean noTail;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "2m",
            description = "with --no-tail: how long to wait for the outcome; default ${DEFAULT-VALUE}",
            converter = WaitConverter.class)
    WaitConverter.Wait wait;

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
