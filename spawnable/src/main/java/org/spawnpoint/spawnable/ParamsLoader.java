package org.spawnpoint.spawnable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reads a parameter file: UTF-8, {@code /* *&#47;} comments stripped, one YAML mapping. */
final class ParamsLoader {

    private ParamsLoader() {
    }

    static Params load(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ParamsException(source, source + ": no such file (working directory "
                    + Path.of("").toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new ParamsException(source, source + ": cannot be read: " + e, e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ParamsException(source, source + ": is not valid UTF-8 text", e);
        }
        return parse(source, text);
    }

    static Params parse(String source, String text) {
        String stripped;
        try {
            stripped = CommentStripper.strip(text);
        } catch (CommentStripper.CommentSyntaxException e) {
            throw new ParamsException(source, source + ": line " + e.line + ", column " + e.column + ": "
                    + e.getMessage(), e);
        }
        Object root;
        try {
            root = newYaml().load(stripped);
        } catch (YAMLException e) {
            throw new ParamsException(source, source + ": is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return new Params(source, Map.of());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ParamsException(source, source + ": should be a YAML mapping of parameter names to values, but"
                    + " it is " + Params.describe(root));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object key = e.getKey();
            if (key instanceof Map || key instanceof List || key == null) {
                throw new ParamsException(source, source + ": parameter names must be text, but one is "
                        + Params.describe(key));
            }
            String name = String.valueOf(key);
            if (values.containsKey(name)) {
                throw new ParamsException(source, source + ": parameter '" + name + "' is given twice");
            }
            values.put(name, e.getValue());
        }
        return new Params(source, values);
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new NoTimestampResolver());
    }

    /**
     * YAML 1.1 resolution without timestamps: Go's yaml.v2 leaves {@code 2016-09-21} as text when decoding into
     * {@code interface{}}, and a date-looking value should stay the string the author wrote.
     */
    private static final class NoTimestampResolver extends Resolver {
        @Override
        public void addImplicitResolver(Tag tag, java.util.regex.Pattern regexp, String first) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first);
            }
        }

        @Override
        public void addImplicitResolver(Tag tag, java.util.regex.Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }
}
