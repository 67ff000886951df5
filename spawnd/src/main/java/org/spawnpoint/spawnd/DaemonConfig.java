package org.spawnpoint.spawnd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spawnpoint.spawnclient.model.DeployLimits;
import org.spawnpoint.spawnclient.model.MemAlloc;
import org.spawnpoint.spawnd.backend.ContainerHardening;
import org.spawnpoint.spawnd.daemon.Deployment;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The daemon's config file (spawnpoint-0.2.md §1.2 with the decisions of the spec README): every key is checked
 * before anything starts, and every problem is reported, each naming its key and what was expected.
 *
 * @param entity           the daemon's entity file, {@code ~} expanded
 * @param alias            short name in heartbeats and logs
 * @param path             base URI {@code P}, without a trailing {@code /}
 * @param localRouter      the BOSSWAVE agent spawnd uses
 * @param containerRouter  {@code BW2_AGENT} inside service containers, or null to set none
 * @param memAllocMiB      memory pool in MiB
 * @param cpuShares        CPU-share pool (1024 per core)
 * @param allowHostNet     lets services use the host's network stack
 * @param allowDeviceMappings lets services map host devices
 * @param stateDir         where spawnd keeps its manifests
 * @param hardening        what every container gets: {@code noNewPrivileges}, {@code pidsLimit}, {@code logMaxSize},
 *                         {@code logMaxFiles}
 * @param limits           what one service may ask: {@code maxVolumes}, {@code maxIncludedFiles},
 *                         {@code maxIncludedSize}
 * @param embeddedRouter   the router to run inside spawnd ({@code embeddedRouter} section), or null to use a router
 *                         of its own at {@code localRouter}
 */
