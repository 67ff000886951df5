package org.spawnpoint.spawnctl;

import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClient;
import picocli.CommandLine.Command;

@Command(name = "tail", mixinStandardHelpOptions = true, description = "Follow a service's log until Ctrl-C.")
final class TailCommand extends ServiceCommand {
    @Override
    String verb() {
        return null;
    }

    @Override
    LogTail run(SpawnClient client, String spUri, String service) {
        return client.tail(spUri, service, LogFollow.printer(root));
    }
}
