package org.spawnpoint.spawnclient.model;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.serializer.Serializer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML reading and writing for {@link ServiceConfig}. Reading walks SnakeYAML's node tree rather than constructed
 * objects, so scalars keep the text the user wrote ({@code memAlloc: 010G} stays {@code 010G}, as Go's yaml.v2 would
 * hand it to the original daemon) and each key's type is checked where it appears.
 */
final class ServiceConfigYaml {
    private static final Pattern APT_PACKAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+.:=~_-]*");
    private static final Pattern GIT_URL = Pattern.compile("(https?|git|ssh)://\\S+");
    private static final List<String> TRUE = List.of("y", "yes", "true", "on");
    private static final List<String> FALSE = List.of("n", "no", "false", "off");

    /**
     * Most characters (code points) in a config document. A config is a page of keys plus an entity's base64 (under
     * 1 KiB) or its sealed form; 1 Mi leaves room for long run lines and still parses in milliseconds.
     */
    static final int MAX_CODE_POINTS = 1 << 20;
    /** Deepest nesting: a config needs 2 (the mapping, then a list); a few more are tolerated. */
    static final int MAX_NESTING_DEPTH = 8;
    /** Aliases to lists or mappings; a config needs none (yaml.v2 allows them, so a few are kept). */
    static final int MAX_COLLECTION_ALIASES = 20;
    /**
     * Most characters one key may add up to once aliases are followed: a list of aliases to one long scalar would
     * otherwise expand far beyond the document (and be dumped into every service heartbeat).
     */
    static final int MAX_KEY_CHARS = 1 << 20;
    /**
     * Most YAML events (about two per value) in a document. A tree of tiny nodes costs some 300 bytes each: a 1 MiB
     * flow list of one-letter items (500 000 nodes) ran a 64 MiB heap out of memory while composing, so the events
     * are counted on a streaming pass, which keeps nothing, before the tree is built. Real configs have dozens.
     */
    static final int MAX_EVENTS = 20_000;

    private ServiceConfigYaml() {
    }

    /** Every key a service config may have. */
    static final java.util.Set<String> KEYS = java.util.Set.of("serviceName", "entity", "sealedEntity", "image",
            "container", "source", "aptRequires", "build", "run", "memAlloc", "cpuShares", "volumes", "includedFiles",
            "includedDirs", "autoRestart", "restartInt", "overlayNet", "useHostNet", "zombiePeriod", "devices",
            "healthCheck", "restartPolicy");

    static ServiceConfig parse(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
            options.setCodePointLimit(MAX_CODE_POINTS);
            options.setNestingDepthLimit(MAX_NESTING_DEPTH);
            options.setAllowRecursiveKeys(false);
            // Only the node tree is composed (no objects are constructed), so no tag can run a constructor; explicit
            // tags outside YAML's standard ones are refused below all the same.
            options.setTagInspector(tag -> false);
            // SnakeYAML's parser and composer without the Yaml facade, which made a Constructor and a Representer
            // for each call, 6% of a deploy's CLI main thread (async-profiler); Yaml.parse and Yaml.compose do the same.
            int events = 0;
            ParserImpl counting = new ParserImpl(new StreamReader(new StringReader(text)), options);
            while (counting.peekEvent() != null) {
                counting.getEvent();
                if (++events > MAX_EVENTS) {
                    throw new ConfigException(null, "is not accepted: the document has more than " + MAX_EVENTS
                            + " YAML events (values, list items, keys); a config has a few dozen");
                }
            }
            root = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(),
                    options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark();
            if (e.getProblem() != null && e.getProblem().contains("exceed")) {
                throw new ConfigException(null, "is not accepted: " + limitMessage(e.getProblem()));
            }
            String where = m == null ? "" : " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
            throw new ConfigException(null, "is not valid YAML: " + e.getProblem() + where);
        } catch (YAMLException e) {
            throw new ConfigException(null, "is not valid YAML: " + limitMessage(e.getMessage()));
        }
        if (root == null) {
            throw new ConfigException(null, "is empty: expected a YAML mapping of config keys");
        }
        if (!(root instanceof MappingNode map)) {
            throw new ConfigException(null, "expected a YAML mapping of config keys (key: value), got a " + kind(root));
        }
        YamlTags.requireStandard(map);
        ServiceConfig.Builder b = ServiceConfig.builder();
        String container = null;
        boolean hasImage = false;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ConfigException(null, "expected text keys, got a " + kind(t.getKeyNode()) + " as a key");
            }
            String key = keyNode.getValue();
            if (!seen.add(key)) {
                throw new ConfigException(key, "appears twice (line " + (keyNode.getStartMark().getLine() + 1)
                        + "): expected each key once");
            }
            Node v = t.getValueNode();
            switch (key) {
                case "serviceName" -> {
                    String name = string(key, v);
                    if (!name.isEmpty()) {
                        ServiceConfig.checkServiceName(name);
                    }
                    b.serviceName(name);
                }
                case "entity" -> b.entity(string(key, v));
                case "sealedEntity" -> b.sealedEntity(string(key, v));
                case "image" -> {
                    b.image(string(key, v));
                    hasImage = true;
                }
                case "container" -> container = string(key, v);
                case "source" -> b.source(source(key, string(key, v)));
                case "aptRequires" -> b.aptRequires(aptRequires(key, v));
                case "build" -> b.build(strings(key, v));
                case "run" -> b.run(strings(key, v));
                case "memAlloc" -> {
                    String mem = string(key, v);
                    if (!mem.isEmpty()) {
                        try {
                            MemAlloc.parseMiB(mem);
                        } catch (IllegalArgumentException e) {
                            throw new ConfigException(key, e.getMessage());
                        }
                    }
                    b.memAlloc(mem);
                }
                case "cpuShares" -> b.cpuShares(unsigned(key, v));
                case "volumes" -> b.volumes(names(key, v, "a Docker volume name"));
                case "includedFiles" -> b.includedFiles(nonEmptyStrings(key, v));
                case "includedDirs" -> b.includedDirs(nonEmptyStrings(key, v));
                case "autoRestart" -> b.autoRestart(bool(key, v));
                case "restartInt" -> b.restartInt(durationText(key, v));
                case "overlayNet" -> {
                    String net = string(key, v);
                    if (!net.isEmpty() && !ServiceConfig.isDockerName(net)) {
                        throw new ConfigException(key, "expected a Docker network name (letters, digits, '_', '.', '-'), got \"" + net + "\"");
                    }
                    b.overlayNet(net);
                }
                case "useHostNet" -> b.useHostNet(bool(key, v));
                case "zombiePeriod" -> b.zombiePeriod(durationText(key, v));
                case "devices" -> b.devices(devices(key, v));
                case "healthCheck" -> b.healthCheck(ServicePolicyYaml.healthCheck(v));
                case "restartPolicy" -> b.restartPolicy(ServicePolicyYaml.restartPolicy(v));
                default -> {
                    // The original ignored unknown keys (yaml.v2 without strict mode), so a typo such as 'memalloc'
                    // surfaced as "'memAlloc' is missing". Every 0.2 client re-encodes its config struct and sends
                    // only these keys, so refusing others costs no compatibility.
                    String near = KeySuggestions.closest(key, KEYS);
                    throw new ConfigException(key, "is not a service config key" + (near == null ? ""
                            : " (did you mean '" + near + "'?)") + "; the keys are " + new java.util.TreeSet<>(KEYS));
                }
            }
        }
        if (container != null && !hasImage) {
            // The README's obsolete 'container:' key names the image; honour it rather than silently dropping it.
            b.image(container);
        }
        return b.build();
    }

    static String dump(ServiceConfig c, boolean withEntity) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("serviceName", c.serviceName());
        if (withEntity) {
            if (c.sealedEntity().isEmpty()) {
                m.put("entity", c.entity());
            } else {
                // Sealed: the plain key stays out altogether, so no 0.2 reader mistakes an empty one for the entity.
                m.put("sealedEntity", c.sealedEntity());
            }
        }
        m.put("image", c.image());
        putList(m, "build", c.build());
        putText(m, "source", c.source());
        putText(m, "aptRequires", c.aptRequiresText());
        putList(m, "run", c.run());
        m.put("memAlloc", c.memAlloc());
        m.put("cpuShares", c.cpuShares());
        putList(m, "volumes", c.volumes());
        putList(m, "includedFiles", c.includedFiles());
        putList(m, "includedDirs", c.includedDirs());
        m.put("autoRestart", c.autoRestart());
        putText(m, "restartInt", c.restartInt());
        putText(m, "overlayNet", c.overlayNet());
        if (c.useHostNet()) {
            m.put("useHostNet", true);
        }
        putText(m, "zombiePeriod", c.zombiePeriod());
        putList(m, "devices", c.devices());
        ServicePolicyYaml.dump(m, c.healthCheck(), c.restartPolicy());
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setSplitLines(false);
        o.setWidth(Integer.MAX_VALUE / 2);
        // What Yaml.dump does, without the Constructor the Yaml facade makes for loading (see parse).
        java.io.StringWriter out = new java.io.StringWriter();
        Serializer serializer = new Serializer(new Emitter(out, o), new Resolver(), o, null);
        try {
            serializer.open();
            serializer.serialize(new Representer(o).represent(m));
            serializer.close();
        } catch (java.io.IOException e) {
            throw new YAMLException(e);
        }
        return out.toString();
    }

    /** SnakeYAML's limit messages, with the limit named as our key so that users know what to shorten. */
    private static String limitMessage(String m) {
        if (m == null) {
            return "";
        }
        if (m.contains("code point")) {
            return "the document exceeds the limit of " + MAX_CODE_POINTS + " characters (" + m + ")";
        }
        if (m.contains("Nesting Depth")) {
            return "the document nests deeper than the limit of " + MAX_NESTING_DEPTH + " levels (" + m + ")";
        }
        if (m.contains("aliases")) {
            return "the document has more than " + MAX_COLLECTION_ALIASES + " aliases to lists or mappings (" + m + ")";
        }
        return m;
    }

    private static void putText(Map<String, Object> m, String key, String v) {
        if (!v.isEmpty()) {
            m.put(key, v);
        }
    }

    private static void putList(Map<String, Object> m, String key, List<String> v) {
        if (!v.isEmpty()) {
            m.put(key, new ArrayList<>(v));
        }
    }

    static String kind(Node n) {
        if (n instanceof MappingNode) {
            return "mapping";
        }
        if (n instanceof SequenceNode) {
            return "list";
        }
        return "text value";
    }

    static boolean isNull(Node v) {
        return v instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    static String string(String key, Node v) {
        if (isNull(v)) {
            return "";
        }
        if (v instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new ConfigException(key, "expected a text value, got a " + kind(v));
    }

    static List<String> strings(String key, Node v) {
        if (isNull(v)) {
            return List.of();
        }
        if (!(v instanceof SequenceNode seq)) {
            throw new ConfigException(key, "expected a list of text values (- item lines or [a, b]), got a " + kind(v));
        }
        List<String> out = new ArrayList<>();
        long chars = 0;
        for (int i = 0; i < seq.getValue().size(); i++) {
            if (seq.getValue().get(i) instanceof ScalarNode s) {
                chars += s.getValue().length();
                if (chars > MAX_KEY_CHARS) {
                    throw new ConfigException(key, "is not accepted: its items add up to more than " + MAX_KEY_CHARS
                            + " characters (aliases followed) at item " + (i + 1));
                }
            }
            Node item = seq.getValue().get(i);
            if (!(item instanceof ScalarNode s) || isNull(item)) {
                throw new ConfigException(key, "expected a list of text values, but item " + (i + 1) + " is "
                        + (isNull(item) ? "empty" : "a " + kind(item)));
            }
            out.add(s.getValue());
        }
        return out;
    }

    private static List<String> nonEmptyStrings(String key, Node v) {
        List<String> out = strings(key, v);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).isBlank()) {
                throw new ConfigException(key, "expected a list of paths, but item " + (i + 1) + " is empty");
            }
        }
        return out;
    }

    private static List<String> names(String key, Node v, String what) {
        List<String> out = strings(key, v);
        for (String s : out) {
            if (!ServiceConfig.isDockerName(s)) {
                throw new ConfigException(key, "expected " + what + " (letters, digits, '_', '.', '-'), got \"" + s + "\"");
            }
        }
        return out;
    }

    private static List<String> aptRequires(String key, Node v) {
        List<String> pkgs = new ArrayList<>();
        if (v instanceof ScalarNode && !isNull(v)) {
            for (String p : string(key, v).trim().split("\\s+")) {
                if (!p.isEmpty()) {
                    pkgs.add(p);
                }
            }
        } else {
            for (String p : strings(key, v)) {
                pkgs.addAll(List.of(p.trim().split("\\s+")));
            }
            pkgs.removeIf(String::isEmpty);
        }
        for (String p : pkgs) {
            // The list ends up on an apt-get command line: refuse anything that is not a package name.
            if (!APT_PACKAGE.matcher(p).matches()) {
                throw new ConfigException(key, "expected Debian package names (a list, or one space-separated text),"
                        + " got \"" + p + "\"");
            }
        }
        return pkgs;
    }

    private static String source(String key, String s) {
        if (s.isEmpty()) {
            return s;
        }
        String url = s.startsWith("git+") ? s.substring(4) : s;
        if (!GIT_URL.matcher(url).matches()) {
            throw new ConfigException(key, "expected a git URL such as https://example.org/repo.git"
                    + " (optionally prefixed with git+), got \"" + s + "\"");
        }
        return s;
    }

    private static long unsigned(String key, Node v) {
        String s = string(key, v).trim().replace("_", "");
        if (s.isEmpty()) {
            return 0;
        }
        try {
            long n;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                n = Long.parseLong(s.substring(2), 16);
            } else {
                n = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            }
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "expected a whole number of CPU shares (1024 per core), got \""
                    + string(key, v) + "\"");
        }
    }

    private static boolean bool(String key, Node v) {
        String s = string(key, v).trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || FALSE.contains(s)) {
            return false;
        }
        if (TRUE.contains(s)) {
            return true;
        }
        throw new ConfigException(key, "expected true or false, got \"" + string(key, v) + "\"");
    }

    private static String durationText(String key, Node v) {
        String s = string(key, v).trim();
        if (!s.isEmpty()) {
            try {
                if (GoFormats.parseDuration(s).isNegative()) {
                    throw new ConfigException(key, "expected a duration that is not negative, got \"" + s + "\"");
                }
            } catch (ConfigException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
            }
        }
        return s;
    }

    private static List<String> devices(String key, Node v) {
        List<String> out = strings(key, v);
        for (String d : out) {
            if (!d.startsWith("/") || d.contains("..")) {
                throw new ConfigException(key, "expected absolute host device paths such as /dev/ttyUSB0, got \"" + d + "\"");
            }
        }
        return out;
    }
}
