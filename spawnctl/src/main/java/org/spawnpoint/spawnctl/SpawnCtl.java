package org.spawnpoint.spawnctl;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.OutputStreamWriter;
import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.RequestTimeoutException;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.SpawnClientException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;

/** {@code spawnctl}: control and monitor Spawnpoints from the terminal. */
public final class SpawnCtl implements Runnable {

    final CtlContext ctx;

    /** {@code -r}; null when not given. */
    String router;

    /** {@code -e}; null when not given. */
    String entity;

    ColorMode color = ColorMode.auto;

    enum ColorMode { auto, always, never }

    SpawnCtl(CtlContext ctx) {
        this.ctx = ctx;
    }

    /** The commands, in the order help lists them. */
    static final String[] COMMANDS = {"scan", "inspect", "ps", "deploy", "deploy-last", "restart", "stop", "tail", "logs",
        "example"};

    /** picocli's system property: built-in type converters it does not register (regular expressions). */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /**
     * The converters for types no option of spawnctl has. picocli registers each one for every command line, loading
     * and initializing its class (java.time's date formatters, java.sql's driver manager): 88 classes and 3-5 ms of a
     * scan's CPU (issue 17). SpawnCtlTest checks that no option needs them.
     */
    static final String UNUSED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*,java\\.nio\\.file\\.Path";

    /**
     * picocli's system property that keeps its default factory from looking for Groovy's closure class. That lookup
     * fails (spawnctl has no Groovy), and a class that is nowhere makes the class loader open and search every jar on
     * the class path: 6% of a deploy's main-thread CPU (async-profiler, 3 runs). spawnctl's options take no closures.
     */
    static final String DISABLE_CLOSURES = "picocli.disable.closures";

