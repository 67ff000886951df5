package org.spawnpoint.spawnctl;

import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClient;
import picocli.CommandLine.Command;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart a service, then follow its log until Ctrl-C.")
final class RestartCommand extends ServiceCommand {
    @Override
    String verb() {
        return "restart";
    }

    @Override
    LogTail run(SpawnClient client, String spUri, String service) {
        return client.restart(spUri, service, LogFollow.printer(root));
    }
}
