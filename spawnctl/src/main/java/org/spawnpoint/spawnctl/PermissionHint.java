package org.spawnpoint.spawnctl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * What to do about a refused permission ({@code [401] No primary access chain found}): the router says only that no
 * chain of grants was found. The user needs to know who they act as, on what, which permission, and the command that
 * grants it.
 */
final class PermissionHint {
    private PermissionHint() {
    }

    /**
     * The hint for {@code command} refused on {@code uri}, acting as {@code entityFile}; {@code namespaceKey} is the
     * local namespace owner's key file when there is one (else a placeholder is printed), {@code router} the router.
     */
    static String text(String command, String uri, Path entityFile, Path namespaceKey, String router) {
        boolean publishes = command.equals("deploy") || command.equals("deploy-last") || command.equals("restart")
                || command.equals("stop");
        String perms = publishes ? "PC*" : "C*";
        String grantUri = uri + "/*";
        String vk = vk(entityFile);
        return ". You act as " + entityFile + (vk == null ? "" : " (VK " + vk + ")") + ", which holds no grant of "
                + perms + " on " + grantUri + " (" + (publishes ? "publish the request and consume the log"
                : "consume the heartbeats and logs") + "). The namespace's owner can grant it: bin/bw2 mkdot --agent "
                + router + " -f " + (namespaceKey != null ? namespaceKey.toString() : "<namespace owner's key file>")
                + " -t " + entityFile + " -u '" + grantUri + "' -x '" + perms + "'";
    }

    /** The VK (URL-safe base64, as bw2 prints it) of a key file: {@code 0x32} ‖ SK(32) ‖ entity, which begins with it. */
    static String vk(Path keyFile) {
        try {
            byte[] b = Files.readAllBytes(keyFile);
            return b.length >= 65 ? Base64.getUrlEncoder().encodeToString(Arrays.copyOfRange(b, 33, 65)) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
