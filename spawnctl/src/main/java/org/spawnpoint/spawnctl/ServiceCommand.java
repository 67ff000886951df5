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

    @Option(names = "--no-tail", description = "return once the request is sent instead of following the log")
    boolean noTail;

    abstract LogTail run(SpawnClient client, String spUri, String service);

    @Override
    public Integer call() {
        Path entity = root.entityFile();
        String spUri = root.uri(uri);
        ServiceNames.required(name);
        try (SpawnClient client = root.connect(entity)) {
            LogTail tail = run(client, spUri, name);
            if (noTail) {
                tail.close();
                return ExitCodes.OK;
            }
            LogFollow.announce(root, "Monitoring service log. Press Ctrl-C to quit.");
            return LogFollow.untilInterrupted(root, tail);
        }
    }
}
