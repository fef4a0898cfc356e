package vigil.sim.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import vigil.core.Grade;
import vigil.sim.json.EventJson;
import vigil.sim.json.Fields;
import vigil.sim.json.InvalidInput;
import vigil.sim.replay.Replay;
import vigil.sim.report.Daris;
import vigil.sim.report.Filter;
import vigil.sim.report.Report;
import vigil.sim.report.ReportCsv;
import vigil.sim.report.ReportJson;
import vigil.sim.scenario.Scenario;
import vigil.sim.scenario.ScenarioReader;
import vigil.sim.simulate.Progress;
import vigil.sim.simulate.Simulation;
import vigil.sim.simulate.Summary;
import vigil.sim.simulate.SummaryJson;
import vigil.sim.despatch.Overloaded;
import vigil.sim.model.Model;
import vigil.sim.model.ModelReader;

/**
 * The command line: {@code replay FILE}, {@code simulate FILE}, {@code report FILE}. Exit 0 on success; exit 2 with
 * one line on stderr for a bad file or bad arguments. Never a stack trace.
 */
@Command(name = "vigil", mixinStandardHelpOptions = true, subcommands = {VigilCli.ReplayCommand.class,
        VigilCli.SimulateCommand.class, VigilCli.ReportCommand.class},
        description = "Vigil: police command and control that never lets a call go quiet.")
public final class VigilCli implements Callable<Integer> {
    public static final int INVALID_INPUT = 2;
    /** The run failed for a reason other than its input: its output could not be written, or a fault of Vigil's. */
    public static final int FAILED = 1;
    private static final String OUTPUT_LOST = "vigil: the output could not be written (a full disk, or its reader "
            + "stopped reading): what was printed is incomplete";
    /** How many events replay writes between looks at whether stdout still takes them. */
    private static final int LINES_BETWEEN_CHECKS = 4096;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No subcommand: say what there is, and fail as for any bad argument. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return INVALID_INPUT;
    }

    public static void main(String[] args) {
        // Straight to file descriptor 1, not through System.out: a PrintStream hides a failed write (a full disk)
        // even from checkError() of a writer over it, and the exit code must tell.
        System.exit(execute(args, new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new VigilCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("vigil: " + ex.getMessage());
            err.flush();
            return INVALID_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            Throwable t = ex;
            if (t instanceof UncheckedIOException u) {
                t = u.getCause();
            }
            if (t instanceof OutputLost) {
                return outputLost(err);
            }
            if (t instanceof Overloaded o) {
                err.println("vigil: " + o.getMessage());
                err.flush();
                return INVALID_INPUT;
            }
            if (t instanceof InvalidInput bad) {
                err.println("vigil: " + bad.getMessage());
                err.flush();
                return INVALID_INPUT;
            }
            err.println("vigil: internal error: " + t + " (please report it)");
            err.flush();
            return FAILED;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("vigil: out of memory; give Java a larger heap, e.g. JAVA_TOOL_OPTIONS=-Xmx4g");
            err.flush();
            return FAILED;
        }
        out.flush();
        return code == 0 && out.checkError() ? outputLost(err) : code;
    }

    private static int outputLost(PrintWriter err) {
        err.println(OUTPUT_LOST);
        err.flush();
        return FAILED;
    }

    /** Stdout no longer takes what is printed: stop rather than compute what nobody will read. */
    private static final class OutputLost extends RuntimeException {
        OutputLost() {
            super(null, null, false, false);
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Run a scenario through the engine and print every event, one JSON object a line.")
    static final class ReplayCommand implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the scenario file (JSON)")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            // Every step is checked before the first event is printed, so a bad file prints nothing; then events
            // stream out as the engine records them, never held as one block.
            Scenario scenario = ScenarioReader.read(file);
            PrintWriter out = spec.commandLine().getOut();
            long[] lines = {0};
            Replay.run(scenario, r -> {
                out.append(EventJson.line(r)).append('\n');
                if (++lines[0] % LINES_BETWEEN_CHECKS == 0 && out.checkError()) {
                    throw new OutputLost();
                }
            });
            out.flush();
            return 0;
        }
    }

    /** A seed: any whole number that fits in 64 bits, said plainly when it is not one. */
    static final class WholeNumber implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number from "
                        + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
            }
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Run a synthetic control room through the engine and print a JSON summary.")
    static final class SimulateCommand implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the model file (JSON)")
        Path file;

        @CommandLine.Option(names = "--seed", paramLabel = "N", description = "random seed (default: the model's)",
                converter = WholeNumber.class)
        Long seed;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Model model = ModelReader.read(file);
            model.warnings().forEach(w -> spec.commandLine().getErr().println("vigil: warning: " + w));
            long s = seed != null ? seed : model.seed();
            Summary summary = Simulation.run(model, s, Progress.to(spec.commandLine().getErr()));
            PrintWriter out = spec.commandLine().getOut();
            out.println(SummaryJson.text(summary));
            out.flush();
            return 0;
        }
    }

    /** An instant as the contracts write them: ISO-8601 with an offset or Z, in the years Vigil keeps time for. */
    static final class IsoInstant implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            Instant at;
            try {
                at = OffsetDateTime.parse(value.trim().replace(',', '.'), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not an ISO-8601 instant with an offset or Z (e.g. 2018-06-01T00:00:00Z)");
            }
            if (!Fields.inRange(at)) {
                throw new CommandLine.TypeConversionException("'" + value + "' is outside the years 1900 to 2199");
            }
            return at;
        }
    }

    enum Format { json, csv }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Replay a scenario and print the standard reports (DARIS) over it.")
    static final class ReportCommand implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the scenario file (JSON)")
        Path file;

        @CommandLine.Option(names = "--from", paramLabel = "INSTANT", converter = IsoInstant.class,
                description = "start of the period (default: the scenario's start)")
        Instant from;

        @CommandLine.Option(names = "--to", paramLabel = "INSTANT", converter = IsoInstant.class,
                description = "end of the period, included (default: the scenario's until)")
        Instant to;

        @CommandLine.Option(names = "--format", paramLabel = "json|csv", defaultValue = "json",
                description = "json (default): one object; csv: one table per report")
        Format format;

        @CommandLine.Option(names = "--bcu", paramLabel = "BCU",
                description = "only incidents of this BCU (repeat for more; '-' for none)")
        List<String> bcus = List.of();

        @CommandLine.Option(names = "--grade", paramLabel = "I|S|E|R",
                description = "only incidents of this grade at the end of the period (repeat for more)")
        List<Grade> grades = List.of();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Scenario scenario = ScenarioReader.read(file);
            Instant start = from != null ? from : scenario.start();
            Instant end = to != null ? to : scenario.until();
            if (to != null && to.isAfter(scenario.until())) {
                throw new InvalidInput("--to " + to + " is after the scenario's until (" + scenario.until()
                        + "): the replay records nothing beyond it");
            }
            if (start.isAfter(end)) {
                throw new InvalidInput("--from " + start + " is after "
                        + (to != null ? "--to " : "the scenario's until ") + end);
            }
            Daris daris = new Daris(scenario.policy());
            Replay.run(scenario, daris::accept);
            Report report = daris.report(start, end, new Filter(Set.copyOf(bcus), Set.copyOf(grades)));
            PrintWriter out = spec.commandLine().getOut();
            out.write(format == Format.csv ? ReportCsv.text(report) : ReportJson.text(report));
            out.flush();
            return 0;
        }
    }
}