    /** Runs the command {@code args} name and exits with its code ({@link ExitCodes}). */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // What picocli prints for --version, without building its model of the commands: 200 ms less CPU
            // (350 -> 150 ms median, loaded machine) for a command that needs none of it.
            for (String line : new Version().getVersion()) {
                out.println(line);
            }
            out.flush();
            System.exit(ExitCodes.OK);
        }
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
        if (System.getProperty(DISABLE_CLOSURES) == null) {
            System.setProperty(DISABLE_CLOSURES, "true");
        }
        CliLogProvider.install(System.getProperties());
        CtlContext ctx = CtlContext.system(out, err);
        Interrupts.onCtrlC(ctx.interrupt());
        String command = requestedCommand(args);
        WarmUp.start(command);
        int code = newCommandLine(ctx, command).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The command line with the real environment, writing to {@code out} and {@code err}. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        return newCommandLine(CtlContext.system(out, err));
    }

    static CommandLine newCommandLine(CtlContext ctx) {
        return newCommandLine(ctx, null);
    }

    /**
     * With {@code only} set, just that command is registered: building picocli's model of the other eight is
     * start-up time that a run of one command does not need. Null registers all (help, errors, tests).
     */
    static CommandLine newCommandLine(CtlContext ctx, String only) {
        SpawnCtl root = new SpawnCtl(ctx);
        CommandLine cl = new CommandLine(Specs.withHelp(root.spec()));
        for (String name : COMMANDS) {
            if (only == null || only.equals(name)) {
                cl.addSubcommand(new CommandLine(Specs.withHelp(newCommand(name, root))));
            }
        }
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        Handlers handlers = new Handlers(ctx);
        cl.setExecutionExceptionHandler(handlers);
        cl.setParameterExceptionHandler(handlers);
        return cl;
    }

    /** Failures as one line on stderr. A class rather than lambdas: see {@link CtlContext#system}. */
    private static final class Handlers implements CommandLine.IExecutionExceptionHandler,
            CommandLine.IParameterExceptionHandler {
        private final CtlContext ctx;

        Handlers(CtlContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
            if (e instanceof SpawnClientException s && refusedPermission(s)) {
                Object root = cmd.getParent() == null ? cmd.getCommand() : cmd.getParent().getCommand();
                if (root instanceof SpawnCtl ctl) {
                    return report(ctx, new SpawnClientException(s.spawnpointUri(), s.service(), s.getMessage()
                            + ctl.permissionHint(cmd.getCommandName(), s.spawnpointUri()), s.getCause()));
                }
            }
            return report(ctx, e);
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine c = e.getCommandLine();
            String unknown = unknownCommand(e);
            if (unknown != null) {
                String closest = org.spawnpoint.spawnclient.model.KeySuggestions.closest(unknown, java.util.List.of(COMMANDS));
                ctx.err().println("Unknown command '" + unknown + "'" + (closest == null ? "" : " (did you mean '"
                        + closest + "'?)") + ": expected one of " + String.join(", ", COMMANDS)
                        + " (see 'spawnctl --help')");
                ctx.err().flush();
                return ExitCodes.USAGE;
            }
            ctx.err().println(e.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            ctx.err().flush();
            return ExitCodes.USAGE;
        }
    }

    /** The word given where a command was expected, when that is what went wrong; else null. */
    private static String unknownCommand(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || e.getCommandLine().getParent() != null) {
            return null;
        }
        java.util.List<String> unmatched = u.getUnmatched();
        if (unmatched.isEmpty() || unmatched.get(0).startsWith("-")) {
            return null;
        }
        return unmatched.get(0);
    }

    private static CommandSpec newCommand(String name, SpawnCtl root) {
        return switch (name) {
            case "scan" -> new ScanCommand(root).spec();
            case "inspect" -> new InspectCommand(root).spec();
            case "ps" -> new PsCommand(root).spec();
            case "deploy" -> new DeployCommand(root).spec();
            case "deploy-last" -> new DeployLastCommand(root).spec();
            case "restart" -> new RestartCommand(root).spec();
            case "stop" -> new StopCommand(root).spec();
            case "tail" -> new TailCommand(root).spec();
            case "logs" -> new LogsCommand(root).spec();
            case "example" -> new ExampleCommand(root).spec();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** picocli's model of the root command and its options, which every command inherits ({@link Specs}). */
    CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "spawnctl", "Control and Monitor Spawnpoints").versionProvider(new Version());
        spec.usageMessage().synopsisSubcommandLabel("COMMAND").footer("",
                "Environment: BW2_AGENT (-r), BW2_DEFAULT_ENTITY (-e; else the local operator identity",
                "  $SPAWNPOINT_HOME/keys/operator.key, home ~/.spawnpoint, that bin/spawnpoint makes),",
                "  SPAWNPOINT_DEFAULT_URI (-u), SPAWNPOINT_HISTORY_FILE (deploy-last), NO_COLOR.",
                "Exit codes: 0 ok (also Ctrl-C while following a log), 1 failure, 2 usage,",
                "  3 router unreachable or connection lost, 130 Ctrl-C otherwise.");
        spec.addOption(Specs.option(String.class, v -> router = v, "-r", "--router").scopeType(ScopeType.INHERIT)
                .paramLabel("HOST[:PORT]")
                .description("BOSSWAVE router (agent) address; default $BW2_AGENT, else 127.0.0.1:28589").build());
        spec.addOption(Specs.option(String.class, v -> entity = v, "-e", "--entity").scopeType(ScopeType.INHERIT)
                .paramLabel("FILE")
                .description("entity key file to act as; default $BW2_DEFAULT_ENTITY, else the local operator identity")
                .build());
        spec.addOption(Specs.option(ColorMode.class, v -> color = v, "--color").scopeType(ScopeType.INHERIT)
                .paramLabel("WHEN").defaultValue("auto")
                .description("colour the output: auto (only on a terminal), always or never").build());
        return spec;
    }

    /**
     * The command a command line asks for, or null when it is not plainly one known command (root help or version
     * asked, no command, an unknown one): then every command is registered and picocli reports as usual.
     */
    static String requestedCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-r", "--router", "-e", "--entity", "--color" -> i++;
                case "-h", "--help", "-V", "--version", "--" -> {
                    return null;
                }
                default -> {
                    if (!a.startsWith("-")) {
                        return java.util.Arrays.asList(COMMANDS).contains(a) ? a : null;
                    }
                }
            }
        }
        return null;
    }

    private static int report(CtlContext ctx, Exception e) {
        int code;
        String msg;
        if (e instanceof CtlException c) {
            code = c.exitCode();
            msg = c.getMessage();
        } else if (e instanceof SpawnClientException s) {
            code = unreachable(s) ? ExitCodes.UNAVAILABLE : ExitCodes.FAILURE;
            msg = s.getMessage();
        } else {
            code = ExitCodes.FAILURE;
            msg = "spawnctl failed unexpectedly: " + e;
        }
        ctx.err().println(msg.replace("\n", " "));
        ctx.err().flush();
        return code;
    }

    /** {@code spawnctl} without a command: a usage error naming the commands. */
    @Override
    public void run() {
        throw CtlException.usage("Missing command: one of scan, inspect, ps, deploy, deploy-last, restart, stop, tail,"
                + " logs, example (see 'spawnctl --help')");
    }

    Style style() {
        return new Style(color == ColorMode.always || (color == ColorMode.auto && ctx.terminal()
                && ctx.getenv("NO_COLOR") == null));
    }

    /**
     * The entity file: {@code -e}, else {@code $BW2_DEFAULT_ENTITY}, else the operator identity of the local
     * spawnpoint ({@code $SPAWNPOINT_HOME/keys/operator.key}, home {@code ~/.spawnpoint}) when there is one; it must
     * exist.
     */
    Path entityFile() {
        String e = entity != null && !entity.isBlank() ? entity : ctx.getenv("BW2_DEFAULT_ENTITY");
        if (e == null) {
            Path local = localHome().resolve("keys/operator.key");
            if (Files.isReadable(local)) {
                return local;
            }
            throw CtlException.usage("Missing entity: give -e/--entity FILE or set $BW2_DEFAULT_ENTITY (no local "
                    + "identity at " + local + "; bin/spawnpoint makes one)");
        }
        Path p = resolvePath(e);
        if (!Files.isReadable(p)) {
            throw CtlException.failure("Entity file " + p + " does not exist or cannot be read");
        }
        return p;
    }

    /** Where the local spawnpoint keeps its identities and data: {@code $SPAWNPOINT_HOME}, else {@code ~/.spawnpoint}. */
    Path localHome() {
        String h = ctx.getenv("SPAWNPOINT_HOME");
        return h != null ? resolvePath(h) : ctx.home().resolve(".spawnpoint");
    }

    /** The router: {@code -r}, else {@code $BW2_AGENT}, else null (the client's default). */
    String routerAddress() {
        return router != null && !router.isBlank() ? router : ctx.getenv("BW2_AGENT");
    }

    /** {@code -u}, else {@code $SPAWNPOINT_DEFAULT_URI}; one trailing {@code /} removed. */
    String uri(String given) {
        String u = given != null && !given.isBlank() ? given : ctx.getenv("SPAWNPOINT_DEFAULT_URI");
        if (u == null || u.strip().equals("/")) {
            throw CtlException.usage("Missing 'uri' parameter: give -u/--uri URI or set $SPAWNPOINT_DEFAULT_URI");
        }
        u = u.strip();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    SpawnClient connect(Path entityFile) {
        WarmUp.awaitLogging();
        try {
            return ctx.clients().open(routerAddress(), entityFile);
        } catch (SpawnClientException e) {
            if (unreachable(e)) {
                throw new CtlException(ExitCodes.UNAVAILABLE, e.getMessage() + ". Is a router running there? Start a "
                        + "spawnpoint with its router on this machine with bin/spawnpoint (or a router alone with bin/bw2 "
                        + "router), or name yours with -r HOST:PORT or $BW2_AGENT");
            }
            throw new CtlException(ExitCodes.FAILURE, e.getMessage());
        }
    }

    /** Whether the router refused a permission ({@code [401]}: no chain of grants found). */
    static boolean refusedPermission(SpawnClientException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof org.spawnpoint.bosswave.RouterErrorException r && r.code() == 401) {
                return true;
            }
        }
        return false;
    }

    /** The rest of the sentence for a refused permission: who, what, where, and the command that grants it. */
    String permissionHint(String command, String uri) {
        Path entityFile;
        try {
            entityFile = entityFile();
        } catch (CtlException e) {
            return "";
        }
        Path ns = localHome().resolve("keys/namespace.key");
        String router = routerAddress() != null ? routerAddress() : "127.0.0.1:28589";
        return PermissionHint.text(command, uri == null ? "<uri>" : uri, entityFile, Files.isReadable(ns) ? ns : null,
                router);
    }

    /** The router could not be reached or did not answer in time: exit code 3, not a failure of the request. */
    static boolean unreachable(SpawnClientException e) {
        return e.getCause() instanceof ConnectionClosedException || e.getCause() instanceof RequestTimeoutException;
    }

    Path resolvePath(String p) {
        if (p.equals("~") || p.startsWith("~/")) {
            return ctx.home().resolve(p.equals("~") ? "" : p.substring(2)).normalize();
        }
        return ctx.workDir().resolve(p).normalize();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spawnctl " + org.spawnpoint.bosswave.wire.BuildInfo.version()
                    + " (Spawnpoint for the JVM; speaks Spawnpoint 0.2)"};
        }
    }
}
