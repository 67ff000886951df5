package org.spawnpoint.bosswave.wire;

/** The OOB command codes (bw2 {@code objects/frame.go}) that this project sends or serves. */
public final class Commands {
    public static final String HELLO = "helo";
    public static final String RESPONSE = "resp";
    public static final String RESULT = "rslt";
    public static final String SET_ENTITY = "sete";
    public static final String PUBLISH = "publ";
    public static final String PERSIST = "pers";
    public static final String SUBSCRIBE = "subs";
    public static final String UNSUBSCRIBE = "usub";
    public static final String QUERY = "quer";
    public static final String LIST = "list";
    public static final String MAKE_ENTITY = "make";
    public static final String MAKE_DOT = "makd";
    public static final String MAKE_CHAIN = "makc";
    public static final String BUILD_CHAIN = "bldc";
    public static final String PUT_DOT = "putd";
    public static final String PUT_ENTITY = "pute";
    public static final String PUT_CHAIN = "putc";
    public static final String PUT_REVOCATION = "prvk";
    public static final String MAKE_REVOCATION = "revk";
    public static final String RESOLVE_REGISTRY = "rsro";
    public static final String FIND_DOTS = "fdot";
    public static final String BC_PARAMS = "bcip";
    public static final String MAKE_SHORT_ALIAS = "mksa";
    public static final String MAKE_LONG_ALIAS = "mkla";
    public static final String RESOLVE_ALIAS = "resa";

    private Commands() {
    }
}
