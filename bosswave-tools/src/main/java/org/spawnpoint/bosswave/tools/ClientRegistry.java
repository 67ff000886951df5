package org.spawnpoint.bosswave.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.CreateDotParams;
import org.spawnpoint.bosswave.CreateEntityParams;
import org.spawnpoint.bosswave.CreatedDot;
import org.spawnpoint.bosswave.CreatedEntity;
import org.spawnpoint.bosswave.router.RemoteRegistry;

/** The registry of a running router through the client: one connection per command, as the entity of the key file. */
final class ClientRegistry implements RemoteRegistry {

    @Override
    public Created createEntity(String agent, Path keyFile, Duration expiry, String contact, String comment) {
        try (BosswaveClient c = connect(agent, keyFile)) {
            CreatedEntity e = c.createEntity(new CreateEntityParams(null, expiry, contact, comment, List.of(), false));
            return new Created(e.vk(), e.keyFileBytes());
        }
    }

    @Override
    public Created createDot(String agent, Path keyFile, String toVkB64, int ttl, Duration expiry, String uri,
                             String permissions) {
        try (BosswaveClient c = connect(agent, keyFile)) {
            CreatedDot d = c.createDot(new CreateDotParams(toVkB64, ttl, null, expiry, null, null, List.of(), false, uri,
                    permissions));
            return new Created(d.hash(), d.dot());
        }
    }

    @Override
    public void createLongAlias(String agent, Path keyFile, String alias, String vkB64) {
        try (BosswaveClient c = connect(agent, keyFile)) {
            c.createLongAlias(alias, vkB64);
        }
    }

    @Override
    public String revoke(String agent, Path keyFile, boolean dot, String targetB64, String comment) {
        try (BosswaveClient c = connect(agent, keyFile)) {
            return dot ? c.revokeDot(targetB64, comment) : c.revokeEntity(targetB64, comment);
        }
    }

    private static BosswaveClient connect(String agent, Path keyFile) {
        BosswaveClient c = Bosswave.connect(agent);
        try {
            c.setEntityFile(keyFile);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
