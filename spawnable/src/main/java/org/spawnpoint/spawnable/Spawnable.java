package org.spawnpoint.spawnable;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.Service;
import org.spawnpoint.bosswave.ServiceInterface;

/**
 * Entry point for code running in a Spawnpoint container (Go package {@code spawnable}): parameter files, the
 * BOSSWAVE connection spawnd prepares ({@code $BW2_AGENT}, {@code $BW2_DEFAULT_ENTITY}), service registration and
 * metadata.
 *
 * <pre>{@code
 * Params params = Spawnable.paramsOrExit();                  // ./params.yml
 * try (BosswaveClient bw = Spawnable.connect()) {
 *     Service svc = Spawnable.registerService(bw, params, "s.hello");   // under svc_base_uri
 *     ServiceInterface iface = Spawnable.registerInterface(svc, "greeter", "i.hello");
 *     iface.publishSignal("greeting", PayloadObject.ofString(params.requireString("greeting")));
 * }
 * }</pre>
 */
public final class Spawnable {
    /** The parameter file read by {@link #params()}. */
    public static final String DEFAULT_PARAMS_FILE = "params.yml";
    /** The variable naming the BOSSWAVE agent to connect to ({@code host:port}); spawnd sets it. */
    public static final String ENV_AGENT = "BW2_AGENT";
    /** The variable naming the entity file to act as; spawnd sets it to the service's entity. */
    public static final String ENV_ENTITY = "BW2_DEFAULT_ENTITY";

    private Spawnable() {
    }

    /** Reads {@code params.yml} in the working directory. */
    public static Params params() {
        return params(DEFAULT_PARAMS_FILE);
    }

    /** Reads a parameter file: YAML, {@code /* *&#47;} comments allowed. */
    public static Params params(String fileName) {
        return ParamsLoader.load(Path.of(fileName));
    }

    /** Reads a parameter file: YAML, {@code /* *&#47;} comments allowed. */
    public static Params params(Path file) {
        return ParamsLoader.load(file);
    }

    /** Parses parameters from text; {@code sourceName} names them in error messages. */
    public static Params parseParams(String yaml, String sourceName) {
        return ParamsLoader.parse(sourceName, yaml);
    }

    /** {@link #params()}, or prints {@code Could not read params.yml: <why>} to stderr and exits 1. */
    public static Params paramsOrExit() {
        return paramsOrExit(DEFAULT_PARAMS_FILE);
    }

    /** {@link #params(String)}, or prints {@code Could not read <file>: <why>} to stderr and exits 1. */
    public static Params paramsOrExit(String fileName) {
        return orExit(() -> params(fileName), fileName, System.err, System::exit);
    }

    static Params orExit(Supplier<Params> read, String fileName, PrintStream err, IntConsumer exit) {
        try {
            return read.get();
        } catch (ParamsException e) {
            String why = e.getMessage();
            if (why.startsWith(fileName + ": ")) {
                why = why.substring(fileName.length() + 2);
            }
            err.println("Could not read " + fileName + ": " + why);
            exit.accept(1);
            throw e;
        }
    }

    /**
     * Connects to the agent at {@code $BW2_AGENT} (else {@code 127.0.0.1:28589}) with automatic reconnection, and
     * sets the entity from the file {@code $BW2_DEFAULT_ENTITY} names (spawnd sets both in a service container).
     *
     * @throws AgentUnreachableException when the agent does not answer (worth retrying)
     * @throws SpawnableException saying which variable or step failed otherwise
     */
    public static BosswaveClient connect() {
        return connect(System.getenv(), Bosswave::connect);
    }

