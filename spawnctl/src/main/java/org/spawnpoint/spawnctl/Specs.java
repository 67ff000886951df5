package org.spawnpoint.spawnctl;

import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's model of a command, described in code and bound to the command's fields, instead of read from
 * {@code @Command}/{@code @Option} annotations. Reading annotations made the JVM generate a proxy class for each
 * annotation type and picocli scan every method and field of each command by reflection: about half of picocli's
 * share of a {@code spawnctl scan} start-up (issue 17; figures in spawnctl/README.md, "Where the cold start goes").
 * The parsing, help, errors and generated docs are picocli's as before.
 */
final class Specs {
    private Specs() {
    }

    /** A command run by {@code command} ({@code Callable} or {@code Runnable}); {@link #withHelp} completes it. */
    static CommandSpec command(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    /**
     * Adds {@code -h} and {@code -V} after the command's own options, as picocli's {@code mixinStandardHelpOptions}
     * does (in that order, which the generated bash completion keeps).
     */
    static CommandSpec withHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** An option that takes a value of {@code type}, given to {@code field}; null when not given. */
    static <T> OptionSpec.Builder option(Class<T> type, Consumer<T> field, String... names) {
        Binding<T> b = new Binding<>(field);
        return OptionSpec.builder(names).type(type).initialValue(null).getter(b).setter(b);
    }

    /** A flag (no value): {@code field} gets true when it is given, else false. */
    static OptionSpec.Builder flag(Consumer<Boolean> field, String... names) {
        Binding<Boolean> b = new Binding<>(field);
        return OptionSpec.builder(names).type(boolean.class).initialValue(false).getter(b).setter(b);
    }

    /** A positional parameter of {@code type}, given to {@code field}; null when not given. */
    static <T> PositionalParamSpec.Builder positional(Class<T> type, Consumer<T> field) {
        Binding<T> b = new Binding<>(field);
        return PositionalParamSpec.builder().type(type).initialValue(null).getter(b).setter(b);
    }

    /**
     * Holds an argument's value for picocli (which reads it back, e.g. to add to a map option) and hands each new
     * value to the command's field. A class: picocli's getter and setter are generic methods, which a lambda cannot
     * implement.
     */
    private static final class Binding<T> implements IGetter, ISetter {
        private final Consumer<T> field;
        private Object value;

        Binding(Consumer<T> field) {
            this.field = field;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V get() {
            return (V) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V set(V v) {
            V old = (V) value;
            value = v;
            field.accept((T) v);
            return old;
        }
    }
}
