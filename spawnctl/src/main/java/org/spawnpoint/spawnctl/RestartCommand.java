package org.spawnpoint.spawnctl;

import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClient;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spawnctl restart}. */
final class RestartCommand extends ServiceCommand {
    RestartCommand(SpawnCtl root) {
        super(root);
    }

    @Override
    CommandSpec spec() {
        return spec("restart", "Restart a service, then follow its log until Ctrl-C.");
    }

    @Override
    String verb() {
        return "restart";
    }

    @Override
    LogTail run(SpawnClient client, String spUri, String service) {
        return client.restart(spUri, service, LogFollow.printer(root));
    }
}