    static BosswaveClient connect(Map<String, String> env, Function<ClientOptions, BosswaveClient> connector) {
        String entity = env.get(ENV_ENTITY);
        if (entity == null || entity.isBlank()) {
            throw new SpawnableException("$" + ENV_ENTITY + " is not set: it must name this service's entity file"
                    + " (spawnd sets it to /srv/spawnpoint/entity.key)");
        }
        Path entityFile = Path.of(entity.strip());
        if (!Files.isRegularFile(entityFile) || !Files.isReadable(entityFile)) {
            throw new SpawnableException("$" + ENV_ENTITY + " names " + entityFile + ", which is not a readable file");
        }
        String agent = env.get(ENV_AGENT);
        boolean agentSet = agent != null && !agent.isBlank();
        ClientOptions options = ClientOptions.builder()
                .address(agentSet ? agent.strip() : null)
                .autoReconnect(true)
                .build();
        String where = options.resolvedAddress() + (agentSet ? " ($" + ENV_AGENT + ")"
                : " (the default: $" + ENV_AGENT + " is not set)");
        BosswaveClient client;
        try {
            client = connector.apply(options);
        } catch (BosswaveException e) {
            throw new AgentUnreachableException("Could not connect to the BOSSWAVE agent at " + where + ": "
                    + e.getMessage(), e);
        }
        try {
            client.setEntityFile(entityFile);
        } catch (RuntimeException e) {
            client.close();
            throw new SpawnableException("The BOSSWAVE agent at " + where + " did not accept the entity in "
                    + entityFile + " ($" + ENV_ENTITY + "): " + e.getMessage(), e);
        }
        return client;
    }

    /** Registers {@code <svc_base_uri>/<serviceName>} with its periodic {@code lastalive} metadata. */
    public static Service registerService(BosswaveClient client, Params params, String serviceName) {
        return registerService(client, baseUri(params), serviceName);
    }

    /** Registers {@code <baseUri>/<serviceName>} (bw2bind {@code RegisterService}). */
    public static Service registerService(BosswaveClient client, String baseUri, String serviceName) {
        Objects.requireNonNull(client, "client");
        String base = checkUri("service base URI", baseUri);
        checkElement("service name", serviceName);
        try {
            return client.registerService(base, serviceName);
        } catch (BosswaveException e) {
            throw new SpawnableException("Could not register service " + serviceName + " at " + base + ": "
                    + e.getMessage(), e);
        }
    }

    /** Registers the interface {@code <service>/<prefix>/<name>} (bw2bind {@code RegisterInterface}). */
    public static ServiceInterface registerInterface(Service service, String prefix, String name) {
        Objects.requireNonNull(service, "service");
        checkElement("interface prefix", prefix);
        checkElement("interface name", name);
        try {
            return service.registerInterface(prefix, name);
        } catch (BosswaveException e) {
            throw new SpawnableException("Could not register interface " + prefix + "/" + name + " of "
                    + service.uri() + ": " + e.getMessage(), e);
        }
    }

    /** Merges the {@code metadata} parameter onto the URIs below {@code svc_base_uri}, newer wins. */
    public static List<MetadataPublisher.Outcome> mergeMetadata(BosswaveClient client, Params params) {
        return new MetadataPublisher(client).merge(params);
    }

    /** {@code svc_base_uri} without trailing slashes, checked. */
    static String baseUri(Params params) {
        String raw = params.requireString(Params.SVC_BASE_URI);
        try {
            return checkUri(Params.SVC_BASE_URI, raw);
        } catch (IllegalArgumentException e) {
            throw params.wrongType(Params.SVC_BASE_URI, "a BOSSWAVE URI such as scratch.ns/services",
                    Params.describe(raw) + " (" + e.getMessage() + ")");
        }
    }

    private static String checkUri(String what, String uri) {
        if (uri == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String u = MetadataPublisher.trimTrailingSlashes(uri.strip());
        if (u.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (u.contains("*") || u.contains("+")) {
            throw new IllegalArgumentException(what + " '" + u + "' must not contain the wildcards * or +");
        }
        if (u.contains("//") || u.startsWith("/") || u.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " '" + u + "' must not have empty elements or blanks");
        }
        return u;
    }

    private static void checkElement(String what, String element) {
        if (element == null || element.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (element.contains("/") || element.contains("*") || element.contains("+")
                || element.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " '" + element + "' must be one URI element, without /, *, +"
                    + " or blanks");
        }
    }
}
