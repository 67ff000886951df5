package org.spawnpoint.bosswave;

/** An error reply from the agent; the message reads {@code [code] reason} as bw2bind renders it. */
public class RouterErrorException extends BosswaveException {
    private final int code;
    private final String reason;

    /** The agent's error reply: bw2's numeric code and its reason. */
    public RouterErrorException(int code, String reason) {
        super("[" + code + "] " + reason);
        this.code = code;
        this.reason = reason;
    }

    /** bw2's error code (e.g. 401 no permission, 404 not found). */
    public int code() {
        return code;
    }

    /** The agent's reason, as it wrote it. */
    public String reason() {
        return reason;
    }
}
