package org.spawnpoint.bosswave.router;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A valid {@code bw2 router} command line, read without picocli. Building bw2's picocli command model loads about 390
 * classes (picocli's own and the reflection over the commands' annotations), kept for the life of the router: 4.7 MiB
 * of a 51 MiB idle router (started as bin/bw2 does, 1,938 against 1,549 classes; bosswave-router/README.md, Memory).
 * Only the plain forms are taken here: {@code --config}, {@code --listen}, {@code --data} once each and
 * {@code --also-listen}, {@code --cluster} (comma-separated, repeatable), as {@code --opt value} or {@code --opt=value}.
 * Anything else (help, version, a mistake, an {@code @file}, {@code --}) is left to picocli, so that its usage text and
 * messages stay what they were; {@code RouterArgsTest} checks that picocli reads the accepted lines the same way.
 */
final class RouterArgs {
    private RouterArgs() {
    }

    /**
     * The {@code router} command for {@code args} ({@code args[0]} is {@code "router"}), or null when picocli should
     * read them.
     */
    static RouterMain.Serve parse(String[] args) {
        if (args.length == 0 || !args[0].equals("router")) {
            return null;
        }
        RouterMain.Serve serve = new RouterMain.Serve();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@") || value.indexOf('"') >= 0
                    || value.indexOf('\'') >= 0 || value.indexOf('\0') >= 0) {
                return null;
            }
            switch (name) {
                case "--config":
                    if (serve.config != null) {
                        return null;
                    }
                    serve.config = Path.of(value);
                    break;
                case "--listen":
                    if (serve.listen != null) {
                        return null;
                    }
                    serve.listen = value;
                    break;
                case "--data":
                    if (serve.data != null) {
                        return null;
                    }
                    serve.data = Path.of(value);
                    break;
                case "--also-listen":
                    if (!plainList(value)) {
                        return null;
                    }
                    serve.alsoListen = append(serve.alsoListen, value);
                    break;
                case "--cluster":
                    if (!plainList(value)) {
                        return null;
                    }
                    serve.cluster = append(serve.cluster, value);
                    break;
                default:
                    return null;
            }
        }
        return serve;
    }

    /** A comma-separated list without empty items (what picocli makes of those is left to picocli). */
    private static boolean plainList(String value) {
        return !value.startsWith(",") && !value.endsWith(",") && !value.contains(",,");
    }

    private static List<String> append(List<String> list, String value) {
        List<String> out = list == null ? new ArrayList<>() : list;
        out.addAll(Arrays.asList(value.split(",")));
        return out;
    }
}
