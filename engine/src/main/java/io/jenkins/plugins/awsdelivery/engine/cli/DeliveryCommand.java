package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.DeliveryAbortedException;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryFailedException;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMasker;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMaskingWriter;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/delivery}: the engine's command-line interface. Exit 0 on success; otherwise non-zero and one line on
 * stderr that says what is wrong. Output meant for scripts goes to stdout, progress to stderr.
 *
 * <p>The commands are in {@link #COMMANDS}, not in the annotation: picocli builds the model of every registered command
 * by reflection, so a run registers only the command it names (see {@link #commandLine}).
 */
@Command(
        name = "delivery",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Carry one container image digest from a commit to production on AWS.")
public final class DeliveryCommand implements Runnable {
    /** Every command, in the order {@code delivery help} lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            CommandLine.HelpCommand.class,
            RefCommand.class,
            PromoteCommand.class,
            JunitCommand.class,
            PushCommand.class,
            RenderCommand.class,
            DeployCommand.class,
            EksTokenCommand.class,
            EcsDeployCommand.class,
            CfnDeployCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "name a command: "
                        + String.join(", ", spec.commandLine().getSubcommands().keySet()));
    }

    public static void main(String[] args) {
        // fabric8 and the AWS SDK log through SLF4J; without a provider it warns on stderr, which must hold at most the
        // one line that says what went wrong, whatever the command. Set here only: main() owns the JVM.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        int exitCode = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        // The exit would otherwise wait 0.3 s for the idle HTTP client's selector thread (in native code).
        HttpClientSelectors.interruptAll();
        System.exit(exitCode);
    }

    /**
     * Runs the CLI with the given streams; tests call this instead of {@link #main}. Everything written to
     * {@code err} (progress events, the error line) passes a {@link SecretMasker} that knows the credentials given by
     * option or environment variable: the last line of defence after the engine's own masking.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter rawErr) {
        PrintWriter err = new PrintWriter(
                new SecretMaskingWriter(rawErr, SecretMasker.of(KnownSecrets.of(args, ProcessEnvironment.get()))),
                true);
        try {
            return run(args, out, err);
        } catch (Throwable internal) {
            // picocli hands only Exceptions to the handler below; an Error (StackOverflowError, OutOfMemoryError)
            // would otherwise reach the user as a stack trace.
            err.println("delivery" + (args.length > 0 && !args[0].startsWith("-") ? " " + args[0] : "")
                    + ": internal error: " + oneLine(internal) + "; please report it");
            err.flush();
            return 2;
        }
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("delivery " + cmd.getCommandName() + ": " + oneLine(exception));
            cmd.getErr().flush();
            if (exception instanceof DeliveryAbortedException) {
                return 130;
            }
            return exception instanceof DeliveryFailedException ? 1 : 2;
        });
        commandLine.setParameterExceptionHandler((exception, parsedArgs) -> {
            CommandLine cmd = exception.getCommandLine();
            boolean top = cmd.getParent() == null;
            cmd.getErr()
                    .println(
                            top
                                    ? "delivery: " + oneLine(exception) + " (see 'delivery help')"
                                    : "delivery " + cmd.getCommandName() + ": " + oneLine(exception)
                                            + " (see 'delivery help " + cmd.getCommandName() + "')");
            cmd.getErr().flush();
            return 64;
        });
        String unknown = unknownCommand(commandLine, args);
        if (unknown != null) {
            err.println("delivery: unknown command \"" + unknown + "\"; the commands are: "
                    + String.join(", ", commandLine.getSubcommands().keySet()));
            err.flush();
            return 64;
        }
        return commandLine.execute(args);
    }

    /**
     * The command line with only the command that {@code args} names registered, which saves a short run the
     * reflection over all the others (about 0.17 s of CPU of a re-promotion; docs/benchmarks.md, "CLI start-up levers"). With
     * every command when {@code args} name none, name {@code help} (both list the commands) or name an unknown one.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine commandLine = new CommandLine(new DeliveryCommand());
        String word = firstWord(args);
        Class<?> named = COMMANDS.stream()
                .filter(type -> type.getAnnotation(Command.class).name().equals(word))
                .findFirst()
                .orElse(null);
        if (named == null || named == CommandLine.HelpCommand.class) {
            COMMANDS.forEach(commandLine::addSubcommand);
        } else {
            commandLine.addSubcommand(named);
        }
        return commandLine;
    }

    /**
     * The first word that is not an option, when it names no command. picocli would otherwise print the top-level help
     * and exit 0 for {@code delivery nosuch --help}, or report an "unmatched argument" for {@code delivery nosuch}.
     * The top-level options ({@code --help}, {@code --version}) take no value, so the first other word is the command.
     */
    private static String unknownCommand(CommandLine commandLine, String[] args) {
        String word = firstWord(args);
        return word == null || commandLine.getSubcommands().containsKey(word) ? null : word;
    }

    /** The first argument that is not an option, or null. */
    private static String firstWord(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    private static String oneLine(Throwable exception) {
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
