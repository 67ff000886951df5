package org.spawnpoint.bosswave.router.internal;

/** A request failure with a bw2 status code (bosswave-oob.md §2.5) and reason text, sent back as an error {@code resp}. */
public final class BwException extends Exception {
    private final int code;

    public BwException(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }

    public static final int UNRESOLVABLE = 401;
    public static final int INVALID_SIG = 403;
    public static final int BAD_PERMISSIONS = 405;
    public static final int BAD_URI = 408;
    /** bw2's PeerError; here: the cluster of routers could not do its part (issue 15). */
    public static final int PEER_ERROR = 413;
    public static final int BAD_OPERATION = 409;
    public static final int INVALID_ENTITY = 419;
    public static final int INVALID_DOT = 402;
    public static final int NO_ENTITY = 423;
    public static final int INVALID_OOB_COMMAND = 424;
    public static final int MALFORMED_OOB_COMMAND = 425;
    public static final int CHAIN_BUILD_FAILED = 426;
    public static final int RESOLUTION_FAILED = 428;
    public static final int UNSUBSCRIBE_ERROR = 433;
    public static final int EXPIRED_MESSAGE = 434;
    public static final int INVALID_REVOCATION = 435;
    public static final int UNRESOLVED_ALIAS = 513;
    public static final int ALIAS_EXISTS = 514;
    public static final int ALIAS_ERROR = 515;
}