public record DaemonConfig(Path entity, String alias, String path, String localRouter, String containerRouter,
                           long memAllocMiB, long cpuShares, boolean allowHostNet, boolean allowDeviceMappings,
                           Path stateDir, ContainerHardening hardening, Deployment.Limits limits,
                           org.spawnpoint.bosswave.router.RouterConfig embeddedRouter) {

    /** Every key a daemon config may have; any other is an error naming the closest of these. */
    static final java.util.Set<String> KEYS = java.util.Set.of("entity", "alias", "path", "localRouter",
            "containerRouter", "memAlloc", "cpuShares", "allowHostNet", "allowDeviceMappings", "stateDir",
            "noNewPrivileges", "pidsLimit", "logMaxSize", "logMaxFiles", "maxVolumes", "maxIncludedFiles",
            "maxIncludedSize", "embeddedRouter");

    /** The router spawnd uses when {@code localRouter} is not given. */
    public static final String DEFAULT_LOCAL_ROUTER = "127.0.0.1:28589";
    /** Highest {@code pidsLimit}: the kernel's own maximum of process ids. */
    static final long MAX_PIDS_LIMIT = 4_194_304;
    /** Highest {@code logMaxFiles}. */
    static final long MAX_LOG_FILES = 100;

    /** A config file that cannot be used; the message lists every problem, one per line. */
    public static final class ConfigFileException extends Exception {
        private final List<String> problems;

        ConfigFileException(Path file, List<String> problems) {
            super("Config file error in " + file + ":\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        /** Every problem found, one per entry, each naming its key. */
        public List<String> problems() {
            return problems;
        }
    }

    /**
     * Reads and checks a daemon config file.
     *
     * @throws ConfigFileException listing every problem found, not just the first
     */
    public static DaemonConfig load(Path file) throws ConfigFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigFileException(file, List.of("cannot read the file: " + e));
        }
        return parse(file, text, System.getenv());
    }

    static DaemonConfig parse(Path file, String text, Map<String, String> env) throws ConfigFileException {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).load(text);
        } catch (YAMLException e) {
            throw new ConfigFileException(file, List.of("not valid YAML: " + e.getMessage().replace('\n', ' ')));
        }
        if (!(root instanceof Map<?, ?> rawMap)) {
            throw new ConfigFileException(file, List.of("expected a YAML mapping of keys (entity, alias, path, memAlloc, "
                    + "cpuShares, ...), got " + (root == null ? "an empty document" : "a " + kind(root))));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        rawMap.forEach((k, v) -> map.put(String.valueOf(k), v));
        List<String> problems = new ArrayList<>();
        Fields f = new Fields(map, problems);
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                String near = org.spawnpoint.spawnclient.model.KeySuggestions.closest(key, KEYS);
                problems.add("'" + key + "': unknown key" + (near == null ? "" : " (did you mean '" + near + "'?)")
                        + "; the keys are " + new java.util.TreeSet<>(KEYS));
            }
        }

        String entityText = f.requiredString("entity", "the path of the daemon's entity file");
        Path entity = entityText == null ? null : expandHome(entityText, env);
        if (entity != null && !Files.isReadable(entity)) {
            problems.add("'entity': cannot read the entity file " + entity);
        }
        String alias = f.requiredString("alias", "a short name for this spawnpoint, such as 'alpha'");
        if (alias != null && !alias.matches("[A-Za-z0-9_.,()$-]+")) {
            problems.add("'alias': expected letters, digits and -_.,()$ only (it is one URI element), got '" + alias + "'");
        }
        String path = f.requiredString("path", "the base URI, such as 'ns/spawnpoint/alpha'");
        if (path != null) {
            path = path.replaceAll("/+$", "");
            if (!path.contains("/") || path.contains("//") || path.contains("+") || path.contains("*")) {
                problems.add("'path': expected a URI 'namespace/suffix' without wildcards or empty elements, got '"
                        + path + "'");
            }
        }
        String localRouter = f.optionalString("localRouter", DEFAULT_LOCAL_ROUTER);
        String containerRouter = f.optionalString("containerRouter", null);
        long mem = 0;
        String memText = f.requiredString("memAlloc", "the memory pool such as '512M' or '4G'");
        if (memText != null) {
            try {
                mem = MemAlloc.parseMiB(memText);
                if (mem <= 0) {
                    problems.add("'memAlloc': expected a positive amount such as '512M' or '4G', got '" + memText + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add("'memAlloc': " + e.getMessage());
            }
        }
        long cpu = f.requiredPositiveLong("cpuShares", "the CPU-share pool, a whole number above 0 (1024 per core)");
        boolean allowHostNet = f.optionalBool("allowHostNet", false);
        boolean allowDevices = f.optionalBool("allowDeviceMappings", false);
        ContainerHardening hardening = hardening(f);
        Deployment.Limits limits = limits(f);
        String stateText = f.optionalString("stateDir", null);
        Path stateDir;
        if (stateText != null) {
            stateDir = expandHome(stateText, env);
        } else if (env.get("SPAWND_PERSIST_DIR") != null && !env.get("SPAWND_PERSIST_DIR").isBlank()) {
            stateDir = expandHome(env.get("SPAWND_PERSIST_DIR"), env);
        } else {
            stateDir = expandHome("~/.spawnd/" + (alias == null ? "default" : alias), env);
        }
        org.spawnpoint.bosswave.router.RouterConfig embedded = map.containsKey("embeddedRouter")
                ? EmbeddedRouterConfig.parse(map.get("embeddedRouter"), localRouter, p -> expandHome(p, env), problems)
                : null;
        if (!problems.isEmpty()) {
            throw new ConfigFileException(file, problems);
        }
        return new DaemonConfig(entity, alias, path, localRouter, containerRouter, mem, cpu, allowHostNet, allowDevices,
                stateDir, hardening, limits, embedded);
    }

    /** What the service manager allows and adds, from this config. */
    public Deployment.Policy deploymentPolicy() {
        return new Deployment.Policy(alias, containerRouter, allowHostNet, allowDeviceMappings, limits);
    }

    private static ContainerHardening hardening(Fields f) {
        ContainerHardening d = ContainerHardening.DEFAULTS;
        boolean noNewPrivileges = f.optionalBool("noNewPrivileges", d.noNewPrivileges());
        long pids = f.optionalLong("pidsLimit", d.pidsLimit(), 0, MAX_PIDS_LIMIT,
                "a whole number of processes from 0 (no limit) to " + MAX_PIDS_LIMIT + ", such as 1024");
        String size = f.optionalString("logMaxSize", d.logMaxSize()).toLowerCase(java.util.Locale.ROOT);
        if (!ContainerHardening.LOG_SIZE.matcher(size).matches()) {
            f.problems().add("'logMaxSize': expected a log size before rollover, a whole number above 0 with the unit "
                    + "k, m or g, such as '10m', got '" + size + "'");
            size = d.logMaxSize();
        }
        int files = (int) f.optionalLong("logMaxFiles", d.logMaxFiles(), 1, MAX_LOG_FILES,
                "the number of log files kept per container, from 1 to " + MAX_LOG_FILES + ", such as 3");
        return new ContainerHardening(noNewPrivileges, pids, size, files);
    }

    private static Deployment.Limits limits(Fields f) {
        int volumes = (int) f.optionalLong("maxVolumes", DeployLimits.DEFAULT_MAX_VOLUMES, 0, DeployLimits.MAX_VOLUMES,
                "the most volumes one service may have, from 0 to " + DeployLimits.MAX_VOLUMES + ", such as 16");
        int files = (int) f.optionalLong("maxIncludedFiles", DeployLimits.DEFAULT_MAX_INCLUDED_FILES, 0,
                DeployLimits.MAX_INCLUDED_FILES, "the most included files and directories per service, from 0 to "
                        + DeployLimits.MAX_INCLUDED_FILES + ", such as 1000");
        long bytes = DeployLimits.DEFAULT_MAX_INCLUDED_BYTES;
        String sizeText = f.optionalString("maxIncludedSize", null);
        if (sizeText != null) {
            long ceilingMiB = DeployLimits.MAX_INCLUDED_BYTES >> 20;
            String expected = "the largest include archive per service, from 1M to " + ceilingMiB + "M, such as '16M'";
            try {
                long mib = MemAlloc.parseMiB(sizeText);
                if (mib < 1 || mib > ceilingMiB) {
                    f.problems().add("'maxIncludedSize': expected " + expected + ", got '" + sizeText + "'");
                } else {
                    bytes = mib << 20;
                }
            } catch (IllegalArgumentException e) {
                f.problems().add("'maxIncludedSize': expected " + expected + ", got '" + sizeText + "'");
            }
        }
        return new Deployment.Limits(volumes, files, bytes);
    }

    static Path expandHome(String p, Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        if (p.equals("~")) {
            return Path.of(home);
        }
        if (p.startsWith("~/")) {
            return Path.of(home, p.substring(2));
        }
        return Path.of(p);
    }

    private static String kind(Object o) {
        return o instanceof List<?> ? "list" : o instanceof String ? "string" : o.getClass().getSimpleName();
    }

    /** Typed reads that record a problem instead of throwing, so that all of them are reported at once. */
    private record Fields(Map<String, Object> map, List<String> problems) {
        String requiredString(String key, String expected) {
            Object v = map.get(key);
            if (v == null || v.toString().isBlank()) {
                problems.add("'" + key + "' is missing: expected " + expected);
                return null;
            }
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                problems.add("'" + key + "': expected " + expected + ", got a " + kind(v));
                return null;
            }
            return v.toString().trim();
        }

        String optionalString(String key, String dflt) {
            Object v = map.get(key);
            if (v == null || v.toString().isBlank()) {
                return dflt;
            }
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                problems.add("'" + key + "': expected text, got a " + kind(v));
                return dflt;
            }
            return v.toString().trim();
        }

        long requiredPositiveLong(String key, String expected) {
            Object v = map.get(key);
            if (v == null) {
                problems.add("'" + key + "' is missing: expected " + expected);
                return 0;
            }
            if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float) && n.longValue() > 0) {
                return n.longValue();
            }
            problems.add("'" + key + "': expected " + expected + ", got '" + v + "'");
            return 0;
        }

        boolean optionalBool(String key, boolean dflt) {
            Object v = map.get(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            problems.add("'" + key + "': expected true or false, got '" + v + "'");
            return dflt;
        }

        long optionalLong(String key, long dflt, long min, long max, String expected) {
            Object v = map.get(key);
            if (v == null) {
                return dflt;
            }
            if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= min
                    && ((Number) v).longValue() <= max) {
                return ((Number) v).longValue();
            }
            problems.add("'" + key + "': expected " + expected + ", got '" + v + "'");
            return dflt;
        }
    }
}
