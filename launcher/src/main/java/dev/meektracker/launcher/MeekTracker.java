package dev.meektracker.launcher;

import dev.meektracker.core.config.KafkaVersion;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point: {@code ./meek-tracker <command>}. */
@Command(
        name = "meek-tracker",
        mixinStandardHelpOptions = true,
        versionProvider = MeekTracker.Version.class,
        description = {
            "Tracks the capability gap between frontier and meek (small-budget, open-weights) AI models on Apache Kafka,",
            "after Gundlach, Lynch & Thompson, 'Meek Models Shall Inherit the Earth' (2025)."
        })
public final class MeekTracker implements Runnable {

    /** The commands, in the order the usage lists them (added in {@link #commandLine(String...)}). */
    static final List<Class<?>> COMMANDS = List.of(
            DemoCommand.class,
            ProduceCommand.class,
            TopicsCommand.class,
            StreamsCommand.class,
            ConsumersCommand.class,
            WatchCommand.class,
            BrokerCommand.class,
            ScenarioCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The whole command line, every command in it. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when they start with a command's name, that command alone.
     * picocli reads every option of every command it is given by reflection, 170 ms of each start
     * (with the class-data archive) for the nine commands; one takes a fraction of it. Anything else
     * (no command, --help, help, a misspelt name that deserves suggestions) gets them all.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new MeekTracker());
        Class<?> only = args.length == 0
                ? null
                : COMMANDS.stream()
                        .filter(c -> c != CommandLine.HelpCommand.class
                                && c.getAnnotation(Command.class).name().equals(args[0]))
                        .findFirst()
                        .orElse(null);
        for (Class<?> c : COMMANDS) {
            if (only == null || c == only) {
                cli.addSubcommand(c);
            }
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // Bad input is the user's to fix: one clear line, no stack trace.
            if (ex instanceof IllegalArgumentException
                    || ex instanceof java.nio.file.NoSuchFileException
                    || ex instanceof java.io.UncheckedIOException
                    || ex instanceof java.io.IOException) {
                // The message may quote a file's header or name: its control characters are shown, not obeyed.
                commandLine
                        .getErr()
                        .println("meek-tracker: "
                                + dev.meektracker.core.serde.Reasons.printable(
                                        ex instanceof java.nio.file.NoSuchFileException n
                                                ? "no such file: " + n.getFile()
                                                : ex.getMessage()));
                return 2;
            }
            String refused = KafkaErrors.refusal(ex);
            if (refused != null) {
                commandLine.getErr().println("meek-tracker: " + refused);
                return 1;
            }
            if (ex instanceof BrokerCheck.Unreachable || ex instanceof DemoCommand.NotIdle) {
                commandLine.getErr().println("meek-tracker: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The build's version, from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MeekTracker.class.getPackage().getImplementationVersion();
            return new String[] {
                "meek-tracker " + (v == null ? "development build" : v) + ", Kafka " + KafkaVersion.get()
            };
        }
    }
}
